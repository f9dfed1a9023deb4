import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import {
  clusterPolicySchema,
  type PoolRecord,
} from '@nodepools/plugin-nodepools-common';
import { clusterEntity } from './clusterEntity';
import { poolEntity } from './poolEntity';

const policy = clusterPolicySchema.parse({});
const pool: PoolRecord = {
  id: 'p-1',
  cluster: 'local',
  owner: 'group:default/payments',
  name: 'pci',
  phase: 'ready',
  spec: {
    requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
    limits: { cpu: '16', memory: '64Gi' },
    nodeClass: 'default',
    namespaces: ['payments'],
  },
  generation: 1,
  createdAt: '2026-11-24T10:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
};

/** Runs the catalog's own processor for built-in kinds and collects the relations it emits. */
async function relationsOf(entity: Entity) {
  const processor = new BuiltinKindsEntityProcessor();
  expect(await processor.validateEntityKind(entity)).toBe(true);
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(
    entity,
    { type: 'nodepools', target: 'test' },
    r => emitted.push(r),
  );
  return emitted.flatMap(r => (r.type === 'relation' ? [r.relation] : []));
}

describe('relations of the published entities', () => {
  it('ties a pool to its team and its cluster, and both resolve to entities that exist', async () => {
    const cluster = clusterEntity(
      { name: 'local', title: 'Local', policy },
      'group:default/platform',
      'nodepools:clusters',
    );
    const entity = poolEntity(pool, 'nodepools:pools', 'http://portal');
    const relations = await relationsOf(entity);
    const from = stringifyEntityRef(entity);
    const outgoing = relations
      .filter(r => stringifyEntityRef(r.source) === from)
      .map(r => `${r.type} ${stringifyEntityRef(r.target)}`);
    expect(outgoing).toEqual(
      expect.arrayContaining([
        'ownedBy group:default/payments',
        'dependsOn resource:default/local',
      ]),
    );
    // The group exists in the demo org and the cluster entity is the one this module publishes.
    const targets = relations
      .filter(r => r.type === 'dependsOn')
      .map(r => stringifyEntityRef(r.target));
    expect(targets).toEqual([stringifyEntityRef(cluster)]);
    expect(parseEntityRef(pool.owner)).toEqual(
      relations.find(r => r.type === 'ownedBy')!.target,
    );
  });

  it('makes the team own the pool (the Group page lists it under "owns")', async () => {
    const relations = await relationsOf(
      poolEntity(pool, 'nodepools:pools', 'http://portal'),
    );
    expect(
      relations.map(
        r =>
          `${stringifyEntityRef(r.source)} ${r.type} ${stringifyEntityRef(
            r.target,
          )}`,
      ),
    ).toContain(
      'group:default/payments ownerOf resource:default/local.payments.pci',
    );
  });
});

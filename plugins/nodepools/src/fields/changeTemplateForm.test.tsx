import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
  type TemplateParameterSchema,
} from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  previewRequest,
  type PoolRecord,
} from '@nodepools/plugin-nodepools-common';
import { parse } from 'yaml';
import { clustersBody, jsonResponse } from '../__fixtures__/contract';
import { defaultPolicy, readyPool } from '../__fixtures__/records';
import { fakeBackend, type BackendRoute } from '../__testUtils__/fakeBackend';
import {
  NodePoolAdvancedFieldExtension,
  NodePoolLimitsFieldExtension,
  NodePoolNodeClassPickerFieldExtension,
  NodePoolRequestCheckFieldExtension,
  NodePoolSpecListFieldExtension,
  nodePoolsApiRef,
} from '../legacy';

// The shipped change template's spec page in the scaffolder's own form: filed untouched but for
// the limits, it must carry the pool's approved spec back whole, parts set through the API included.

const template = parse(
  readFileSync(
    join(
      __dirname,
      '../../../scaffolder-backend-module-nodepools/templates/change-node-pool.yaml',
    ),
    'utf8',
  ),
);
const specPage = template.spec.parameters.find(
  (p: { title: string }) => p.title === 'The new spec',
);
const manifest: TemplateParameterSchema = {
  title: template.metadata.title,
  steps: [{ title: specPage.title, schema: specPage }],
};

/** A pool set up through the API with parts the form does not offer (instance sizes, budgets). */
const pool: PoolRecord = {
  ...readyPool,
  name: 'tuned',
  spec: {
    requirements: {
      architectures: ['arm64'],
      capacityTypes: ['spot'],
      instanceCategories: ['c', 'm'],
      minInstanceGeneration: 7,
      instanceSizes: ['2xlarge'],
      zones: ['eu-west-1a'],
    },
    limits: { cpu: '16', memory: '64Gi' },
    disruption: {
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: '5m',
      budgets: [{ nodes: '0', schedule: '@daily', duration: '1h' }],
    },
    expireAfter: '336h',
    terminationGracePeriod: '24h',
    weight: 30,
    nodeClass: 'default',
    namespaces: ['payments', 'payments-batch'],
  },
};

const backend: BackendRoute = ({ method, path, body }) => {
  if (method === 'GET' && path === '/clusters')
    return jsonResponse(200, clustersBody);
  if (method === 'GET' && path === '/pools')
    return jsonResponse(200, { items: [pool] });
  if (method === 'POST' && path === '/requests') {
    const { dryRun: _dryRun, ...request } = body;
    const result = previewRequest({
      request,
      policy: defaultPolicy,
      currentPools: [pool],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return jsonResponse(200, { preview: result.preview, warnings: [] });
  }
  return undefined;
};

const appFields = (
  <ScaffolderFieldExtensions>
    <NodePoolSpecListFieldExtension />
    <NodePoolNodeClassPickerFieldExtension />
    <NodePoolLimitsFieldExtension />
    <NodePoolAdvancedFieldExtension />
    <NodePoolRequestCheckFieldExtension />
  </ScaffolderFieldExtensions>
);

function Wizard(props: { onCreate: (values: object) => Promise<void> }) {
  const extensions = useCustomFieldExtensions(appFields);
  return (
    <Stepper
      manifest={manifest}
      extensions={extensions}
      initialState={{
        owner: pool.owner,
        cluster: pool.cluster,
        pool: pool.name,
        justification: 'More load, same shape',
      }}
      onCreate={props.onCreate}
    />
  );
}

describe('the change template in the scaffolder form', () => {
  jest.setTimeout(60_000);
  beforeAll(() => {
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });

  it("starts from the pool's approved spec and files it back whole, with only the limits changed", async () => {
    const fake = fakeBackend(backend);
    const onCreate = jest.fn(async () => {});
    await renderInTestApp(
      <TestApiProvider apis={[[nodePoolsApiRef, fake.client]]}>
        <Wizard onCreate={onCreate} />
      </TestApiProvider>,
    );

    const cpu = await screen.findByRole(
      'textbox',
      { name: 'CPU limit' },
      { timeout: 10_000 },
    );
    await waitFor(() => expect(cpu).toHaveValue('16'));
    await userEvent.clear(cpu);
    await userEvent.type(cpu, '32');
    await screen.findByText("Within the cluster's policy", undefined, {
      timeout: 10_000,
    });
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );

    await waitFor(() => expect(onCreate).toHaveBeenCalled());
    const values = (onCreate.mock.calls[0] as unknown[])[0];
    const { requirements: r, disruption, ...rest } = pool.spec;
    expect(values).toMatchObject({
      architectures: r.architectures,
      capacityTypes: r.capacityTypes,
      nodeClass: rest.nodeClass,
      limits: { cpu: '32', memory: '64Gi' },
      namespaces: rest.namespaces,
      advanced: {
        instanceCategories: r.instanceCategories,
        minInstanceGeneration: r.minInstanceGeneration,
        instanceSizes: r.instanceSizes,
        zones: r.zones,
        ...disruption,
        expireAfter: rest.expireAfter,
        terminationGracePeriod: rest.terminationGracePeriod,
        weight: rest.weight,
      },
    });
  });
});

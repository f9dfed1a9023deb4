import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRequest, rowCounts } from '../__testUtils__/fixtures';
import { startApi } from '../__testUtils__/startApi';

const databases = createTestDatabases();
jest.setTimeout(180_000);

const spec = createRequest().spec;
const requirements = spec.requirements;

/** Bad requests, each with the field the 400 must name. */
const badRequest: fc.Arbitrary<{ body: unknown; field: string }> = fc.oneof(
  // Limits that no node could ever fit under (the default floor is 1 cpu, 1Gi).
  fc
    .oneof(
      fc.integer({ min: 1, max: 999 }).map(m => `${m}m`),
      fc.integer({ min: 1, max: 999_999 }).map(n => `${n}n`),
    )
    .map(cpu => ({
      body: createRequest({
        spec: { ...spec, limits: { ...spec.limits, cpu } },
      }),
      field: 'spec.limits.cpu',
    })),
  fc
    .oneof(
      fc.integer({ min: 1, max: 1_073_741_823 }).map(String),
      fc.integer({ min: 1, max: 1023 }).map(m => `${m}Mi`),
    )
    .map(memory => ({
      body: createRequest({
        spec: { ...spec, limits: { ...spec.limits, memory } },
      }),
      field: 'spec.limits.memory',
    })),
  // Empty requirement values select nothing.
  fc
    .tuple(
      fc.constantFrom('zones', 'instanceSizes', 'excludedInstanceSizes'),
      fc.uniqueArray(fc.constantFrom('eu-west-1a', 'large', 'metal'), {
        maxLength: 2,
      }),
      fc.nat(2),
    )
    .map(([key, values, at]) => {
      const index = Math.min(at, values.length);
      const list: string[] = [...values];
      list.splice(index, 0, '');
      return {
        body: createRequest({
          spec: { ...spec, requirements: { ...requirements, [key]: list } },
        }),
        field: `spec.requirements.${key}[${index}]`,
      };
    }),
  // Values outside the policy's lists (the test cluster allows categories c, m, r).
  fc
    .uniqueArray(fc.constantFrom('c', 'g', 'p', 'x', 'inf'), { minLength: 1 })
    .filter(categories => categories.some(c => c !== 'c'))
    .map(instanceCategories => ({
      body: createRequest({
        spec: {
          ...spec,
          requirements: { ...requirements, instanceCategories },
        },
      }),
      field: 'spec.requirements.instanceCategories',
    })),
  // Unknown keys, __proto__ first among them, at every level of the body.
  fc
    .tuple(
      fc.constantFrom(
        [],
        ['spec'],
        ['spec', 'requirements'],
        ['spec', 'limits'],
      ),
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'kubelet'),
        fc.stringMatching(/^[A-Za-z_]{1,12}$/),
      ),
      fc.jsonValue(),
    )
    .filter(([at, key]) => !(at.length === 0 && key === 'dryRun'))
    .map(([at, key, value]) => {
      const body: any = structuredClone(createRequest());
      let target = body;
      for (const part of at) target = target[part];
      // As JSON.parse makes it: an own property, never the prototype.
      Object.defineProperty(target, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return { body, field: [...at, key].join('.') };
    })
    .filter(({ body, field }) => {
      // A key the schema knows (e.g. "pool") is not unknown; skip those draws.
      const known = new Set([
        ...Object.keys(createRequest()),
        ...Object.keys(spec),
        ...Object.keys(requirements),
        'instanceCategories',
        'minInstanceGeneration',
        'instanceSizes',
        'excludedInstanceSizes',
        'zones',
        'gpu',
        'disruption',
        'expireAfter',
        'terminationGracePeriod',
        'weight',
        'cpu',
        'memory',
      ]);
      return body !== undefined && !known.has(field.split('.').pop()!);
    }),
);

/** Texts with nothing to read: NUL, other control characters, whitespace, invisible marks. */
const emptyComment = fc
  .array(
    fc.constantFrom(
      '\u0000',
      '\u0001',
      '\u001f',
      '\u007f',
      ' ',
      '\t',
      '\n',
      '\u200b',
      '\u00a0',
      '\ufeff',
    ),
    { minLength: 1, maxLength: 40 },
  )
  .map(chars => chars.join(''));

describe.each(databases.eachSupportedId())(
  'request validation on %s',
  databaseId => {
    const numRuns = databaseId === 'SQLITE_3' ? 120 : 50;

    it('refuses bad requests with a 400 naming the field, writing nothing', async () => {
      const knex = await databases.init(databaseId);
      const { as } = await startApi(knex);
      const before = await rowCounts(knex);
      await fc.assert(
        fc.asyncProperty(
          badRequest,
          fc.boolean(),
          async ({ body, field }, dryRun) => {
            const payload = dryRun ? { ...(body as object), dryRun } : body;
            // Spread drops nothing: __proto__ stays an own key, as in the JSON text.
            const res = await as('bob').postJson('/requests', payload);
            // A dry run answers policy violations in its preview (200, not allowed); a bad field
            // is a 400 either way, and so is any violation when filing.
            const previewed = dryRun && res.status === 200;
            const refusal = previewed
              ? {
                  refused: res.body.preview.policy.allowed === false,
                  named: res.body.preview.policy.violations,
                }
              : {
                  refused: res.status === 400,
                  named: [
                    ...(res.body.fieldErrors ?? []),
                    ...(res.body.violations ?? []),
                  ],
                };
            expect({
              refused: refusal.refused,
              named: refusal.named.map((e: { path: string }) => e.path),
            }).toEqual({
              refused: true,
              named: expect.arrayContaining([field]),
            });
            expect(await rowCounts(knex)).toEqual(before);
          },
        ),
        { numRuns },
      );
    });

    it('refuses a top-level __proto__ key as sent on the wire', async () => {
      const knex = await databases.init(databaseId);
      const { api } = await startApi(knex);
      const text = JSON.stringify(createRequest()).replace(
        /^\{/,
        '{"__proto__":{"state":"approved"},',
      );
      const res = await api
        .post('/api/nodepools/requests')
        .set('Authorization', mockCredentials.user.header('user:default/bob'))
        .set('Content-Type', 'application/json')
        .send(text);
      expect(res.status).toBe(400);
      expect(res.body.fieldErrors).toEqual([
        { path: '__proto__', message: 'is not a known field' },
      ]);
      expect((await rowCounts(knex)).requests).toBe(0);
    });

    it('refuses a request for a cluster that has no url', async () => {
      const knex = await databases.init(databaseId);
      const { as } = await startApi(
        knex,
        {},
        {
          clusters: [
            {
              name: 'local',
              url: 'https://127.0.0.1:1',
              policy: { approverGroups: ['group:default/platform'] },
            },
            {
              name: 'planned',
              policy: { approverGroups: ['group:default/platform'] },
            },
          ],
        },
      );
      const res = await as('bob').post(
        '/requests',
        createRequest({ cluster: 'planned' }),
      );
      expect(res.status).toBe(400);
      expect(res.body.violations.map((v: any) => v.path)).toEqual(['cluster']);
      expect(res.body.error.message).toContain('no API server url');
      const preview = await as('bob').post('/requests', {
        ...createRequest({ cluster: 'planned' }),
        dryRun: true,
      });
      expect(preview.body.preview.policy.allowed).toBe(false);
      expect(await rowCounts(knex)).toEqual({
        pools: 0,
        requests: 0,
        decisions: 0,
        events: 0,
        observedNodePools: 0,
        clusterObservations: 0,
        approvedPreviews: 0,
      });
      expect((await as('bob').post('/requests', createRequest())).status).toBe(
        201,
      );
    });

    it('refuses a reject comment with nothing to read, and any comment with control characters', async () => {
      const knex = await databases.init(databaseId);
      const { as } = await startApi(knex);
      const filed = await as('bob').post('/requests', createRequest());
      expect(filed.status).toBe(201);
      const before = await rowCounts(knex);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            emptyComment.map(comment => ({ comment, decision: 'reject' })),
            fc
              .tuple(
                fc.string({ maxLength: 20 }),
                fc.constantFrom('\u0000', '\u0007', '\u001b'),
                fc.constantFrom('approve', 'reject'),
              )
              .map(([text, control, decision]) => ({
                comment: `looks fine ${control}${text}`,
                decision,
              })),
          ),
          async ({ comment, decision }) => {
            const res = await as('alice').post(
              `/requests/${filed.body.id}/${decision}`,
              { comment },
            );
            expect({
              status: res.status,
              paths: [
                ...new Set(res.body.fieldErrors?.map((e: any) => e.path)),
              ],
            }).toEqual({ status: 400, paths: ['body.comment'] });
            expect(await rowCounts(knex)).toEqual(before);
          },
        ),
        { numRuns },
      );
      const readable = await as('alice').post(
        `/requests/${filed.body.id}/reject`,
        { comment: 'Too big\nfor this cluster' },
      );
      expect(readable.status).toBe(200);
    });
  },
);

import fc from 'fast-check';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRequest, rowCounts } from '../__testUtils__/fixtures';
import { startApi } from '../__testUtils__/startApi';

const databases = createTestDatabases();
jest.setTimeout(180_000);

// A body: arbitrary JSON, or a valid request with one field swapped for junk.
const junk = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.string()),
);
const paths = [
  'kind',
  'owner',
  'cluster',
  'pool',
  'justification',
  'spec',
  'spec.limits',
  'spec.limits.cpu',
  'spec.limits.memory',
  'spec.namespaces',
  'spec.requirements',
  'spec.requirements.architectures',
  'spec.nodeClass',
  'spec.weight',
  'spec.disruption',
  'spec.expireAfter',
  'dryRun',
];
const mutatedRequest = fc
  .tuple(fc.constantFrom(...paths), junk)
  .map(([path, value]) => {
    const body: any = structuredClone(createRequest());
    const keys = path.split('.');
    let target = body;
    for (const key of keys.slice(0, -1)) target = target[key];
    target[keys[keys.length - 1]] = value;
    return body;
  });
const body = fc.oneof(fc.anything(), fc.jsonValue(), mutatedRequest);
const queryString = fc.dictionary(
  fc.constantFrom(
    'state',
    'cluster',
    'owner',
    'requester',
    'order',
    'limit',
    'cursor',
    'phase',
    'x',
    'limit[]',
  ),
  fc.oneof(
    fc.string(),
    fc.constantFrom('0', '-1', '1e9', 'pending', 'newest', '%00', 'ready'),
  ),
);

describe.each(databases.eachSupportedId())('fuzzed input on %s', databaseId => {
  it('never answers 5xx and never writes for bad input', async () => {
    const knex = await databases.init(databaseId);
    const { as } = await startApi(knex);
    const seeded = await as('bob').post(
      '/requests',
      createRequest({ pool: 'seed' }),
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('bob', 'alice', 'carol'),
        fc.constantFrom(
          '/requests',
          `/requests/${seeded.body.id}/approve`,
          `/requests/${seeded.body.id}/reject`,
          `/requests/${seeded.body.id}/cancel`,
          '/requests/not-an-id/approve',
        ),
        async (payload, who, path) => {
          // A mutation can leave a request valid (a new justification, say): only refusals must write nothing.
          const before = await rowCounts(knex);
          const res = await as(who).postJson(path, payload);
          const refused = res.status >= 400;
          const after = refused ? await rowCounts(knex) : before;
          expect({
            serverError: res.status >= 500,
            explained: !refused || res.body.error?.message?.length > 0,
            rows: after,
          }).toEqual({ serverError: false, explained: true, rows: before });
        },
      ),
      { numRuns: databaseId === 'SQLITE_3' ? 150 : 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        queryString,
        fc.constantFrom(
          '/requests',
          '/pools',
          `/requests/${seeded.body.id}/history`,
        ),
        async (query, path) => {
          const res = await as('alice').get(
            `${path}?${new URLSearchParams(query as Record<string, string>)}`,
          );
          expect(res.status).toBeLessThan(500);
          expect(
            res.status === 400 ? res.body.fieldErrors.length > 0 : true,
          ).toBe(true);
        },
      ),
      { numRuns: databaseId === 'SQLITE_3' ? 150 : 60 },
    );
  });
});

import type { Entity } from '@backstage/catalog-model';
import type { RequestPreviewResult } from '@nodepools/plugin-nodepools-common';
import { sampleRequest } from '@nodepools/plugin-nodepools-common/testUtils';
import { startPortalBackend } from './__testUtils__/startPortalBackend';

// `nodepools:preview` through the real scaffolder against the real nodepools backend: its answer is
// the backend's own preview for the same user and request, not a second computation that knows
// nothing of the team's other pools, the names taken or the cluster's API server.

type Portal = Awaited<ReturnType<typeof startPortalBackend>>;

/** Every output of the action. */
const OUTPUTS = [
  'manifests',
  'allowed',
  'violations',
  'monthlyCeiling',
  'verdict',
  'impact',
  'warnings',
  'serverVerdict',
];

/** A template of one `nodepools:preview` step whose outputs are the step's outputs. */
const previewTemplate: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'preview-a-pool', title: 'Preview a pool' },
  spec: {
    type: 'service',
    owner: 'group:default/platform',
    parameters: [],
    steps: [
      {
        id: 'preview',
        name: 'Preview',
        action: 'nodepools:preview',
        input: { request: '${{ parameters.request }}' },
      },
    ],
    output: Object.fromEntries(
      OUTPUTS.map(name => [name, `\${{ steps.preview.output.${name} }}`]),
    ),
  },
};

/** What payments asks for: the sample request, for `pool`, with `limits`. */
const requestFor = (pool: string, limits: object) => ({
  ...sampleRequest,
  pool,
  spec: { ...sampleRequest.spec, limits },
});

describe('nodepools:preview in the real scaffolder', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortalBackend();
    // Payments holds its whole CPU budget on the cluster (128) in two pools.
    await portal.grantPool('big-a', { cpu: '64', memory: '128Gi' });
    await portal.grantPool('big-b', { cpu: '64', memory: '128Gi' });
  });
  afterAll(async () => {
    await portal?.backend.stop();
  });

  /** The action's outputs in a template dry run as `user`. */
  const actionPreview = async (user: string, request: object) => {
    const { status, body } = await portal
      .as(user)
      .post('/scaffolder/v2/dry-run', {
        template: previewTemplate,
        values: { request },
        directoryContents: [],
      });
    expect({ status, error: body.error }).toEqual({
      status: 200,
      error: undefined,
    });
    return body.output as Record<string, unknown>;
  };

  /** The backend's own dry run of the same request as the same user. */
  const backendPreview = async (user: string, request: object) => {
    const { status, body } = await portal
      .as(user)
      .post('/nodepools/requests', { ...request, dryRun: true });
    expect(status).toBe(200);
    return body as RequestPreviewResult;
  };

  it.each([
    // Within every per-pool limit, over the team's budget: only the backend knows the other pools.
    [
      'over the team budget',
      requestFor('more', { cpu: '8', memory: '16Gi' }),
      false,
    ],
    // The name of a pool the team already has.
    ['a taken name', requestFor('big-a', { cpu: '4', memory: '8Gi' }), false],
    [
      'a change within every limit',
      { ...requestFor('big-a', { cpu: '32', memory: '64Gi' }), kind: 'update' },
      true,
    ],
  ])('answers as the backend does for %s', async (_, request, allowed) => {
    const [action, backend] = await Promise.all([
      actionPreview('bob', request),
      backendPreview('bob', request),
    ]);

    const { preview, warnings, server } = backend;
    expect(preview.policy.allowed).toBe(allowed);
    expect(action).toMatchObject({
      manifests: preview.manifestsYaml,
      allowed,
      violations: preview.policy.violations.map(v => `${v.path}: ${v.message}`),
      impact: preview.impactSummary,
      warnings,
    });
    // The API server's verdict (nothing listens at the url: not reached) is the backend's too.
    expect(server?.verdicts.length).toBeGreaterThan(0);
    for (const verdict of server!.verdicts)
      expect(action.serverVerdict).toContain(verdict.message);
  });

  it('fails for a user outside the owning team, as the backend refuses them', async () => {
    const { status, body } = await portal
      .as('carol')
      .post('/scaffolder/v2/dry-run', {
        template: previewTemplate,
        values: { request: requestFor('more', { cpu: '8', memory: '16Gi' }) },
        directoryContents: [],
      });
    expect({ status, error: body.error }).toEqual({
      status: 403,
      error: {
        name: 'NotAllowedError',
        message:
          'you may not request node pools for group:default/payments: you are not a member of that team',
      },
    });
  });
});

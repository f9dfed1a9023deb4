import { TestApiRegistry } from '@backstage/test-utils';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import {
  clustersBody,
  errorBody,
  jsonResponse,
} from '../../__fixtures__/contract';
import {
  fakeBackend,
  type BackendRoute,
} from '../../__testUtils__/fakeBackend';
import { validateNodeClass } from './validateNodeClass';

const gpuNotReady =
  'node class gpu is not Ready (SubnetsNotFound): nodes of this pool may fail to launch';

// The reconciler saw gpu not Ready on staging; GET /clusters says so next to the policy.
const route: BackendRoute = call => {
  if (call.path !== '/clusters') return undefined;
  return jsonResponse(200, {
    items: clustersBody.items.map(cluster => ({
      ...cluster,
      nodeClasses: cluster.policy.nodeClasses.map(name => ({
        name,
        exists: true,
        ...(name === 'gpu'
          ? { ready: 'False', readyMessage: 'SubnetsNotFound' }
          : { ready: 'True' }),
        amiAliases: [],
        warnings: name === 'gpu' ? [gpuNotReady] : [],
      })),
    })),
  });
};

async function validate(value: string, cluster: string, via = route) {
  const errors: string[] = [];
  await validateNodeClass(
    value,
    { addError: (m: string) => errors.push(m) } as unknown as Parameters<
      typeof validateNodeClass
    >[1],
    {
      apiHolder: TestApiRegistry.from([
        nodePoolsApiRef,
        fakeBackend(via).client,
      ]),
      formData: { owner: 'group:default/payments', cluster, pool: 'jobs' },
      schema: {},
    },
  );
  return errors;
}

describe('validateNodeClass', () => {
  it('accepts a class the cluster allows and has Ready', async () => {
    expect(await validate('default', 'staging')).toEqual([]);
  });

  it('refuses a class the cluster does not offer, naming the ones it does', async () => {
    expect(await validate('gpu', 'local')).toEqual([
      'nodeClass: gpu is not offered on cluster local (offered: default)',
    ]);
  });

  it('refuses a class the backend saw not Ready', async () => {
    expect(await validate('gpu', 'staging')).toEqual([
      `nodeClass: ${gpuNotReady}`,
    ]);
  });

  it('does not stop the form when the backend cannot answer', async () => {
    expect(
      await validate('default', 'staging', () =>
        jsonResponse(
          503,
          errorBody(503, 'ServiceUnavailableError', 'starting'),
        ),
      ),
    ).toEqual([]);
  });
});

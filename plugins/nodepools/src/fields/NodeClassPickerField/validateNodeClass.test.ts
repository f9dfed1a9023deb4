import { TestApiRegistry } from '@backstage/test-utils';
import { previewRequest } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import {
  clustersBody,
  errorBody,
  jsonResponse,
} from '../../__fixtures__/contract';
import { defaultPolicy } from '../../__fixtures__/records';
import {
  fakeBackend,
  type BackendRoute,
} from '../../__testUtils__/fakeBackend';
import { validateNodeClass } from './validateNodeClass';

const gpuNotReady =
  'node class gpu is not Ready (SubnetsNotFound): nodes of this pool may fail to launch';

const route: BackendRoute = call => {
  if (call.path === '/clusters') return jsonResponse(200, clustersBody);
  const { dryRun: _dryRun, ...request } = call.body;
  const result = previewRequest({
    request,
    policy: defaultPolicy,
    currentPools: [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return jsonResponse(200, {
    preview: result.preview,
    warnings: request.spec.nodeClass === 'gpu' ? [gpuNotReady] : [],
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

import { TestApiRegistry } from '@backstage/test-utils';
import { previewRequest } from '@nodepools/plugin-nodepools-common';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { errorBody, jsonResponse } from '../../__fixtures__/contract';
import { defaultPolicy } from '../../__fixtures__/records';
import {
  fakeBackend,
  type BackendRoute,
} from '../../__testUtils__/fakeBackend';
import { validateRequestCheck } from './validateRequestCheck';

const form = {
  owner: 'group:default/payments',
  cluster: 'local',
  pool: 'pci',
  architectures: ['amd64'],
  capacityTypes: ['spot'],
  nodeClass: 'default',
  limits: { cpu: '16', memory: '64Gi' },
  namespaces: ['payments'],
  justification: 'PCI workloads need dedicated nodes',
  policyCheck: 'allowed',
};

const dryRun: BackendRoute = call => {
  const { dryRun: _dryRun, ...request } = call.body;
  const result = previewRequest({
    request,
    policy: defaultPolicy,
    currentPools: [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return jsonResponse(200, { preview: result.preview, warnings: [] });
};

type FormData = Parameters<typeof validateRequestCheck>[2]['formData'];

/** Validates the form as the scaffolder does when the user moves on; returns the field's errors. */
async function validate(formData: FormData, route: BackendRoute) {
  const backend = fakeBackend(route);
  const errors: string[] = [];
  const validation = {
    addError: (message: string) => errors.push(message),
  } as unknown as Parameters<typeof validateRequestCheck>[1];
  await validateRequestCheck('allowed', validation, {
    apiHolder: TestApiRegistry.from([nodePoolsApiRef, backend.client]),
    formData,
    schema: {},
    uiSchema: {},
  });
  return { errors, calls: backend.calls };
}

describe('validateRequestCheck', () => {
  it('lets a request the backend would file through', async () => {
    const { errors, calls } = await validate(form, dryRun);
    expect(errors).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('stops a request the policy refuses, in sentences rather than field paths', async () => {
    const { errors } = await validate(
      { ...form, limits: { cpu: '400', memory: '64Gi' } },
      dryRun,
    );
    // Both rules it breaks: the largest pool, and the team's budget across its pools.
    expect(errors).toEqual([
      "CPU limit 400 is above this cluster's per-pool maximum of 64",
      'CPU limit 400 puts the team over its budget on this cluster by 272 CPU: its budget is 128 CPU and its other pools hold 0 CPU',
    ]);
  });

  it("sends the form's lifetime with the request, so the check covers the cluster's maximum", async () => {
    const { calls } = await validate({ ...form, lifetime: '30d' }, dryRun);
    expect(calls[0].body).toMatchObject({ lifetime: '30d', dryRun: true });
    const without = await validate(form, dryRun);
    expect(without.calls[0].body).not.toHaveProperty('lifetime');
  });

  it("stops a user outside the team with the backend's reason", async () => {
    const reason =
      'you may not request node pools for group:default/payments: you are not a member of that team';
    const { errors } = await validate(form, () =>
      jsonResponse(403, errorBody(403, 'NotAllowedError', reason)),
    );
    expect(errors).toEqual([reason]);
  });

  it('passes on the field errors of a 400', async () => {
    const { errors } = await validate(form, () =>
      jsonResponse(400, {
        ...errorBody(400, 'InputError', 'request is invalid'),
        fieldErrors: [
          { path: 'spec.namespaces.0', message: 'must be a DNS label' },
        ],
        violations: [],
      }),
    );
    expect(errors).toEqual(['spec.namespaces.0: must be a DNS label']);
  });

  it('does not stop the form when the backend cannot answer', async () => {
    const { errors } = await validate(form, () =>
      jsonResponse(503, errorBody(503, 'ServiceUnavailableError', 'starting')),
    );
    expect(errors).toEqual([]);
  });

  it('asks nothing for an incomplete form', async () => {
    const { justification: _j, ...incomplete } = form;
    const { errors, calls } = await validate(incomplete, dryRun);
    expect(errors).toEqual([]);
    expect(calls).toEqual([]);
  });
});

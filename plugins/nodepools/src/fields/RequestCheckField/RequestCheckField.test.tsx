import type { ComponentProps } from 'react';
import { previewRequest } from '@nodepools/plugin-nodepools-common';
import { act, screen, waitFor } from '@testing-library/react';
import { errorBody, jsonResponse } from '../../__fixtures__/contract';
import { defaultPolicy, readyPool } from '../../__fixtures__/records';
import type { BackendCall } from '../../__testUtils__/fakeBackend';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { RequestCheckField } from './RequestCheckField';

/** A request form as the team has filled it in. */
const filledForm = {
  owner: 'group:default/payments',
  cluster: 'local',
  pool: 'pci',
  architectures: ['amd64'],
  capacityTypes: ['spot', 'on-demand'],
  nodeClass: 'default',
  limits: { cpu: '16', memory: '64Gi' },
  namespaces: ['payments'],
  justification: 'PCI workloads need dedicated nodes',
};

/** The backend's dry run, computed by the same core the backend uses, against the team's pool. */
function dryRun(call: BackendCall, warnings: string[] = []) {
  const { dryRun: _dryRun, ...request } = call.body;
  const result = previewRequest({
    request,
    policy: defaultPolicy,
    currentPools: [readyPool],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return jsonResponse(200, { preview: result.preview, warnings });
}

function renderField(
  form: Record<string, unknown>,
  route: Parameters<typeof renderWithBackend>[1],
  requestKind?: string,
) {
  const onChange = jest.fn();
  const props = {
    formData: undefined,
    onChange,
    formContext: { formData: form },
    schema: { title: 'Policy check' },
    uiSchema: requestKind ? { 'ui:options': { requestKind } } : {},
    rawErrors: [],
  } as unknown as ComponentProps<typeof RequestCheckField>;
  return {
    onChange,
    rendered: renderWithBackend(<RequestCheckField {...props} />, route),
  };
}

describe('RequestCheckField', () => {
  it("dry-runs the form's request and shows the verdict and the toleration and node selector", async () => {
    const { onChange, rendered } = renderField(filledForm, call =>
      call.method === 'POST' && call.path === '/requests'
        ? dryRun(call)
        : undefined,
    );
    const { calls } = await rendered;

    expect(
      await screen.findByText("Within the cluster's policy", undefined, {
        timeout: 3000,
      }),
    ).toBeVisible();
    expect(screen.getByLabelText('Workload snippet')).toHaveTextContent(
      /tolerations:\s+- key: nodepools.backstage.io\/team\s+operator: Equal\s+value: payments\s+effect: NoSchedule\s+nodeSelector:\s+nodepools.backstage.io\/team: payments/,
    );
    // Exactly what the template's step files, as a dry run.
    expect(calls.map(c => c.body)).toEqual([
      {
        dryRun: true,
        kind: 'create',
        owner: 'group:default/payments',
        cluster: 'local',
        pool: 'pci',
        justification: 'PCI workloads need dedicated nodes',
        spec: {
          requirements: {
            architectures: ['amd64'],
            capacityTypes: ['spot', 'on-demand'],
          },
          limits: { cpu: '16', memory: '64Gi' },
          nodeClass: 'default',
          namespaces: ['payments'],
        },
      },
    ]);
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('allowed'));
  });

  it("shows the target API server's refusal with its message", async () => {
    const refusal =
      'NodePool.karpenter.sh "payments.pci" is invalid: spec.template.metadata.labels: Invalid value: "object": label domain "karpenter.sh" is restricted';
    const { rendered } = renderField(filledForm, async call => {
      const response = dryRun(call);
      const body = await response.clone().json();
      return jsonResponse(200, {
        ...body,
        server: {
          cluster: 'local',
          validator: 'Karpenter CRDs',
          verdicts: [
            {
              kind: 'NodePool',
              name: 'payments.pci',
              verdict: 'refused',
              message: refusal,
            },
          ],
        },
      });
    });
    await rendered;

    const verdicts = await screen.findByRole(
      'list',
      { name: 'API server verdicts' },
      { timeout: 3000 },
    );
    expect(verdicts).toHaveTextContent(
      `NodePool payments.pci: refused — ${refusal}`,
    );
    expect(
      screen.getByText(
        "Refused by local's API server (Karpenter CRDs): it cannot be approved as it is",
      ),
    ).toBeVisible();
  });

  it('lists every violation of a request the policy would refuse', async () => {
    const { onChange, rendered } = renderField(
      { ...filledForm, limits: { cpu: '400', memory: '64Gi' } },
      call => dryRun(call),
    );
    await rendered;

    const violations = await screen.findByRole(
      'list',
      { name: 'Policy violations' },
      { timeout: 3000 },
    );
    expect(violations).toHaveTextContent(/spec\.limits\.cpu: .*400.*64/);
    expect(
      screen.getByText(
        "Outside the cluster's policy: it cannot be approved as it is",
      ),
    ).toBeVisible();
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('refused'));
  });

  it("shows the backend's reason when the user may not request for the team", async () => {
    const reason =
      'you may not request node pools for group:default/payments: you are not a member of that team';
    const { onChange, rendered } = renderField(filledForm, () =>
      jsonResponse(403, errorBody(403, 'NotAllowedError', reason)),
    );
    await rendered;

    expect(
      await screen.findByRole(
        'list',
        { name: 'Why the backend refuses it' },
        { timeout: 3000 },
      ),
    ).toHaveTextContent(reason);
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('refused'));
  });

  it('asks nothing until the form is filled in, and says what is missing', async () => {
    const { justification: _j, limits: _l, ...partial } = filledForm;
    const { onChange, rendered } = renderField(partial, call => dryRun(call));
    const { calls } = await rendered;
    // Longer than the debounce: a dry run would have been sent by now.
    await act(() => new Promise(resolve => setTimeout(resolve, 700)));

    expect(
      screen.getByText(
        'Fill in CPU limit, memory limit, justification to check the request.',
      ),
    ).toBeVisible();
    expect(calls).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('checks a decommission without a spec and says the nodes go with the pool', async () => {
    const { rendered } = renderField(
      {
        owner: 'group:default/payments',
        cluster: 'local',
        pool: 'general',
        justification: 'Workloads moved to the shared pool',
      },
      call => dryRun(call),
      'decommission',
    );
    const { calls } = await rendered;

    expect(
      await screen.findByText(
        'Once approved, the NodePool is deleted and Karpenter drains and removes every node of the pool.',
        undefined,
        { timeout: 3000 },
      ),
    ).toBeVisible();
    expect(calls[0].body).toEqual({
      dryRun: true,
      kind: 'decommission',
      owner: 'group:default/payments',
      cluster: 'local',
      pool: 'general',
      justification: 'Workloads moved to the shared pool',
    });
    expect(screen.queryByLabelText('Workload snippet')).toBeNull();
  });
});

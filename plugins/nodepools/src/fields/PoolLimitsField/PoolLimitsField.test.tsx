import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { errorBody, jsonResponse } from '../../__fixtures__/contract';
import {
  pendingRequestPreviewBody,
  readyPool,
  unpinnedAmiWarning,
} from '../../__fixtures__/records';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { PoolLimitsField } from './PoolLimitsField';
import type { PoolLimitsValue } from './previewInput';

const form = {
  owner: 'group:default/payments',
  cluster: 'local',
  pool: 'general',
  architectures: ['amd64'],
  capacityTypes: ['spot', 'on-demand'],
  nodeClass: 'default',
};

// The field as the scaffolder's form drives it: controlled, with the whole form in formContext.
function Harness({
  initial,
  uiSchema = {},
}: {
  initial?: PoolLimitsValue;
  uiSchema?: object;
}) {
  const [value, setValue] = useState<PoolLimitsValue | undefined>(initial);
  const props = {
    formData: value,
    onChange: setValue,
    formContext: { formData: form },
    schema: { title: 'Limits' },
    uiSchema,
    disabled: false,
  } as unknown as FieldExtensionComponentProps<PoolLimitsValue>;
  return <PoolLimitsField {...props} />;
}

describe('PoolLimitsField', () => {
  it("starts a change from the pool's approved limits", async () => {
    await renderWithBackend(
      <Harness uiSchema={{ 'ui:options': { requestKind: 'update' } }} />,
      call =>
        call.path === '/pools'
          ? jsonResponse(200, {
              items: [
                {
                  ...readyPool,
                  spec: {
                    ...readyPool.spec,
                    limits: { cpu: '24', memory: '96Gi' },
                  },
                },
              ],
            })
          : jsonResponse(200, pendingRequestPreviewBody()),
    );
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'CPU limit' })).toHaveValue(
        '24',
      ),
    );
    expect(screen.getByRole('textbox', { name: 'Memory limit' })).toHaveValue(
      '96Gi',
    );
  });

  it("dry-runs the form's request and shows the cost ceiling, budget left and the cluster's warnings", async () => {
    const body = pendingRequestPreviewBody();
    const preview = body.preview;
    const { calls } = await renderWithBackend(
      <Harness initial={{ cpu: '32', memory: '128Gi' }} />,
      () => jsonResponse(200, body),
    );

    expect(
      await screen.findByText(/per month if the pool is full/, undefined, {
        timeout: 3000,
      }),
    ).toBeVisible();
    expect(
      screen.getByText(
        `${preview.budgetAfter.cpu} CPU, ${preview.budgetAfter.memory} memory, ${preview.budgetAfter.gpu} GPU`,
      ),
    ).toBeVisible();
    expect(
      screen.getByRole('list', { name: 'Cluster warnings' }),
    ).toHaveTextContent(unpinnedAmiWarning);
    expect(calls[0].body).toMatchObject({
      dryRun: true,
      owner: 'group:default/payments',
      cluster: 'local',
      spec: { limits: { cpu: '32', memory: '128Gi' } },
    });
  });

  it('says how far over the budget the limits go, and what pending requests reserve', async () => {
    const body = pendingRequestPreviewBody();
    body.preview = {
      ...body.preview,
      budget: {
        left: { cpu: '0', memory: '448Gi', gpu: '0' },
        over: { cpu: '32' },
        reserved: { cpu: '16', memory: '64Gi', gpu: '0', requests: 2 },
      },
    };
    await renderWithBackend(
      <Harness initial={{ cpu: '128', memory: '64Gi' }} />,
      () => jsonResponse(200, body),
    );

    expect(
      await screen.findByText(
        'Over by 32 CPU; 448Gi memory, 0 GPU left',
        undefined,
        {
          timeout: 3000,
        },
      ),
    ).toBeVisible();
    expect(
      screen.getByText('16 CPU, 64Gi memory reserved by 2 pending requests'),
    ).toBeVisible();
    expect(screen.queryByText(/^0 CPU/)).toBeNull();
  });

  it('shows the limit problems the backend reports, and waits for typing to stop', async () => {
    const { calls } = await renderWithBackend(<Harness />, () =>
      jsonResponse(400, {
        ...errorBody(400, 'InputError', 'invalid'),
        fieldErrors: [],
        violations: [
          {
            path: 'spec.limits.cpu',
            message:
              "CPU limit 128 is above this cluster's per-pool maximum of 64",
            asked: '128',
            allowed: '64',
          },
        ],
      }),
    );

    // findBy lets the initial (empty) load settle before typing starts.
    expect(await screen.findByText(/enter both limits/)).toBeVisible();
    await userEvent.type(
      screen.getByRole('textbox', { name: /Memory limit/ }),
      '64Gi',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: /CPU limit/ }),
      '128',
    );

    expect(
      // The sentence as it is, not prefixed with the field path.
      await screen.findByText(
        "CPU limit 128 is above this cluster's per-pool maximum of 64",
        undefined,
        { timeout: 3000 },
      ),
    ).toBeVisible();
    // Debounced: one dry run for the finished value, not one per keystroke.
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].body.spec.limits).toEqual({ cpu: '128', memory: '64Gi' });
  });
});

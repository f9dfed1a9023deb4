import { screen, within } from '@testing-library/react';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import {
  pendingRequest,
  pendingRequestPreviewBody,
} from '../../__fixtures__/records';
import { RequestDetailPage } from './RequestDetailPage';
import { backendWith } from './__testUtils__/requestDetailBackend';

describe("RequestDetailPage: the target API server's verdict", () => {
  it("shows the target API server's dry-run verdict per object, its own message when it refuses", async () => {
    const refusal =
      'NodePool.karpenter.sh "payments.general" is invalid: spec.template.metadata.labels: Invalid value: "object": label domain "karpenter.sh" is restricted';
    await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(pendingRequest, pendingRequest, {
        ...pendingRequestPreviewBody(),
        server: {
          cluster: 'local',
          validator: 'Karpenter CRDs',
          verdicts: [
            {
              kind: 'NodePool',
              name: 'payments.general',
              verdict: 'refused',
              message: refusal,
            },
          ],
        },
      }),
    );

    const verdicts = await screen.findByRole('list', {
      name: 'API server verdicts',
    });
    expect(
      within(verdicts)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([`NodePool payments.general: refused — ${refusal}`]);
    expect(
      screen.getByText(
        "Refused by local's API server (Karpenter CRDs): it cannot be approved as it is",
      ),
    ).toBeVisible();
  });

  it('says where the change goes on a cluster with git delivery, before anyone approves', async () => {
    await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(pendingRequest, pendingRequest, {
        ...pendingRequestPreviewBody(),
        delivery: {
          repository: 'https://github.com/acme/clusters',
          branch: 'main',
          path: 'clusters/local/nodepools/payments.general.yaml',
          mode: 'pull-request',
        },
      }),
    );
    expect(
      await screen.findByRole('note', { name: 'Delivery' }),
    ).toHaveTextContent(
      'Approving writes clusters/local/nodepools/payments.general.yaml in https://github.com/acme/clusters as a pull request into main',
    );
  });

  it('says the API server accepted it, or that it could not be asked', async () => {
    const withVerdict = (verdict: 'accepted' | 'timeout', message: string) => ({
      ...pendingRequestPreviewBody(),
      server: {
        cluster: 'local',
        validator: 'Karpenter CRDs',
        verdicts: [
          { kind: 'NodePool', name: 'payments.general', verdict, message },
        ],
      },
    });
    const { rendered } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(
        pendingRequest,
        pendingRequest,
        withVerdict('accepted', "accepted by local's API server"),
      ),
    );
    expect(
      await screen.findByText(
        "Accepted by local's API server (Karpenter CRDs)",
      ),
    ).toBeVisible();
    expect(
      screen.getByRole('list', { name: 'API server verdicts' }),
    ).toHaveTextContent(/^NodePool payments\.general: accepted$/);
    rendered.unmount();

    const late =
      "the API server of local did not answer within 2000 ms; only the portal's own checks apply";
    await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(pendingRequest, pendingRequest, withVerdict('timeout', late)),
    );
    expect(
      await screen.findByText(
        "Not checked by local's API server: only the portal's own checks apply",
      ),
    ).toBeVisible();
    expect(
      screen.getByRole('list', { name: 'API server verdicts' }),
    ).toHaveTextContent(
      `NodePool payments.general: no answer in time — ${late}`,
    );
  });

  it('shows no API server verdict when the backend asked none', async () => {
    await renderWithBackend(<RequestDetailPage id="req-1" />, backendWith());
    await screen.findByRole('grid', { name: 'Changes' });
    expect(
      screen.queryByRole('list', { name: 'API server verdicts' }),
    ).toBeNull();
  });
});

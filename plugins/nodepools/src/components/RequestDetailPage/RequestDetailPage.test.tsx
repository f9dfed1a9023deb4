import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorBody, jsonResponse } from '../../__fixtures__/contract';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import {
  editedPoolPreviewBody,
  pendingRequest,
  pendingRequestPreviewBody,
  unpinnedAmiWarning,
} from '../../__fixtures__/records';
import { RequestDetailPage } from './RequestDetailPage';
import {
  backendWith,
  preview,
  previewBody,
} from './__testUtils__/requestDetailBackend';

describe('RequestDetailPage', () => {
  it('shows the justification, the diff with its impact, policy, cost and manifests', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(),
    );

    expect(
      await screen.findByText('Black Friday traffic doubles checkout load'),
    ).toBeVisible();
    const diff = await screen.findByRole('grid', { name: 'Changes' });
    const limitRow = within(diff)
      .getAllByRole('row')
      .find(row => row.textContent?.startsWith('spec.limits.cpu'))!;
    expect(
      [
        within(limitRow).getByRole('rowheader'),
        ...within(limitRow).getAllByRole('gridcell'),
      ].map(c => c.textContent),
    ).toEqual(['spec.limits.cpu', '16', '32', 'no node replaced']);
    expect(screen.getByText(preview.impactSummary)).toBeVisible();
    expect(preview.impactSummary).toMatch(/replaces all 3 nodes/);
    expect(screen.getByText("Within the cluster's policy")).toBeVisible();
    expect(screen.getByText(/per month if the pool is full/)).toBeVisible();
    expect(screen.getByLabelText('Manifests')).toHaveTextContent(
      'kind: NodePool',
    );
    expect(screen.getByRole('list', { name: 'Decisions' })).toHaveTextContent(
      'bob approved on 2026-11-24 11:00 UTC: “fine by me”',
    );
    expect(
      await screen.findByRole('list', { name: 'Request history' }),
    ).toHaveTextContent('alice asked to update general on local');

    // The preview of the stored request, readable by approvers outside the team: no dry run.
    expect(calls.filter(c => c.path === '/requests/req-1/preview')).toEqual([
      expect.objectContaining({ method: 'GET' }),
    ]);
    expect(calls.some(c => c.method === 'POST')).toBe(false);
  });

  it('diffs against the NodePool as last observed, says how old that is, and shows where it left the approved spec', async () => {
    await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(pendingRequest, pendingRequest, editedPoolPreviewBody()),
    );
    const cells = (grid: HTMLElement, path: string) => {
      const row = within(grid)
        .getAllByRole('row')
        .find(r => r.textContent?.startsWith(path))!;
      return [
        within(row).getByRole('rowheader'),
        ...within(row).getAllByRole('gridcell'),
      ].map(c => c.textContent);
    };
    const diff = await screen.findByRole('grid', { name: 'Changes' });
    expect(cells(diff, 'spec.limits.cpu')).toEqual([
      'spec.limits.cpu',
      '24',
      '32',
      'no node replaced',
    ]);
    expect(
      screen.getByText(
        /^Compared with the NodePool as observed in the cluster 2 min ago; it differed from the approved spec/,
      ),
    ).toBeVisible();
    const drift = screen.getByRole('grid', {
      name: 'Live NodePool against the approved spec',
    });
    expect(cells(drift, 'spec.limits.cpu')).toEqual([
      'spec.limits.cpu',
      '24',
      '16',
      'no node replaced',
    ]);
  });

  it("shows the cluster's warnings above the preview", async () => {
    await renderWithBackend(<RequestDetailPage id="req-1" />, backendWith());

    const warnings = await screen.findByRole('list', {
      name: 'Cluster warnings',
    });
    expect(
      within(warnings)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([unpinnedAmiWarning]);
    expect(screen.getByText('Warning about the cluster')).toBeVisible();
  });

  it('shows no warning alert when the cluster has none', async () => {
    await renderWithBackend(<RequestDetailPage id="req-1" />, call =>
      call.path === '/requests/req-1/preview'
        ? jsonResponse(200, pendingRequestPreviewBody([]))
        : backendWith()(call),
    );

    await screen.findByRole('grid', { name: 'Changes' });
    expect(screen.queryByRole('list', { name: 'Cluster warnings' })).toBeNull();
  });

  it('reads requirements as one row each in the diff, not a JSON blob', async () => {
    await renderWithBackend(<RequestDetailPage id="req-1" />, backendWith());

    const diff = await screen.findByRole('grid', { name: 'Changes' });
    const row = within(diff)
      .getAllByRole('row')
      .find(r => r.textContent?.startsWith('spec.template.spec.requirements'))!;
    const [before, after] = within(row)
      .getAllByRole('gridcell')
      .map(cell =>
        Array.from(cell.querySelectorAll('p')).map(p => p.textContent),
      );
    expect(before).toContain('karpenter.sh/capacity-type In spot');
    expect(after).toContain('karpenter.sh/capacity-type In on-demand, spot');
    expect(after).toContain('karpenter.k8s.aws/instance-category In c, m, r');
    expect(row.textContent).not.toContain('{');
  });

  it('copies the manifests', async () => {
    const user = userEvent.setup();
    const writeText = jest.spyOn(window.navigator.clipboard, 'writeText');
    await renderWithBackend(<RequestDetailPage id="req-1" />, backendWith());

    await user.click(
      await screen.findByRole('button', { name: 'Copy manifests' }),
    );

    await waitFor(() =>
      expect(writeText).toHaveBeenCalledWith(preview.manifestsYaml),
    );
    expect(await screen.findByText('Copied.')).toHaveAttribute(
      'role',
      'status',
    );
  });

  it('shows an applied request the preview it was approved on, and says so', async () => {
    const applied = {
      ...pendingRequest,
      state: 'applied' as const,
      decisions: [
        ...pendingRequest.decisions,
        {
          actor: 'user:default/approver',
          decision: 'approve' as const,
          comment: 'sized right',
          createdAt: '2026-11-24T11:05:00.000Z',
        },
      ],
    };
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(applied, applied, {
        ...previewBody,
        approvedAt: '2026-11-24T11:05:00.000Z',
      }),
    );

    expect(
      await screen.findByRole('note', { name: 'Approved preview' }),
    ).toHaveTextContent(
      'As approved on 2026-11-24 11:05 UTC by bob, approver: the preview the approvers saw, kept with the approval.',
    );
    expect(screen.getByText('What was approved')).toBeVisible();
    expect(
      await screen.findByRole('grid', { name: 'Changes' }),
    ).toHaveTextContent('spec.limits.cpu');
    expect(screen.getByLabelText('Manifests')).toHaveTextContent(
      'kind: NodePool',
    );
    expect(
      calls.filter(c => c.path === '/requests/req-1/preview'),
    ).toHaveLength(1);
  });

  it('says when an approved request has no kept preview (approved before it was kept)', async () => {
    const applied = { ...pendingRequest, state: 'applied' as const };
    await renderWithBackend(<RequestDetailPage id="req-1" />, call =>
      call.path === '/requests/req-1/preview'
        ? jsonResponse(
            409,
            errorBody(409, 'ConflictError', 'request req-1 is applied'),
          )
        : backendWith(applied, applied)(call),
    );

    expect(
      await screen.findByText(/approved before the portal kept the preview/),
    ).toBeVisible();
  });

  it('shows a clear error when the preview cannot be read (404)', async () => {
    await renderWithBackend(<RequestDetailPage id="req-1" />, call =>
      call.path === '/requests/req-1/preview'
        ? jsonResponse(404, errorBody(404, 'NotFoundError', 'no request req-1'))
        : backendWith()(call),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load the preview of this request',
    );
    expect(alert).toHaveTextContent('no request req-1 (HTTP 404)');
    expect(screen.getByRole('button', { name: 'Approve…' })).toBeVisible();
  });

  it("shows the backend's failure of the preview with a retry", async () => {
    let fail = true;
    await renderWithBackend(<RequestDetailPage id="req-1" />, call => {
      if (call.path === '/requests/req-1/preview' && fail) {
        fail = false;
        return jsonResponse(
          500,
          errorBody(500, 'Error', 'the cluster did not answer'),
        );
      }
      return backendWith()(call);
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Could not load the preview of this request',
    );
    expect(alert).toHaveTextContent('the cluster did not answer (HTTP 500)');
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Try again' }),
    );
    expect(await screen.findByRole('grid', { name: 'Changes' })).toBeVisible();
  });
});

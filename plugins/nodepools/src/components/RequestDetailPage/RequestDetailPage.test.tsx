import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  clustersBody,
  errorBody,
  jsonResponse,
} from '../../__fixtures__/contract';
import type {
  BackendCall,
  BackendRoute,
} from '../../__testUtils__/fakeBackend';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import {
  editedPoolPreviewBody,
  pendingRequest,
  pendingRequestPreviewBody,
  requestHistory,
  unpinnedAmiWarning,
} from '../../__fixtures__/records';
import { RequestDetailPage } from './RequestDetailPage';

const previewBody = pendingRequestPreviewBody();
const preview = previewBody.preview;

function backendWith(
  after = pendingRequest,
  before = pendingRequest,
  body = previewBody,
): BackendRoute {
  let current = before;
  return ({ method, path }) => {
    if (method === 'GET' && path === '/requests/req-1')
      return jsonResponse(200, current);
    if (path === '/requests/req-1/history')
      return jsonResponse(200, { items: requestHistory });
    if (method === 'GET' && path === '/requests/req-1/preview')
      return jsonResponse(200, body);
    if (path === '/clusters') return jsonResponse(200, clustersBody);
    if (method === 'POST' && path.startsWith('/requests/req-1/')) {
      current = after;
      return jsonResponse(200, after);
    }
    return undefined;
  };
}

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

  it('asks before approving, takes an optional comment, and sends it to POST /requests/:id/approve', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith({ ...pendingRequest, state: 'approved' }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve…' }),
    );
    const dialog = await screen.findByRole('dialog');
    // local needs one approval (clustersBody): this one applies the pool.
    expect(
      await within(dialog).findByText(
        /^This is the only approval this request needs: approving applies the pool\./,
      ),
    ).toBeVisible();
    expect(calls.some(c => c.path.endsWith('/approve'))).toBe(false);
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Comment/ }),
      '  sized for the Black Friday peak  ',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    await waitFor(() =>
      expect(
        screen.getByRole('list', { name: 'Request facts' }),
      ).toHaveTextContent('State: approved'),
    );
    expect(calls.filter(c => c.path.endsWith('/approve'))).toEqual([
      expect.objectContaining({
        method: 'POST',
        body: { comment: 'sized for the Black Friday peak' },
      }),
    ]);
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
  });

  it('needs a reason to reject, and sends it to POST /requests/:id/reject', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith({ ...pendingRequest, state: 'rejected' }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject…' }),
    );
    const dialog = await screen.findByRole('dialog');
    const reject = within(dialog).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'too large for this cluster',
    );
    expect(reject).toBeEnabled();
    await userEvent.click(reject);

    await waitFor(() =>
      expect(calls.filter(c => c.path.endsWith('/reject'))).toEqual([
        expect.objectContaining({
          body: { comment: 'too large for this cluster' },
        }),
      ]),
    );
  });

  it('hides Approve and Reject without the decide permission', async () => {
    // Another team's request: usePermission caches answers per permission and resource across
    // renders (SWR), so a resource asked about in an earlier test would still read as allowed.
    const searchRequest = { ...pendingRequest, owner: 'group:default/search' };
    await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(searchRequest, searchRequest),
      { allow: false },
    );

    await screen.findByRole('grid', { name: 'Changes' });
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject…' })).toBeNull();
  });

  it('approves without a comment, and keeps it pending when the approver steps back', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith({ ...pendingRequest, state: 'approved' }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve…' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Keep it pending',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.some(c => c.path.endsWith('/approve'))).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Approve…' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Approve',
      }),
    );
    await waitFor(() =>
      expect(calls.filter(c => c.path.endsWith('/approve'))).toEqual([
        expect.objectContaining({ body: {} }),
      ]),
    );
  });

  it('tells an approver who filed the request why they cannot approve it, and who must', async () => {
    // alice files it and is an approver (the permission allows deciding): the backend never lets
    // a requester decide, so instead of vanished buttons she reads why.
    await renderWithBackend(<RequestDetailPage id="req-1" />, backendWith(), {
      user: 'user:default/alice',
    });

    expect(
      await screen.findByText(
        'You filed this request, so you cannot approve it: another member of platform must approve. Quorum 1, 1 so far.',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Cancel request' }),
    ).toBeVisible();
  });

  it('shows no such note to a requester who may not approve anyway', async () => {
    const searchRequest = {
      ...pendingRequest,
      owner: 'group:default/search',
    };
    await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(searchRequest, searchRequest),
      { user: 'user:default/alice', allow: false },
    );

    await screen.findByRole('button', { name: 'Cancel request' });
    expect(screen.queryByText(/You filed this request/)).toBeNull();
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

  it('offers Cancel, not Approve, to the requester', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith({ ...pendingRequest, state: 'cancelled' }),
      { user: 'user:default/alice' },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel request' }),
    );

    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
    await waitFor(() =>
      expect(calls.some(c => c.path === '/requests/req-1/cancel')).toBe(true),
    );
  });

  it("shows the backend's refusal of a decision", async () => {
    await renderWithBackend(<RequestDetailPage id="req-1" />, call =>
      call.path.endsWith('/approve')
        ? jsonResponse(
            409,
            errorBody(409, 'ConflictError', 'no longer within policy'),
          )
        : backendWith()(call),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve…' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Approve',
      }),
    );

    // The dialog closes so the refusal is readable on the page.
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'no longer within policy (HTTP 409)',
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says so when the request stopped being pending (409) instead of failing the page', async () => {
    await renderWithBackend(<RequestDetailPage id="req-1" />, call =>
      call.path === '/requests/req-1/preview'
        ? jsonResponse(
            409,
            errorBody(409, 'ConflictError', 'request req-1 is approved'),
          )
        : backendWith()(call),
    );

    expect(
      await screen.findByText('The request is no longer pending'),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Approve…' })).toBeVisible();
    expect(screen.queryByText(/only available to members/)).toBeNull();
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

  it('closes the reject dialog with Escape, without rejecting', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject…' }),
    );
    await screen.findByRole('dialog');
    await userEvent.keyboard('{Escape}');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.some(c => c.path.endsWith('/reject'))).toBe(false);
  });
});

describe('RequestDetailPage live updates', () => {
  afterEach(() => jest.useRealTimers());

  /** A backend where someone else decides the request when the test says so. */
  function decidedElsewhere() {
    let current = pendingRequest;
    const route: BackendRoute = ({ method, path }) => {
      if (method === 'GET' && path === '/requests/req-1')
        return jsonResponse(200, current);
      if (path === '/requests/req-1/history')
        return jsonResponse(200, { items: requestHistory });
      if (path === '/requests/req-1/preview')
        return jsonResponse(200, previewBody);
      return undefined;
    };
    const approve = () => {
      current = {
        ...pendingRequest,
        state: 'approved',
        updatedAt: '2026-11-24T11:00:00.000Z',
      };
    };
    return { route, approve };
  }
  const reads = (calls: BackendCall[]) =>
    calls.filter(c => c.path === '/requests/req-1').length;
  const facts = () => screen.getByRole('list', { name: 'Request facts' });

  it("shows another approver's decision when the backend signals it", async () => {
    jest.useFakeTimers();
    const signals = fakeSignals();
    const backend = decidedElsewhere();
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backend.route,
      { signals },
    );
    await screen.findByRole('button', { name: 'Approve…' });
    expect(facts()).toHaveTextContent('State: pending');
    const before = reads(calls);

    await signals.publish({ requestIds: ['req-2'] });
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(reads(calls)).toBe(before);

    backend.approve();
    await signals.publish({
      requestIds: ['req-1'],
      poolIds: ['pool-1'],
      events: ['pool.created', 'request.approved'],
    });
    await waitFor(() => expect(facts()).toHaveTextContent('State: approved'));
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
    expect(reads(calls)).toBe(before + 1);
    expect(screen.queryByText(/install the signals plugin/)).toBeNull();
  });

  it('without the signals plugin, asks again every 15 seconds and says so', async () => {
    jest.useFakeTimers();
    const backend = decidedElsewhere();
    await renderWithBackend(<RequestDetailPage id="req-1" />, backend.route);
    await screen.findByRole('button', { name: 'Approve…' });
    expect(
      screen.getByText(
        'Updates every 15 s; install the signals plugin for live updates.',
      ),
    ).toBeVisible();

    backend.approve();
    await act(async () => {
      jest.advanceTimersByTime(15_000);
    });
    await waitFor(() => expect(facts()).toHaveTextContent('State: approved'));
  });
});

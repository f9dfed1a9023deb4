import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { clustersBody } from '../../__fixtures__/contract';
import { ClustersTable } from './ClustersTable';

describe('ClustersTable', () => {
  it("shows each cluster's policy in its own row", async () => {
    await renderInTestApp(<ClustersTable clusters={clustersBody.items} />);

    const table = screen.getByRole('grid', { name: 'Clusters' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(header => header.textContent);
    expect(headers).toEqual([
      'Cluster',
      'Status',
      'Node classes',
      'Architectures',
      'Capacity types',
      'Max per pool',
      'Team budget',
      'Quorum',
      'Approver groups',
    ]);

    const [, local, staging] = within(table).getAllByRole('row');
    expect(within(local).getByRole('rowheader')).toHaveTextContent(
      'Local control plane (local)etcd + kube-apiserver started by yarn cluster:start',
    );
    expect(
      within(local)
        .getAllByRole('gridcell')
        .map(cell => cell.textContent),
    ).toEqual([
      'HealthyLast reconciled 2026-11-24 10:00 UTC',
      'default',
      'amd64, arm64',
      'spot, on-demand',
      '64 CPU, 256Gi memory',
      '128 CPU, 512Gi memory',
      '1 approval',
      'group:default/platform',
    ]);
    expect(within(staging).getByRole('rowheader')).toHaveTextContent(
      'Staging (EKS, eu-west-1) (staging)',
    );
    const [stagingStatus] = within(staging).getAllByRole('gridcell');
    expect(within(stagingStatus).getByText('Unreachable')).toBeVisible();
    expect(
      within(stagingStatus).getByText('connect ECONNREFUSED 10.0.0.1:443'),
    ).toBeVisible();
    expect(stagingStatus).toHaveTextContent(
      'Last reconciled 2026-11-24 08:00 UTC',
    );
    expect(stagingStatus).toHaveTextContent(
      'Next attempt 2026-11-24 10:05 UTC',
    );
    expect(
      within(staging).getByText('32 CPU, 128Gi memory, 4 GPU'),
    ).toBeVisible();
    expect(within(staging).getByText('2 approvals')).toBeVisible();
    expect(
      within(staging).getByText(
        'group:default/platform, group:default/security',
      ),
    ).toBeVisible();
  });

  it('shows a cluster without reported health as unknown', async () => {
    const [local] = clustersBody.items;
    await renderInTestApp(
      <ClustersTable
        clusters={[
          {
            ...local,
            health: { state: 'unknown', message: 'no url configured' },
          },
          { ...local, name: 'old', title: undefined, health: undefined },
        ]}
      />,
    );

    const [, configured, old] = screen.getAllByRole('row');
    expect(within(configured).getAllByRole('gridcell')[0]).toHaveTextContent(
      'Unknownno url configured',
    );
    expect(within(old).getAllByRole('gridcell')[0]).toHaveTextContent(
      'UnknownThe backend does not report cluster health.',
    );
  });

  it('can be read with the keyboard: tab into the table, arrow keys move between rows', async () => {
    const user = userEvent.setup();
    await renderInTestApp(<ClustersTable clusters={clustersBody.items} />);
    const [, local, staging] = screen.getAllByRole('row');

    await user.tab();
    expect(local).toHaveFocus();

    await user.keyboard('{ArrowDown}');
    expect(staging).toHaveFocus();
  });
});

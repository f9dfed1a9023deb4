import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import { clustersBody, jsonResponse } from '../../__fixtures__/contract';
import { readyPool } from '../../__fixtures__/records';
import type { BackendRoute } from '../../__testUtils__/fakeBackend';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { AdvancedField } from './AdvancedField';
import type { AdvancedValue } from './advancedValue';

/** The policy `GET /clusters` sends: the summary plus the node class kind and the defaults. */
const awsPolicy = {
  ...clustersBody.items[1].policy,
  nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' },
  minInstanceGeneration: 6,
  allowNeverExpire: false,
  defaults: {
    operatingSystem: 'linux',
    consolidationPolicy: 'WhenEmptyOrUnderutilized',
    consolidateAfter: '30s',
    expireAfter: '720h',
    excludedInstanceSizes: ['metal'],
  },
};
const kwokPolicy = {
  ...clustersBody.items[0].policy,
  nodeClassRef: { group: 'karpenter.kwok.sh', kind: 'KWOKNodeClass' },
  instanceCategories: [],
  allowNeverExpire: false,
  defaults: {
    operatingSystem: 'linux',
    consolidationPolicy: 'WhenEmptyOrUnderutilized',
    consolidateAfter: '30s',
    expireAfter: '720h',
    excludedInstanceSizes: [],
  },
};

/** A pool set up through the API with a size list the form does not offer, and budgets. */
const apiPool: PoolRecord = {
  ...readyPool,
  cluster: 'staging',
  name: 'batch',
  spec: {
    ...readyPool.spec,
    requirements: {
      architectures: ['amd64'],
      capacityTypes: ['on-demand'],
      instanceCategories: ['g'],
      instanceSizes: ['2xlarge'],
    },
    disruption: {
      budgets: [{ nodes: '0', schedule: '@daily', duration: '1h' }],
    },
    weight: 20,
  },
};

function backend(): BackendRoute {
  return call => {
    if (call.method === 'GET' && call.path === '/clusters')
      return jsonResponse(200, {
        items: [
          { ...clustersBody.items[0], policy: kwokPolicy },
          { ...clustersBody.items[1], policy: awsPolicy },
        ],
      });
    if (call.method === 'GET' && call.path === '/pools')
      return jsonResponse(200, { items: [apiPool] });
    return undefined;
  };
}

function renderField(
  form: Record<string, unknown>,
  value?: AdvancedValue,
  requestKind?: 'update',
) {
  const onChange = jest.fn();
  const props = {
    formData: value,
    onChange,
    formContext: { formData: form },
    schema: { title: 'Advanced settings' },
    uiSchema: requestKind ? { 'ui:options': { requestKind } } : {},
    required: false,
    disabled: false,
  } as unknown as FieldExtensionComponentProps<AdvancedValue>;
  return {
    onChange,
    rendered: renderWithBackend(<AdvancedField {...props} />, backend()),
  };
}

const team = { owner: 'group:default/payments', pool: 'batch' };

describe('AdvancedField', () => {
  it("starts from the cluster's defaults and offers only the categories it allows", async () => {
    // The scaffolder's form starts an object field as {}.
    const { onChange, rendered } = renderField(
      { ...team, cluster: 'staging' },
      {},
    );
    await rendered;

    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({
        instanceCategories: ['g', 'p'],
        minInstanceGeneration: 6,
        excludedInstanceSizes: ['metal'],
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '30s',
        expireAfter: '720h',
      }),
    );
    const categories = await screen.findByRole('group', {
      name: /Instance categories/,
    });
    expect(
      Array.from(categories.querySelectorAll('input')).map(i => i.value),
    ).toEqual(['g', 'p']);
    // The cluster grants GPUs: the limit is offered, with the ceiling.
    expect(screen.getByRole('textbox', { name: 'GPU limit' })).toBeVisible();
    expect(screen.getByText(/at most 4 on this cluster/)).toBeVisible();
  });

  it('says on a kwok cluster that instance category, generation and size cannot be chosen, and offers none', async () => {
    const { onChange, rendered } = renderField({ ...team, cluster: 'local' });
    await rendered;

    expect(
      await screen.findByText(
        /node class kind KWOKNodeClass \(karpenter\.kwok\.sh\) has no instance category, generation or size to select on/,
      ),
    ).toBeVisible();
    expect(screen.queryByRole('group', { name: /Instance categories/ })).toBe(
      null,
    );
    expect(
      screen.queryByRole('textbox', { name: 'Minimum instance generation' }),
    ).toBe(null);
    expect(
      screen.queryByRole('textbox', { name: 'Excluded instance sizes' }),
    ).toBe(null);
    // No GPUs on this cluster: no GPU limit either.
    expect(screen.queryByRole('textbox', { name: 'GPU limit' })).toBe(null);
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '30s',
        expireAfter: '720h',
      }),
    );
  });

  it("starts a change from the pool's approved spec, keeping what was set through the API", async () => {
    const { onChange, rendered } = renderField(
      { ...team, cluster: 'staging' },
      undefined,
      'update',
    );
    const { calls } = await rendered;

    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith({
        instanceCategories: ['g'],
        instanceSizes: ['2xlarge'],
        budgets: [{ nodes: '0', schedule: '@daily', duration: '1h' }],
        weight: 20,
      }),
    );
    const pools = calls.find(c => c.path === '/pools');
    expect(pools?.query.get('owner')).toBe(team.owner);
    expect(pools?.query.get('cluster')).toBe('staging');
  });

  it('types lists and numbers as the user writes them and names what the model refuses', async () => {
    const { onChange, rendered } = renderField(
      { ...team, cluster: 'staging' },
      { expireAfter: '720h' },
    );
    await rendered;

    const sizes = await screen.findByRole('textbox', {
      name: 'Excluded instance sizes',
    });
    await userEvent.type(sizes, 'nano, micro');
    expect(sizes).toHaveValue('nano, micro');
    expect(onChange).toHaveBeenLastCalledWith({
      expireAfter: '720h',
      excludedInstanceSizes: ['nano', 'micro'],
    });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Expire after' }),
      'x',
    );
    expect(onChange).toHaveBeenLastCalledWith({ expireAfter: '720hx' });
  });

  it('shows the problems of the value it is given', async () => {
    const { rendered } = renderField(
      { ...team, cluster: 'staging' },
      { weight: 200, budgets: [{ nodes: 'lots' }] },
    );
    await rendered;
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Weight: must be between 1 and 100; Disruption budget 1, nodes: must be a node count ("5") or a percentage ("10%")',
    );
  });

  it('adds a disruption budget with a window and reasons', async () => {
    const { onChange, rendered } = renderField(
      { ...team, cluster: 'staging' },
      { expireAfter: '720h' },
    );
    await rendered;
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add a disruption budget' }),
    );
    expect(onChange).toHaveBeenLastCalledWith({
      expireAfter: '720h',
      budgets: [{ nodes: '10%' }],
    });
  });
});

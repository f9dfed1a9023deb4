import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { clustersBody, jsonResponse } from '../../__fixtures__/contract';
import { readyPool, unpinnedAmiWarning } from '../../__fixtures__/records';
import type { BackendRoute } from '../../__testUtils__/fakeBackend';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { NodeClassPickerField } from './NodeClassPickerField';

// Worded as the backend's nodeClassWarnings words them.
const gpuMissing =
  'node class gpu does not exist on cluster staging: the pool cannot launch nodes until it is created';
const gpuNotReady =
  'node class gpu is not Ready (SubnetsNotFound): nodes of this pool may fail to launch';

/** The backend: its clusters, with the warnings the reconciler's last pass left on each class. */
function backend(warningsByClass: Record<string, string[]>): BackendRoute {
  return call => {
    if (call.method === 'GET' && call.path === '/clusters')
      return jsonResponse(200, {
        items: clustersBody.items.map(cluster => ({
          ...cluster,
          nodeClasses: cluster.policy.nodeClasses.map(name => ({
            name,
            exists: !warningsByClass[name]?.some(w => /does not exist/.test(w)),
            ...(warningsByClass[name]?.some(w => /is not Ready/.test(w))
              ? { ready: 'False', readyMessage: 'SubnetsNotFound' }
              : { ready: 'True' }),
            amiAliases: [],
            warnings: warningsByClass[name] ?? [],
          })),
        })),
      });
    return undefined;
  };
}

function renderPicker(
  form: Record<string, unknown>,
  route: BackendRoute,
  value?: string,
  uiSchema: object = {},
) {
  const onChange = jest.fn();
  const props = {
    formData: value,
    onChange,
    formContext: { formData: form },
    schema: { title: 'Node class' },
    uiSchema,
    required: true,
    disabled: false,
  } as unknown as FieldExtensionComponentProps<string>;
  return {
    onChange,
    rendered: renderWithBackend(<NodeClassPickerField {...props} />, route),
  };
}

const team = { owner: 'group:default/payments', pool: 'gpu-jobs' };

describe('NodeClassPickerField', () => {
  it("offers the cluster's allowed classes; one the backend saw missing cannot be chosen", async () => {
    const { onChange, rendered } = renderPicker(
      { ...team, cluster: 'staging' },
      backend({ default: [unpinnedAmiWarning], gpu: [gpuMissing] }),
    );
    const { calls } = await rendered;

    await screen.findByText('Choose a node class', undefined, {
      timeout: 3000,
    });
    await userEvent.click(screen.getByRole('button', { name: /Node class/ }));
    const listbox = await screen.findByRole('listbox');
    const options = within(listbox).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      `default${unpinnedAmiWarning}`,
      `gpu${gpuMissing}`,
    ]);
    expect(options[1]).toHaveAttribute('aria-disabled', 'true');
    expect(options[0]).not.toHaveAttribute('aria-disabled');

    await userEvent.click(options[0]);
    expect(onChange).toHaveBeenCalledWith('default');
    // The cluster summary says it all: no dry run per class.
    expect(calls.map(c => `${c.method} ${c.path}`)).toEqual(['GET /clusters']);
  });

  it('says why a chosen class is no good: not Ready, or not offered on the cluster', async () => {
    const { rendered } = renderPicker(
      { ...team, cluster: 'staging' },
      backend({ gpu: [gpuNotReady] }),
      'gpu',
    );
    await rendered;
    expect(
      await screen.findByRole('alert', undefined, { timeout: 3000 }),
    ).toHaveTextContent(gpuNotReady);
  });

  it('names the classes a cluster offers when the value is not one of them', async () => {
    const { rendered } = renderPicker(
      { ...team, cluster: 'local' },
      backend({}),
      'gpu',
    );
    await rendered;
    expect(
      await screen.findByRole('alert', undefined, { timeout: 3000 }),
    ).toHaveTextContent(
      'gpu is not offered on cluster local: choose one of default',
    );
  });

  it('offers every allowed class without remarks before the reconciler has read them', async () => {
    const { rendered } = renderPicker({ ...team, cluster: 'staging' }, () =>
      jsonResponse(200, clustersBody),
    );
    await rendered;
    await screen.findByText('Choose a node class', undefined, {
      timeout: 3000,
    });
    await userEvent.click(screen.getByRole('button', { name: /Node class/ }));
    const options = within(await screen.findByRole('listbox')).getAllByRole(
      'option',
    );
    expect(options.map(o => o.textContent)).toEqual(['default', 'gpu']);
    expect(options.map(o => o.getAttribute('aria-disabled'))).toEqual([
      null,
      null,
    ]);
  });

  it("starts a change from the pool's node class", async () => {
    const withPool: BackendRoute = call =>
      call.path === '/pools'
        ? jsonResponse(200, {
            items: [
              {
                ...readyPool,
                cluster: 'staging',
                name: team.pool,
                spec: { ...readyPool.spec, nodeClass: 'gpu' },
              },
            ],
          })
        : backend({})(call);
    const { onChange, rendered } = renderPicker(
      { ...team, cluster: 'staging' },
      withPool,
      undefined,
      { 'ui:options': { requestKind: 'update' } },
    );
    await rendered;
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('gpu'));
  });

  it('waits for a cluster and asks for no dry run until then', async () => {
    const { rendered } = renderPicker({ owner: team.owner }, backend({}));
    const { calls } = await rendered;
    expect(
      await screen.findByText('Choose a cluster first', undefined, {
        timeout: 3000,
      }),
    ).toBeVisible();
    expect(calls.map(c => `${c.method} ${c.path}`)).toEqual(['GET /clusters']);
  });
});

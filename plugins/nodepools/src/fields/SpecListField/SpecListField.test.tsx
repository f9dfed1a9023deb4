import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { clustersBody, jsonResponse } from '../../__fixtures__/contract';
import { readyPool } from '../../__fixtures__/records';
import type { BackendRoute } from '../../__testUtils__/fakeBackend';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { SpecListField } from './SpecListField';

const backend: BackendRoute = call => {
  if (call.method === 'GET' && call.path === '/clusters')
    return jsonResponse(200, clustersBody);
  if (call.method === 'GET' && call.path === '/pools')
    return jsonResponse(200, {
      items: [
        {
          ...readyPool,
          name: 'batch',
          spec: {
            ...readyPool.spec,
            requirements: { architectures: ['arm64'], capacityTypes: ['spot'] },
            namespaces: ['payments', 'payments-batch'],
          },
        },
      ],
    });
  return undefined;
};

function renderList(
  cluster: string,
  options: Record<string, string>,
  value?: string[],
) {
  const onChange = jest.fn();
  const props = {
    formData: value,
    onChange,
    formContext: {
      formData: { owner: 'group:default/payments', cluster, pool: 'batch' },
    },
    schema: { title: 'CPU architectures', description: 'Which ones' },
    uiSchema: { 'ui:options': options },
    required: true,
    disabled: false,
  } as unknown as FieldExtensionComponentProps<string[]>;
  return {
    onChange,
    rendered: renderWithBackend(<SpecListField {...props} />, backend),
  };
}

describe('SpecListField', () => {
  it('starts a new pool on both architectures where the cluster allows both, as the help text advises', async () => {
    // The scaffolder's form starts a list as [].
    const { onChange, rendered } = renderList(
      'local',
      { list: 'architectures' },
      [],
    );
    await rendered;
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(['amd64', 'arm64']),
    );
  });

  it('offers only what the cluster allows, and starts there', async () => {
    const { onChange, rendered } = renderList('staging', {
      list: 'architectures',
    });
    await rendered;
    await waitFor(() => expect(onChange).toHaveBeenCalledWith(['amd64']));
    const group = await screen.findByRole('group', {
      name: /CPU architectures/,
    });
    expect(
      Array.from(group.querySelectorAll('input')).map(i => i.value),
    ).toEqual(['amd64']);
  });

  it("starts a change from the pool's approved lists", async () => {
    const arch = renderList('local', {
      list: 'architectures',
      requestKind: 'update',
    });
    await arch.rendered;
    await waitFor(() => expect(arch.onChange).toHaveBeenCalledWith(['arm64']));
  });

  it("starts a change's namespaces from the pool and edits them as a list", async () => {
    const { onChange, rendered } = renderList('local', {
      list: 'namespaces',
      requestKind: 'update',
    });
    await rendered;
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(['payments', 'payments-batch']),
    );
  });

  it('names a value the cluster does not allow', async () => {
    const { rendered } = renderList('staging', { list: 'architectures' }, [
      'amd64',
      'arm64',
    ]);
    await rendered;
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'arm64 is not allowed on this cluster, which allows amd64',
    );
  });

  it('edits namespaces as typed', async () => {
    const { onChange, rendered } = renderList(
      'local',
      { list: 'namespaces' },
      [],
    );
    await rendered;
    await userEvent.type(
      await screen.findByRole('textbox', { name: /CPU architectures/ }),
      'a, b',
    );
    expect(onChange).toHaveBeenLastCalledWith(['a', 'b']);
  });
});

import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { clustersBody, jsonResponse } from '../../__fixtures__/contract';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { ClusterPickerField } from './ClusterPickerField';

describe('ClusterPickerField', () => {
  it('offers the configured clusters and reports the chosen name', async () => {
    const onChange = jest.fn();
    const props = {
      formData: undefined,
      onChange,
      schema: { title: 'Cluster' },
      uiSchema: {},
      required: true,
      disabled: false,
    } as unknown as FieldExtensionComponentProps<string>;
    await renderWithBackend(<ClusterPickerField {...props} />, ({ path }) =>
      path === '/clusters' ? jsonResponse(200, clustersBody) : undefined,
    );

    const trigger = await screen.findByRole('button', { name: /Cluster/ });
    await screen.findByText('Choose a cluster');
    await userEvent.click(trigger);
    await userEvent.click(
      await screen.findByRole('option', { name: /Staging \(EKS, eu-west-1\)/ }),
    );

    expect(onChange).toHaveBeenCalledWith('staging');
  });
});

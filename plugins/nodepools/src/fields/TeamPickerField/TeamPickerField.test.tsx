import { identityApiRef } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { TeamPickerField } from './TeamPickerField';

const group = (name: string, title: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', title },
  spec: { type: 'team', children: [] },
});
const catalog = catalogApiMock({
  entities: [group('payments', 'Payments'), group('search', 'Search')],
});

async function renderPicker(ownershipEntityRefs: string[]) {
  const values: Array<string | undefined> = [];
  function Harness() {
    const [value, setValue] = useState<string | undefined>();
    values.push(value);
    const props = {
      formData: value,
      onChange: setValue,
      schema: { title: 'Team' },
      uiSchema: {},
      required: true,
      disabled: false,
    } as unknown as FieldExtensionComponentProps<string>;
    return <TeamPickerField {...props} />;
  }
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          identityApiRef,
          mockApis.identity({
            userEntityRef: 'user:default/bob',
            ownershipEntityRefs,
          }),
        ],
        [catalogApiRef, catalog],
      ]}
    >
      <Harness />
    </TestApiProvider>,
  );
  return values;
}

describe('TeamPickerField', () => {
  it("prefills the user's only team", async () => {
    const values = await renderPicker([
      'user:default/bob',
      'group:default/payments',
    ]);
    await waitFor(() =>
      expect(values[values.length - 1]).toBe('group:default/payments'),
    );
    expect(screen.getByRole('button', { name: /Team/ })).toHaveTextContent(
      'Payments',
    );
  });

  it('leaves the choice to a user of several teams, offering only theirs', async () => {
    const values = await renderPicker([
      'user:default/carol',
      'group:default/payments',
      'group:default/search',
    ]);
    const button = await screen.findByRole('button', { name: /Team/ });
    await waitFor(() => expect(button).toHaveTextContent('Choose a team'));
    expect(values.every(v => v === undefined)).toBe(true);
  });

  it('says why a user in no team cannot go on', async () => {
    await renderPicker(['user:default/dave']);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You belong to no team in the catalog',
    );
  });
});

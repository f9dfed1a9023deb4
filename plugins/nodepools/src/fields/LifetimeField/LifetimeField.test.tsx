import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { clustersBody, jsonResponse } from '../../__fixtures__/contract';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { LifetimeField } from './LifetimeField';
import { validateLifetime } from './validateLifetime';

// The field as the scaffolder's form drives it: controlled, with the whole form in formContext.
function Harness({ cluster }: { cluster?: string }) {
  const [value, setValue] = useState<string | undefined>();
  const props = {
    formData: value,
    onChange: setValue,
    formContext: { formData: { cluster } },
    schema: { title: 'Lifetime' },
    uiSchema: {},
    required: false,
    disabled: false,
  } as unknown as FieldExtensionComponentProps<string>;
  return <LifetimeField {...props} />;
}

const withRules = () =>
  jsonResponse(200, {
    items: clustersBody.items.map(c => ({
      ...c,
      policy: {
        ...c.policy,
        lifetime: {
          default: '30d',
          max: '90d',
          required: true,
          warnBefore: ['7d', '1d'],
          onExpiry: 'decommission',
        },
      },
    })),
  });

describe('LifetimeField', () => {
  it("shows the chosen cluster's default and maximum, and says what is wrong as it is typed", async () => {
    await renderWithBackend(<Harness cluster="local" />, ({ path }) =>
      path === '/clusters' ? withRules() : undefined,
    );
    expect(
      await screen.findByText(/On local: empty means 30d, at most 90d\./),
    ).toBeVisible();
    await userEvent.type(
      screen.getByRole('textbox', { name: /Lifetime/ }),
      '30 days',
    );
    expect(
      screen.getByText(
        'Write a whole number followed by d, h or m, such as 30d',
      ),
    ).toBeVisible();
  });

  it('says a pool without one does not expire on a cluster without rules, and asks for the cluster first', async () => {
    await renderWithBackend(<Harness cluster="local" />, ({ path }) =>
      path === '/clusters' ? jsonResponse(200, clustersBody) : undefined,
    );
    expect(
      await screen.findByText(
        /On local, leave it empty for a pool that does not expire\./,
      ),
    ).toBeVisible();
    await renderWithBackend(<Harness />, () => undefined);
    expect(
      screen.getByText(/Choose the cluster to see its rules\./),
    ).toBeVisible();
  });

  it('stops the step on a malformed lifetime only', () => {
    const errors: string[] = [];
    const validation = {
      addError: (m: string) => errors.push(m),
    } as unknown as Parameters<typeof validateLifetime>[1];
    const context = {} as Parameters<typeof validateLifetime>[2];
    validateLifetime('', validation, context);
    validateLifetime('12h', validation, context);
    validateLifetime('1w', validation, context);
    expect(errors).toEqual([
      'Write a whole number followed by d, h or m, such as 30d',
    ]);
  });
});

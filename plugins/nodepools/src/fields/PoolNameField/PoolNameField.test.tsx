import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { PoolNameField } from './PoolNameField';
import { validatePoolName } from './validatePoolName';

// The field as the scaffolder's form drives it: controlled, with the whole form in formContext.
function Harness({ owner }: { owner?: string }) {
  const [value, setValue] = useState<string | undefined>();
  const props = {
    formData: value,
    onChange: setValue,
    formContext: { formData: { owner, cluster: 'local' } },
    schema: { title: 'Pool name' },
    uiSchema: {},
    required: true,
    disabled: false,
  } as unknown as FieldExtensionComponentProps<string>;
  return <PoolNameField {...props} />;
}

describe('PoolNameField', () => {
  it("shows the NodePool's real name as the help while typing", async () => {
    await renderInTestApp(<Harness owner="group:default/payments" />);
    const input = screen.getByRole('textbox', { name: /Pool name/ });
    expect(
      screen.getByText(/The NodePool will be named payments\.…/),
    ).toBeVisible();
    await userEvent.type(input, 'gpu-batch');
    expect(
      screen.getByText(
        "Lower-case letters, digits and '-'. The NodePool will be named payments.gpu-batch",
      ),
    ).toBeVisible();
    // Outside the default namespace the team is <namespace>.<group>.
    await renderInTestApp(<Harness owner="group:eu/search" />);
    expect(
      screen.getByText(/The NodePool will be named eu\.search\.…/),
    ).toBeVisible();
  });

  it('asks for the team before it can name the NodePool', async () => {
    await renderInTestApp(<Harness />);
    expect(
      screen.getByText(/Choose the team to see the NodePool's name/),
    ).toBeVisible();
  });

  it('says in words what is wrong as it is typed, not as a pattern', async () => {
    await renderInTestApp(<Harness owner="group:default/payments" />);
    await userEvent.type(
      screen.getByRole('textbox', { name: /Pool name/ }),
      'GPU_batch',
    );
    expect(
      screen.getByText(
        'Use lower-case letters only: Kubernetes names have no capitals',
      ),
    ).toBeVisible();
    expect(screen.queryByText(/\^\[a-z0-9\]/)).toBeNull();
  });

  it('stops the step with the same words, counting the team in the length', () => {
    const errors: string[] = [];
    const validation = {
      addError: (m: string) => errors.push(m),
    } as unknown as Parameters<typeof validatePoolName>[1];
    const team = 'a'.repeat(50);
    const context = {
      formData: { owner: `group:default/${team}` },
    } as unknown as Parameters<typeof validatePoolName>[2];
    validatePoolName('b'.repeat(13), validation, context);
    validatePoolName('b'.repeat(12), validation, context);
    validatePoolName('-x', validation, context);
    expect(errors).toEqual([
      `Use at most 12 characters, so that the NodePool name ${team}.… fits in 63`,
      "Start and end the name with a letter or a digit, not '-'",
    ]);
  });
});

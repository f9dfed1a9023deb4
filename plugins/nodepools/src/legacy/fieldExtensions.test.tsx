import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
  type TemplateParameterSchema,
} from '@backstage/plugin-scaffolder-react';
import {
  Stepper,
  type StepperProps,
} from '@backstage/plugin-scaffolder-react/alpha';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { previewRequest } from '@nodepools/plugin-nodepools-common';
import { sampleFormAnswers } from '@nodepools/plugin-nodepools-common/testUtils';
import {
  clustersBody,
  errorBody,
  jsonResponse,
} from '../__fixtures__/contract';
import { defaultPolicy, readyPool } from '../__fixtures__/records';
import { fakeBackend, type BackendRoute } from '../__testUtils__/fakeBackend';
import * as formFields from '../fields/formFields';
import {
  NodePoolAdvancedFieldExtension,
  NodePoolClusterPickerFieldExtension,
  NodePoolLifetimeFieldExtension,
  NodePoolLimitsFieldExtension,
  NodePoolNameFieldExtension,
  NodePoolNodeClassPickerFieldExtension,
  NodePoolRequestCheckFieldExtension,
  NodePoolSpecListFieldExtension,
  NodePoolTeamPickerFieldExtension,
  nodePoolsApiRef,
} from '../legacy';

// The field extensions as a legacy app mounts them: inside <ScaffolderFieldExtensions> under its
// /create route, where the scaffolder page collects them with useCustomFieldExtensions and hands
// them to the template wizard (Stepper), which renders each `ui:field` and runs its validation.

const appFields = (
  <ScaffolderFieldExtensions>
    <NodePoolClusterPickerFieldExtension />
    <NodePoolNodeClassPickerFieldExtension />
    <NodePoolTeamPickerFieldExtension />
    <NodePoolNameFieldExtension />
    <NodePoolLimitsFieldExtension />
    <NodePoolRequestCheckFieldExtension />
    <NodePoolAdvancedFieldExtension />
    <NodePoolSpecListFieldExtension />
    <NodePoolLifetimeFieldExtension />
  </ScaffolderFieldExtensions>
);

/** The scaffolder page's part: collect the app's field extensions and run the template's form. */
function Wizard(
  props: Pick<StepperProps, 'manifest' | 'initialState' | 'onCreate'>,
) {
  const extensions = useCustomFieldExtensions(appFields);
  return <Stepper {...props} extensions={extensions} />;
}

/** The custom fields the suite's templates use, wherever the templates live now. */
function templateFieldNames(): string[] {
  const dirs = [
    join(__dirname, '../../../../templates'),
    join(__dirname, '../../../scaffolder-backend-module-nodepools/templates'),
  ];
  const names = dirs.flatMap(dir => {
    let files: string[];
    try {
      files = readdirSync(dir).filter(f => f.endsWith('.yaml'));
    } catch {
      return [];
    }
    return files.flatMap(f =>
      [
        ...readFileSync(join(dir, f), 'utf8').matchAll(
          /ui:field:\s*(NodePool\w+)/g,
        ),
      ].map(m => m[1]),
    );
  });
  return [...new Set(names)].sort();
}

/** The template's fields under test, on one page. */
const manifest: TemplateParameterSchema = {
  title: 'Request a dedicated node pool',
  steps: [
    {
      title: 'Pool',
      schema: {
        required: ['cluster', 'nodeClass'],
        properties: {
          cluster: {
            title: 'Cluster',
            type: 'string',
            'ui:field': 'NodePoolClusterPicker',
          },
          nodeClass: {
            title: 'Node class',
            type: 'string',
            'ui:field': 'NodePoolNodeClassPicker',
          },
          policyCheck: {
            title: 'Policy check',
            type: 'string',
            'ui:field': 'NodePoolRequestCheck',
          },
        },
      },
    },
  ],
};

/** The rest of the form, as the template's other pages left it. */
const filledForm = sampleFormAnswers;

const notMember =
  'you may not request node pools for group:default/payments: you are not a member of that team';

/** The backend: its clusters, and its dry run of the form's request (computed by the shared core). */
function backend(refuse: boolean): BackendRoute {
  return ({ method, path, body }) => {
    if (method === 'GET' && path === '/clusters')
      return jsonResponse(200, clustersBody);
    if (method === 'POST' && path === '/requests') {
      if (refuse)
        return jsonResponse(403, errorBody(403, 'NotAllowedError', notMember));
      const { dryRun: _dryRun, ...request } = body;
      const result = previewRequest({
        request,
        policy: defaultPolicy,
        currentPools: [readyPool],
      });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return jsonResponse(200, { preview: result.preview, warnings: [] });
    }
    return undefined;
  };
}

async function renderWizard(refuse: boolean) {
  const fake = fakeBackend(backend(refuse));
  const onCreate = jest.fn(async () => {});
  await renderInTestApp(
    <TestApiProvider apis={[[nodePoolsApiRef, fake.client]]}>
      <Wizard
        manifest={manifest}
        initialState={filledForm}
        onCreate={onCreate}
      />
    </TestApiProvider>,
  );
  const dryRuns = () =>
    fake.calls.filter(c => c.method === 'POST' && c.path === '/requests');
  return { onCreate, dryRuns };
}

describe('legacy scaffolder field extensions', () => {
  // The wizard renders the whole form; on 2 shared cores that takes seconds.
  jest.setTimeout(30_000);
  // The wizard scrolls to the top on each step; jsdom has no layout to scroll.
  beforeAll(() => {
    jest.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });

  it('cover every custom field the templates use, under the names the NFS form fields have', async () => {
    const names = templateFieldNames();
    expect(names).toEqual([
      'NodePoolAdvanced',
      'NodePoolClusterPicker',
      'NodePoolLifetime',
      'NodePoolLimits',
      'NodePoolName',
      'NodePoolNodeClassPicker',
      'NodePoolRequestCheck',
      'NodePoolSpecList',
      'NodePoolTeamPicker',
    ]);

    let collected: string[] = [];
    function Collect() {
      collected = useCustomFieldExtensions(appFields).map(e => e.name);
      return null;
    }
    await renderInTestApp(<Collect />);
    expect([...collected].sort()).toEqual(names);
    expect(
      Object.values(formFields)
        .map(f => (f as unknown as { name?: string }).name)
        .sort(),
    ).toEqual(names);
  });

  it("renders the fields from the backend's answers and submits a request it would file", async () => {
    const { onCreate, dryRuns } = await renderWizard(false);

    expect(
      await screen.findByRole('button', { name: /Local control plane/ }),
    ).toBeVisible();
    expect(
      await screen.findByText("Within the cluster's policy", undefined, {
        timeout: 5000,
      }),
    ).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );

    await waitFor(() =>
      expect(onCreate).toHaveBeenCalledWith(
        expect.objectContaining({
          cluster: 'local',
          nodeClass: 'default',
          policyCheck: 'allowed',
        }),
      ),
    );
    // The field's check, and its validation on the way to review.
    expect(dryRuns()).toHaveLength(2);
  });

  it('stops the form on a request the backend would refuse, with its reason', async () => {
    const { onCreate, dryRuns } = await renderWizard(true);

    expect(
      await screen.findByRole(
        'list',
        { name: 'Why the backend refuses it' },
        { timeout: 5000 },
      ),
    ).toHaveTextContent(notMember);
    expect(dryRuns()).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));

    // The validation asks again; the scaffolder shows its error under the field (RJSF's id).
    await waitFor(() =>
      expect(
        document.getElementById('root_policyCheck__error'),
      ).toHaveTextContent(notMember),
    );
    expect(dryRuns()).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Review' })).toBeVisible();
    expect(onCreate).not.toHaveBeenCalled();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { applyFileStep } from './applyFileStep.ts';
import { parseInstallSteps } from './parseInstallSteps.ts';
import { planInstallSteps } from './planInstallSteps.ts';

/** The fixture README applied to a small app with both frontends, as the install test does. */
describe('the fixture README on an app with both frontends', () => {
  let app: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    fs.writeFileSync(path.join(app, file), text);
  };
  const read = (file: string) => fs.readFileSync(path.join(app, file), 'utf8');

  beforeAll(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), 'install-fixture-'));
    write('app-config.yaml', 'app:\n  title: Test\n');
    write(
      'packages/backend/src/index.ts',
      'const backend = createBackend();\nbackend.start();\n',
    );
    for (const dir of ['packages/app', 'packages/app-legacy']) {
      write(
        `${dir}/src/App.tsx`,
        [
          "import { createApp } from '@backstage/app-defaults';",
          'const routes = (',
          '  <FlatRoutes>',
          '  </FlatRoutes>',
          ');',
          '',
        ].join('\n'),
      );
    }
    const steps = parseInstallSteps(
      fs.readFileSync(path.join(__dirname, '__fixtures__/README.md'), 'utf8'),
      'README.md',
    );
    const planned = planInstallSteps(steps, [
      { system: 'nfs', dir: 'packages/app', workspace: 'app' },
      { system: 'legacy', dir: 'packages/app-legacy', workspace: 'app-legacy' },
    ]);
    for (const p of planned) {
      if ('path' in p) applyFileStep(p.step, app, p.path);
    }
  });
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

  it('adds the backend plugin before the start', () => {
    expect(read('packages/backend/src/index.ts')).toBe(
      [
        'const backend = createBackend();',
        "backend.add(import('@nodepools/plugin-nodepools-backend'));",
        'backend.start();',
        '',
      ].join('\n'),
    );
  });

  it('merges both config blocks into app-config.yaml', () => {
    expect(parse(read('app-config.yaml'))).toEqual({
      app: { title: 'Test', extensions: [{ 'page:nodepools': true }] },
      nodepools: {
        clusters: [{ name: 'prod', url: '${NODEPOOLS_CLUSTER_URL}' }],
      },
    });
  });

  it('wires the legacy route into the legacy frontend only', () => {
    expect(read('packages/app-legacy/src/App.tsx')).toBe(
      [
        "import { createApp } from '@backstage/app-defaults';",
        "import { NodePoolsPage } from '@nodepools/plugin-nodepools/legacy';",
        'const routes = (',
        '  <FlatRoutes>',
        '<Route path="/nodepools" element={<NodePoolsPage />} />',
        '  </FlatRoutes>',
        ');',
        '',
      ].join('\n'),
    );
    expect(read('packages/app/src/App.tsx')).not.toContain('NodePoolsPage');
  });
});

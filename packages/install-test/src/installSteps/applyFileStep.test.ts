import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { applyFileStep } from './applyFileStep.ts';
import { InstallStepError, type FileStep } from './InstallStep.ts';

const source = { file: 'plugins/x/README.md', line: 7 };
const step = (fields: Partial<FileStep> & Pick<FileStep, 'op'>): FileStep =>
  ({
    source,
    scope: 'all',
    language: 'ts',
    lines: [],
    path: 'packages/backend/src/index.ts',
    ...fields,
  } as FileStep);

const BACKEND = [
  "import { createBackend } from '@backstage/backend-defaults';",
  '',
  'const backend = createBackend();',
  '',
  '// permission plugin',
  "backend.add(import('@backstage/plugin-permission-backend'));",
  'backend.add(',
  "  import('@backstage/plugin-permission-backend-module-allow-all-policy'),",
  ');',
  '',
  'backend.start();',
  '',
].join('\n');

describe('applyFileStep', () => {
  let app: string;
  const read = (file = 'packages/backend/src/index.ts') =>
    fs.readFileSync(path.join(app, file), 'utf8');

  beforeEach(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), 'install-steps-'));
    fs.mkdirSync(path.join(app, 'packages/backend/src'), { recursive: true });
    fs.writeFileSync(path.join(app, 'packages/backend/src/index.ts'), BACKEND);
    fs.writeFileSync(
      path.join(app, 'app-config.yaml'),
      [
        'app:',
        '  title: Scaffolded Backstage App',
        'catalog:',
        '  locations:',
        '    - type: file',
        '      target: ../../examples/org.yaml',
        'scaffolder:',
        '',
      ].join('\n'),
    );
  });
  afterEach(() => fs.rmSync(app, { recursive: true, force: true }));

  it('inserts before the first line containing the anchor', () => {
    applyFileStep(
      step({
        op: 'insert',
        position: 'before',
        anchor: 'backend.start()',
        lines: ["backend.add(import('x'));", ''],
      }),
      app,
    );
    expect(read().split('\n').slice(-4)).toEqual([
      "backend.add(import('x'));",
      '',
      'backend.start();',
      '',
    ]);
  });

  it('inserts after the first line containing the anchor', () => {
    applyFileStep(
      step({
        op: 'insert',
        position: 'after',
        anchor: 'backend.add(',
        lines: ['// after the first add'],
      }),
      app,
    );
    const lines = read().split('\n');
    expect(lines[5]).toBe(
      "backend.add(import('@backstage/plugin-permission-backend'));",
    );
    expect(lines[6]).toBe('// after the first add');
    expect(lines[7]).toBe('backend.add(');
  });

  it('inserts at the top and at the end', () => {
    applyFileStep(
      step({ op: 'insert', position: 'top', lines: ['// first'] }),
      app,
    );
    applyFileStep(
      step({ op: 'insert', position: 'bottom', lines: ['// last'] }),
      app,
    );
    expect(read()).toBe(`// first\n${BACKEND}// last\n`);
  });

  it('removes the block, compared line by line without surrounding whitespace', () => {
    applyFileStep(
      step({
        op: 'remove',
        lines: [
          '',
          '    backend.add(',
          "import('@backstage/plugin-permission-backend-module-allow-all-policy'),",
          ');  ',
          '',
        ],
      }),
      app,
    );
    expect(read()).not.toContain('allow-all-policy');
    expect(read()).toContain(
      "backend.add(import('@backstage/plugin-permission-backend'));\n\nbackend.start();",
    );
  });

  it('merges YAML: maps key by key, lists appended, scalars replaced', () => {
    applyFileStep(
      step({
        op: 'merge',
        path: 'app-config.yaml',
        language: 'yaml',
        lines: [
          'app:',
          '  title: Portal',
          'catalog:',
          '  locations:',
          '    - type: file',
          '      target: ./templates/request.yaml',
          'scaffolder:',
          '  defaultAuthor: { name: x }',
          'nodepools:',
          '  clusters:',
          '    - name: prod',
          '      url: ${NODEPOOLS_CLUSTER_URL}',
        ],
      }),
      app,
    );
    expect(parse(read('app-config.yaml'))).toEqual({
      app: { title: 'Portal' },
      catalog: {
        locations: [
          { type: 'file', target: '../../examples/org.yaml' },
          { type: 'file', target: './templates/request.yaml' },
        ],
      },
      scaffolder: { defaultAuthor: { name: 'x' } },
      nodepools: {
        clusters: [{ name: 'prod', url: '${NODEPOOLS_CLUSTER_URL}' }],
      },
    });
  });

  it('creates a new file, with its folders', () => {
    applyFileStep(
      step({
        op: 'create',
        path: 'packages/backend/src/modules/policy.ts',
        lines: ['export {};'],
      }),
      app,
    );
    expect(read('packages/backend/src/modules/policy.ts')).toBe('export {};\n');
  });

  it('applies to the mapped path when one is given', () => {
    fs.mkdirSync(path.join(app, 'packages/app-legacy/src'), {
      recursive: true,
    });
    fs.writeFileSync(path.join(app, 'packages/app-legacy/src/App.tsx'), 'a\n');
    applyFileStep(
      step({
        op: 'insert',
        path: 'packages/app/src/App.tsx',
        position: 'bottom',
        lines: ['b'],
      }),
      app,
      'packages/app-legacy/src/App.tsx',
    );
    expect(read('packages/app-legacy/src/App.tsx')).toBe('a\nb\n');
  });

  describe('fails, naming the README line and the file,', () => {
    const failure = (failing: FileStep) => {
      const before = read();
      try {
        applyFileStep(failing, app);
      } catch (error) {
        expect(error).toBeInstanceOf(InstallStepError);
        expect(read()).toBe(before);
        return (error as Error).message;
      }
      throw new Error('expected the step to be refused');
    };

    it('when the anchor is missing', () => {
      expect(
        failure(
          step({
            op: 'insert',
            position: 'after',
            anchor: 'backend.begin()',
            lines: ['x'],
          }),
        ),
      ).toBe(
        'plugins/x/README.md:7: insert packages/backend/src/index.ts: no line contains the anchor "backend.begin()"',
      );
    });

    it.each(['insert', 'remove', 'merge'] as const)(
      'when the file to %s is missing',
      op => {
        expect(
          failure(
            step({
              op,
              path: 'packages/backend/src/main.ts',
              position: 'top',
              lines: ['x: 1'],
            } as FileStep),
          ),
        ).toBe(
          `plugins/x/README.md:7: ${op} packages/backend/src/main.ts: no such file in the generated app`,
        );
      },
    );

    it('when the lines to remove are not there (in that order)', () => {
      expect(
        failure(
          step({
            op: 'remove',
            lines: ['backend.start();', 'backend.add('],
          }),
        ),
      ).toMatch(
        /remove packages\/backend\/src\/index\.ts: these lines are not in the file/,
      );
    });

    it('when the block to remove is empty', () => {
      expect(failure(step({ op: 'remove', lines: ['', ' '] }))).toMatch(
        /the block is empty/,
      );
    });

    it('when the file to create exists', () => {
      expect(failure(step({ op: 'create', lines: ['x'] }))).toMatch(
        /create packages\/backend\/src\/index\.ts: the file already exists/,
      );
    });

    it('when the YAML to merge is not a map, or not YAML', () => {
      const merge = (lines: string[]) =>
        failure(step({ op: 'merge', path: 'app-config.yaml', lines }));
      expect(merge(['- a'])).toMatch(/the block must be a YAML map/);
      expect(merge(['a: [b'])).toMatch(/the block is not valid YAML/);
    });

    it('when the path leaves the app', () => {
      expect(
        failure(step({ op: 'create', path: '../outside.ts', lines: ['x'] })),
      ).toMatch(/the path leaves the app/);
    });
  });
});

import { InstallStepError } from './InstallStep.ts';
import { parseInstallSteps } from './parseInstallSteps.ts';

const fence = '```';
const parse = (markdown: string) => parseInstallSteps(markdown, 'README.md');

describe('parseInstallSteps', () => {
  it('reads each operation with its block, in order', () => {
    const steps = parse(
      [
        '# Plugin',
        '',
        'Install the package:',
        '<!-- install-step: run -->',
        '',
        `${fence}sh`,
        '# from the app root',
        'yarn --cwd packages/backend add @nodepools/plugin-nodepools-backend',
        fence,
        '<!-- install-step: insert packages/backend/src/index.ts before "backend.start();" -->',
        `${fence}ts`,
        "backend.add(import('@nodepools/plugin-nodepools-backend'));",
        fence,
        '<!-- install-step: insert packages/app/src/App.tsx after "import { createApp }" -->',
        `${fence}tsx`,
        "import nodePoolsPlugin from '@nodepools/plugin-nodepools';",
        fence,
        '<!--install-step:insert packages/backend/src/index.ts top-->',
        `${fence}ts`,
        '// top',
        fence,
        '<!-- install-step: insert packages/backend/src/index.ts bottom -->',
        `${fence}ts`,
        '// bottom',
        fence,
        '<!-- install-step: remove packages/backend/src/index.ts -->',
        `${fence}ts`,
        'backend.add(',
        "  import('@backstage/plugin-permission-backend-module-allow-all-policy'),",
        ');',
        fence,
        '<!-- install-step: merge app-config.yaml -->',
        `${fence}yaml`,
        'nodepools:',
        '  platformOwner: group:default/platform',
        fence,
        '<!-- install-step: create packages/backend/src/extra.ts -->',
        `${fence}ts`,
        'export {};',
        fence,
      ].join('\n'),
    );
    expect(
      steps.map(({ source, op, scope, language, lines, ...rest }) => ({
        line: source.line,
        op,
        scope,
        language,
        lines,
        ...rest,
      })),
    ).toEqual([
      {
        line: 4,
        op: 'run',
        scope: 'all',
        language: 'sh',
        lines: [
          '# from the app root',
          'yarn --cwd packages/backend add @nodepools/plugin-nodepools-backend',
        ],
      },
      {
        line: 10,
        op: 'insert',
        scope: 'all',
        language: 'ts',
        lines: ["backend.add(import('@nodepools/plugin-nodepools-backend'));"],
        path: 'packages/backend/src/index.ts',
        position: 'before',
        anchor: 'backend.start();',
      },
      {
        line: 14,
        op: 'insert',
        scope: 'all',
        language: 'tsx',
        lines: ["import nodePoolsPlugin from '@nodepools/plugin-nodepools';"],
        path: 'packages/app/src/App.tsx',
        position: 'after',
        anchor: 'import { createApp }',
      },
      {
        line: 18,
        op: 'insert',
        scope: 'all',
        language: 'ts',
        lines: ['// top'],
        path: 'packages/backend/src/index.ts',
        position: 'top',
      },
      {
        line: 22,
        op: 'insert',
        scope: 'all',
        language: 'ts',
        lines: ['// bottom'],
        path: 'packages/backend/src/index.ts',
        position: 'bottom',
      },
      {
        line: 26,
        op: 'remove',
        scope: 'all',
        language: 'ts',
        lines: [
          'backend.add(',
          "  import('@backstage/plugin-permission-backend-module-allow-all-policy'),",
          ');',
        ],
        path: 'packages/backend/src/index.ts',
      },
      {
        line: 32,
        op: 'merge',
        scope: 'all',
        language: 'yaml',
        lines: ['nodepools:', '  platformOwner: group:default/platform'],
        path: 'app-config.yaml',
      },
      {
        line: 37,
        op: 'create',
        scope: 'all',
        language: 'ts',
        lines: ['export {};'],
        path: 'packages/backend/src/extra.ts',
      },
    ]);
    expect(steps[0].source.file).toBe('README.md');
  });

  it('reads the [nfs] and [legacy] scopes', () => {
    const steps = parse(
      [
        '<!-- install-step[nfs]: merge app-config.yaml -->',
        `${fence}yaml`,
        'app: {}',
        fence,
        '<!-- install-step[legacy]: insert packages/app/src/App.tsx before "const routes" -->',
        `${fence}tsx`,
        '// legacy',
        fence,
      ].join('\n'),
    );
    expect(steps.map(s => s.scope)).toEqual(['nfs', 'legacy']);
  });

  it('keeps an anchor verbatim, quotes and spacing included', () => {
    const [step] = parse(
      [
        '<!-- install-step: insert packages/app/src/App.tsx after "<Route path="/create"  element" -->',
        `${fence}tsx`,
        'x',
        fence,
      ].join('\n'),
    );
    expect(step).toMatchObject({ anchor: '<Route path="/create"  element' });
  });

  it('removes the indentation of a block nested in a list item, and nothing more', () => {
    const [step] = parse(
      [
        '1. Add the plugin:',
        '   <!-- install-step: insert packages/backend/src/index.ts before "backend.start();" -->',
        '   ~~~ts',
        '   backend.add(',
        '     x,',
        '   );',
        '   ~~~',
      ].join('\n'),
    );
    expect(step.lines).toEqual(['backend.add(', '  x,', ');']);
  });

  it('ignores markers shown inside code blocks and prose that mentions no marker', () => {
    const steps = parse(
      [
        'A step looks like this:',
        `${fence}md`,
        '<!-- install-step: run -->',
        fence,
        '<!-- a comment that is not a step -->',
        'Steps are written as install-step comments.',
      ].join('\n'),
    );
    expect(steps).toEqual([]);
  });

  it('accepts the block languages each operation needs', () => {
    for (const language of ['sh', 'bash', 'shell']) {
      expect(
        parse(
          ['<!-- install-step: run -->', `${fence}${language}`, fence].join(
            '\n',
          ),
        ),
      ).toHaveLength(1);
    }
    expect(
      parse(
        ['<!-- install-step: merge a.yaml -->', `${fence}yml`, fence].join(
          '\n',
        ),
      ),
    ).toHaveLength(1);
  });

  describe('fails, naming the README line,', () => {
    const failure = (markdown: string) => {
      try {
        parse(markdown);
      } catch (error) {
        expect(error).toBeInstanceOf(InstallStepError);
        return (error as Error).message;
      }
      throw new Error('expected the README to be refused');
    };

    it('for an unknown operation', () => {
      expect(
        failure(
          [
            'intro',
            '<!-- install-step: append app-config.yaml -->',
            `${fence}yaml`,
            fence,
          ].join('\n'),
        ),
      ).toBe(
        'README.md:2: unknown operation "append"; expected run, insert, remove, merge or create',
      );
    });

    it('for an unknown scope', () => {
      expect(
        failure(
          ['<!-- install-step[next]: run -->', `${fence}sh`, fence].join('\n'),
        ),
      ).toMatch(/^README\.md:1: unknown scope \[next\]/);
    });

    it('for a marker it cannot read', () => {
      expect(
        failure(['<!-- install-step run -->', `${fence}sh`, fence].join('\n')),
      ).toMatch(/^README\.md:1: cannot read the marker/);
    });

    it.each([
      ['insert without a position', 'insert packages/app/src/App.tsx'],
      ['insert with an unquoted anchor', 'insert a.ts before backend.start();'],
      ['insert with an unknown position', 'insert a.ts inside "x"'],
      ['a path-less merge', 'merge'],
      ['run with an argument', 'run now'],
      ['remove with two paths', 'remove a.ts b.ts'],
    ])('for %s', (_, spec) => {
      expect(
        failure(
          [`<!-- install-step: ${spec} -->`, `${fence}sh`, fence].join('\n'),
        ),
      ).toMatch(/^README\.md:1: cannot read/);
    });

    it('for a marker without a code block', () => {
      expect(
        failure(
          [
            '<!-- install-step: run -->',
            '',
            'yarn add @nodepools/plugin-nodepools',
          ].join('\n'),
        ),
      ).toBe('README.md:1: the marker must be followed by a fenced code block');
    });

    it('for a marker at the end of the file', () => {
      expect(failure('<!-- install-step: run -->')).toMatch(
        /must be followed by a fenced code block/,
      );
    });

    it('for a block that is never closed', () => {
      expect(
        failure(
          ['<!-- install-step: run -->', `${fence}sh`, 'yarn'].join('\n'),
        ),
      ).toBe('README.md:1: its code block is never closed');
    });

    it('for a run step in a non-shell block and a merge in a non-YAML block', () => {
      expect(
        failure(['<!-- install-step: run -->', `${fence}ts`, fence].join('\n')),
      ).toMatch(/a run step needs a ```sh block, not "ts"/);
      expect(
        failure(
          ['<!-- install-step: merge app-config.yaml -->', fence, fence].join(
            '\n',
          ),
        ),
      ).toMatch(/a merge step needs a ```yaml block, not ""/);
    });
  });
});

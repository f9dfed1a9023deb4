import { rewriteRunCommand, runCommands } from './rewriteRunCommand.ts';

const tarballs = new Map([
  ['@nodepools/plugin-nodepools', '/cache/pack/plugin-nodepools-0.1.0.tgz'],
  [
    '@nodepools/plugin-nodepools-backend',
    '/cache/pack/plugin-nodepools-backend-0.1.0.tgz',
  ],
]);

describe('rewriteRunCommand', () => {
  it('installs every @nodepools package of an add from its tarball', () => {
    expect(
      rewriteRunCommand(
        'yarn --cwd packages/backend add @nodepools/plugin-nodepools-backend @backstage/plugin-kubernetes-backend',
        tarballs,
      ),
    ).toBe(
      'yarn --cwd packages/backend add @nodepools/plugin-nodepools-backend@file:/cache/pack/plugin-nodepools-backend-0.1.0.tgz @backstage/plugin-kubernetes-backend',
    );
  });

  it('replaces a version the README pins', () => {
    expect(
      rewriteRunCommand(
        'yarn workspace app add @nodepools/plugin-nodepools@^0.1.0',
        tarballs,
      ),
    ).toBe(
      'yarn workspace app add @nodepools/plugin-nodepools@file:/cache/pack/plugin-nodepools-0.1.0.tgz',
    );
  });

  it('quotes a tarball path the shell would split', () => {
    expect(
      rewriteRunCommand(
        'yarn add @nodepools/plugin-nodepools',
        new Map([['@nodepools/plugin-nodepools', "/my cache/it's.tgz"]]),
      ),
    ).toBe(
      `yarn add '@nodepools/plugin-nodepools@file:/my cache/it'\\''s.tgz'`,
    );
  });

  it('leaves other commands alone', () => {
    for (const command of [
      'yarn install',
      'yarn --cwd packages/backend remove @nodepools/plugin-nodepools-backend',
      'cp node_modules/@nodepools/plugin-nodepools-backend/deploy/x.yaml .',
    ]) {
      expect(rewriteRunCommand(command, tarballs)).toBe(command);
    }
  });

  it('refuses a @nodepools package that is not packed', () => {
    expect(() =>
      rewriteRunCommand(
        'yarn add @nodepools/plugin-nodepools-frontend',
        tarballs,
      ),
    ).toThrow(
      '"yarn add @nodepools/plugin-nodepools-frontend" adds @nodepools/plugin-nodepools-frontend, which is not one of the packed packages (@nodepools/plugin-nodepools, @nodepools/plugin-nodepools-backend)',
    );
  });
});

describe('runCommands', () => {
  it('skips blank and comment lines and joins continued lines', () => {
    expect(
      runCommands([
        '# backend',
        '',
        'yarn --cwd packages/backend add \\',
        '  @nodepools/plugin-nodepools-backend',
        '  yarn tsc  ',
      ]),
    ).toEqual([
      'yarn --cwd packages/backend add @nodepools/plugin-nodepools-backend',
      'yarn tsc',
    ]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { parseInstallSteps } from './parseInstallSteps.ts';
import {
  mapToFrontend,
  planInstallSteps,
  type Frontend,
} from './planInstallSteps.ts';

const NFS: Frontend = { system: 'nfs', dir: 'packages/app', workspace: 'app' };
const LEGACY: Frontend = {
  system: 'legacy',
  dir: 'packages/app-legacy',
  workspace: 'app-legacy',
};
const fixture = parseInstallSteps(
  fs.readFileSync(path.join(__dirname, '__fixtures__/README.md'), 'utf8'),
  'README.md',
);

/** What each planned step does, in one line: frontend, op, where or which commands. */
const summary = (frontends: Frontend[]) =>
  planInstallSteps(fixture, frontends).map(p =>
    [
      p.frontend?.system ?? '-',
      p.step.op,
      'command' in p ? p.command : p.path,
    ].join(' '),
  );

describe('planInstallSteps', () => {
  it('applies plain steps once, or once per frontend when they touch packages/app, and scoped steps to their frontend only; run blocks command by command', () => {
    expect(summary([NFS, LEGACY])).toEqual([
      '- run yarn --cwd packages/backend add @nodepools/plugin-nodepools-backend',
      'nfs run yarn --cwd packages/app add @nodepools/plugin-nodepools',
      'legacy run yarn --cwd packages/app-legacy add @nodepools/plugin-nodepools',
      '- insert packages/backend/src/index.ts',
      '- merge app-config.yaml',
      '- merge app-config.yaml',
      'legacy insert packages/app-legacy/src/App.tsx',
      'legacy insert packages/app-legacy/src/App.tsx',
    ]);
  });

  it('maps nothing for an app with only the New Frontend System, and leaves out legacy steps', () => {
    expect(summary([NFS])).toEqual([
      '- run yarn --cwd packages/backend add @nodepools/plugin-nodepools-backend',
      'nfs run yarn --cwd packages/app add @nodepools/plugin-nodepools',
      '- insert packages/backend/src/index.ts',
      '- merge app-config.yaml',
      '- merge app-config.yaml',
    ]);
  });

  it('keeps the README order and the source of every step', () => {
    const lines = planInstallSteps(fixture, [NFS, LEGACY]).map(
      p => p.step.source.line,
    );
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines[0]).toBe(10);
  });
});

describe('mapToFrontend', () => {
  it.each([
    ['packages/app/src/App.tsx', 'packages/app-legacy/src/App.tsx'],
    ['yarn --cwd packages/app add x', 'yarn --cwd packages/app-legacy add x'],
    ['yarn --cwd=packages/app add x', 'yarn --cwd=packages/app-legacy add x'],
    ['yarn workspace app add x', 'yarn workspace app-legacy add x'],
    // Neither a sibling folder nor the backend's workspace is the frontend.
    ['packages/app-next/src/App.tsx', 'packages/app-next/src/App.tsx'],
    ['yarn workspace backend add x', 'yarn workspace backend add x'],
    ['plugins/packages/app/x', 'plugins/packages/app/x'],
  ])('%s becomes %s', (text, mapped) => {
    expect(mapToFrontend(text, LEGACY)).toBe(mapped);
  });
});

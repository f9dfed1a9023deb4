// ~330 lines: one node:test run whose stages share one generated app and one control plane, in
// order; its steps live in harness/.
/**
 * The installation test: a new app from `@backstage/create-app` (cached, reset each run) gets our
 * plugins' packed tarballs through exactly the steps the plugin READMEs write, type-checks with
 * both frontends (New Frontend System and a legacy one), builds, and runs on SQLite against a
 * local control plane, where headless Chromium files a request through the template and sees
 * the approved pool on the team's Group page. Run by scripts/test; see README.md.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { PlannedStep } from './src/index.ts';
import { appEnv } from './harness/appEnv.ts';
import { approveAndWaitApplied } from './harness/approveRequest.ts';
import {
  launchChromium,
  openSignedIn,
  screenshot,
  type SignedInTab,
} from './harness/browser.ts';
import { takeDirLock } from './harness/dirLock.ts';
import { signInAs } from './harness/guestSession.ts';
import {
  applyInstallSteps,
  readInstallSteps,
  resolveOursToTarballs,
} from './harness/installFromReadmes.ts';
import { packPlugins, type PackedPackage } from './harness/packPlugins.ts';
import {
  APP_DIR,
  CREATE_APP_CACHE,
  CREATE_APP_VERSION,
  createStateDir,
} from './harness/paths.ts';
import { ensurePristineApp, resetApp } from './harness/pristineApp.ts';
import { requestPoolThroughTemplate } from './harness/requestThroughTemplate.ts';
import { writeResults } from './harness/results.ts';
import { run } from './harness/run.ts';
import { startRunningApp, type RunningApp } from './harness/runningApp.ts';
import { installTestSkipReason } from './harness/skipReason.ts';
import { progress, stage } from './harness/stage.ts';
import { assertOutsiderIsRefused } from './harness/outsiderIsRefused.ts';
import {
  APPROVER,
  OUTSIDER,
  TEAM,
  readNodePoolsConfig,
  type AppNodePoolsConfig,
} from './harness/testConfig.ts';

const POOL = 'ledger';
/** The team's namespace the request names; it exists before the team asks, as in a real cluster. */
const NAMESPACE = 'payments-ledger';

const skip = await installTestSkipReason();

describe(
  'our plugins in a new create-app app',
  { concurrency: false, skip },
  () => {
    const startedAt = Date.now();
    let stateDir: string;
    let logFile: string;
    let releaseLock: (() => void) | undefined;
    let fromCache = false;
    let packed: PackedPackage[] = [];
    let failed = false;
    /** What has worked so far: a later test needs an earlier one's result. */
    const reached = new Set<string>();
    const need = (what: string) =>
      assert.ok(reached.has(what), `needs ${what}, which failed`);
    /** A test body that marks the run failed (its state is then kept) when it throws. */
    const tracked = (body: () => Promise<void>) => async () => {
      try {
        await body();
      } catch (error) {
        failed = true;
        throw error;
      }
    };

    before(
      async () => {
        stateDir = createStateDir();
        logFile = path.join(stateDir, 'commands.log');
        progress(`state and command output in ${stateDir}`);
        releaseLock = await takeDirLock(`${CREATE_APP_CACHE}.lock`);
        const pristine = await stage(
          `the create-app ${CREATE_APP_VERSION} app (cached, or generated)`,
          () => ensurePristineApp(logFile),
        );
        fromCache = pristine.fromCache;
        progress(
          `${fromCache ? 'cached' : 'generated'} app in ${APP_DIR} (Backstage ${
            pristine.record.backstageVersion
          }, made ${pristine.record.createdAt})`,
        );
        await stage(
          'reset the app to its pristine commit (git reset, yarn install)',
          () => resetApp(logFile),
        );
        packed = await stage(
          'build and pack plugins/* (package build, yarn pack)',
          () => packPlugins(path.join(stateDir, 'tarballs'), logFile),
        );
      },
      { timeout: 60 * 60_000 },
    );

    after(() => {
      writeResults({
        coldCache: !fromCache,
        totalSeconds: Math.round((Date.now() - startedAt) / 1000),
        passed: !failed,
      });
      releaseLock?.();
      if (!failed && !process.env.NODEPOOLS_INSTALL_TEST_KEEP_STATE) {
        fs.rmSync(stateDir, { recursive: true, force: true });
      } else {
        progress(
          `kept ${stateDir} (command output, backend log, config, screenshots)`,
        );
      }
    });

    test(
      "the plugin READMEs' install steps apply to the app, from the packed tarballs",
      { timeout: 20 * 60_000 },
      tracked(async () => {
        assert.ok(packed.length > 0, 'no plugin was packed');
        const planned: PlannedStep[] = readInstallSteps();
        resolveOursToTarballs(packed);
        await stage('apply the README install steps', () =>
          applyInstallSteps(planned, packed, logFile),
        );
        assert.ok(
          planned.some(p => p.frontend?.system === 'legacy'),
          'no README step wires the legacy frontend',
        );
        // Installed from the tarballs: real folders with a dist, never links into this repo.
        for (const { name } of packed) {
          const installed = path.join(APP_DIR, 'node_modules', name);
          if (!fs.existsSync(installed)) continue;
          assert.ok(
            !fs.lstatSync(installed).isSymbolicLink(),
            `${name} is a link`,
          );
          assert.ok(
            fs.existsSync(path.join(installed, 'dist')),
            `${name} has no dist`,
          );
        }
        reached.add('install');
      }),
    );

    test(
      'the app type-checks, with both frontends (yarn tsc)',
      { timeout: 15 * 60_000 },
      tracked(async () => {
        need('install');
        await stage('type-check the app (yarn tsc)', () =>
          run('yarn', ['tsc'], { cwd: APP_DIR, logFile, env: appEnv() }),
        );
      }),
    );

    test(
      'the frontend builds (yarn workspace app build)',
      { timeout: 15 * 60_000 },
      tracked(async () => {
        need('install');
        await stage('build the frontend (yarn workspace app build)', () =>
          run('yarn', ['workspace', 'app', 'build'], {
            cwd: APP_DIR,
            logFile,
            env: appEnv(),
          }),
        );
        reached.add('build');
      }),
    );

    describe('the running app, on SQLite against a local control plane', () => {
      let app: RunningApp | undefined;
      let browser: Browser | undefined;
      let tab: SignedInTab;
      let nodepools: AppNodePoolsConfig;
      let requestId: string | undefined;
      const shots = () => path.join(stateDir, 'screenshots');
      /** A browser test; on failure the page is saved to the state dir. */
      const inBrowser = (name: string, body: () => Promise<void>) =>
        tracked(async () => {
          need('running');
          try {
            await body();
          } catch (error) {
            await screenshot(tab.page, shots(), `failed-${name}`).catch(
              () => undefined,
            );
            throw error;
          }
        });

      before(
        async () => {
          if (!reached.has('build')) return;
          nodepools = readNodePoolsConfig();
          app = await startRunningApp(stateDir, nodepools, NAMESPACE);
          // The guest sign-in resolves to the team member from the test's org file.
          await signInAs(app.backend.url, app.config.userFile, TEAM.member);
          browser = await launchChromium();
          tab = await openSignedIn(browser, app.backend.url);
          reached.add('running');
        },
        { timeout: 15 * 60_000 },
      );

      after(async () => {
        await browser?.close().catch(() => undefined);
        await app?.stop();
      });

      test(
        'the Node pools page renders, with the configured cluster',
        { timeout: 120_000 },
        inBrowser('nodepools-page', () =>
          stage('browser: the Node pools page', async () => {
            const { page } = tab;
            await page.goto('/nodepools');
            await page
              .getByRole('region', { name: 'Backend status' })
              .getByText('Backend: ok')
              .waitFor({ timeout: 60_000 });
            await page
              .getByRole('region', { name: 'Clusters' })
              .getByText(nodepools.cluster.title)
              .first()
              .waitFor();
            await screenshot(page, shots(), '1-nodepools-page');
          }),
        ),
      );

      test(
        `${TEAM.member} files a request through "Request a dedicated node pool"`,
        { timeout: 240_000 },
        inBrowser('template', async () => {
          requestId = await stage(
            'browser: request a pool through the template',
            () =>
              requestPoolThroughTemplate(tab.page, {
                teamTitle: TEAM.title,
                clusterTitle: nodepools.cluster.title,
                pool: POOL,
                namespace: NAMESPACE,
                justification: 'Ledger batch jobs need nodes of their own',
              }),
          );
          await screenshot(tab.page, shots(), '2-template-done');
          progress(`filed request ${requestId}`);
        }),
      );

      test(
        `${OUTSIDER.name} (another team) can neither read nor approve it: the suite's policy replaced allow-all`,
        { timeout: 120_000 },
        tracked(async () => {
          need('running');
          assert.ok(requestId, 'needs the request the template filed');
          await stage('an outsider is refused through the API', () =>
            assertOutsiderIsRefused({
              baseUrl: app!.backend.url,
              userFile: app!.config.userFile,
              outsider: OUTSIDER.name,
              requestId: requestId!,
            }),
          );
        }),
      );

      test(
        `${APPROVER} (approver) approves it through the API and the NodePool is applied`,
        { timeout: 240_000 },
        tracked(async () => {
          need('running');
          assert.ok(requestId, 'needs the request the template filed');
          await stage('approve through the API, wait for the reconciler', () =>
            approveAndWaitApplied({
              baseUrl: app!.backend.url,
              userFile: app!.config.userFile,
              approver: APPROVER,
              requestId: requestId!,
            }),
          );
          const name = `${TEAM.name}.${POOL}`;
          const nodePool = await app!.kubeAdmin.request<{
            metadata: { name: string };
          }>('GET', `/apis/karpenter.sh/v1/nodepools/${name}`);
          assert.equal(nodePool.metadata.name, name);
          reached.add('applied');
        }),
      );

      test(
        "the team's Group page shows the pool in its status card",
        { timeout: 180_000 },
        inBrowser('group-page', async () => {
          need('applied');
          await stage('browser: the pool on the Group page', async () => {
            // Back to the team member, whom the reloaded page signs in again.
            await signInAs(app!.backend.url, app!.config.userFile, TEAM.member);
            const { page } = tab;
            await page.goto(`/catalog/default/group/${TEAM.name}`);
            const pool = page
              .getByRole('list', { name: 'Team pools' })
              .getByRole('listitem', {
                name: `${POOL} on ${nodepools.cluster.name}`,
              });
            await pool.waitFor({ timeout: 90_000 });
            // Applied and reported back; no Karpenter runs here, so no node is launched.
            await pool
              .getByText('Phase: provisioning', { exact: false })
              .waitFor();
            await pool.getByText('Limits: 16 CPU, 64Gi memory').waitFor();
            await screenshot(page, shots(), '3-group-page');
          });
          assert.deepEqual(tab.errors, [], 'the pages threw errors');
        }),
      );
    });
  },
);

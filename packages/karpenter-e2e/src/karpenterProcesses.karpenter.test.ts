import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  describeKarpenter,
  startControlPlane,
  type ControlPlanePids,
} from '@nodepools/local-cluster';
import { waitFor } from './waitFor';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').match(/\) Z /);
  } catch {
    return false;
  }
};

const children = (pids: ControlPlanePids) =>
  Object.entries(pids).filter(([name]) => name !== 'supervisor') as Array<
    [string, number]
  >;

describeKarpenter(
  'Karpenter-mode processes leave nothing behind',
  suite => {
    it('stop() ends all six processes and the supervisor, without SIGKILL', async () => {
      const stateDir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'nodepools-stop-'),
      );
      try {
        const plane = await startControlPlane({
          stateDir,
          karpenter: true,
          watchPid: process.pid,
          onProgress: () => undefined,
        });
        expect(Object.keys(plane.pids).sort()).toEqual([
          'etcd',
          'karpenter',
          'kubeApiserver',
          'kubeControllerManager',
          'kubeScheduler',
          'kwok',
          'supervisor',
        ]);
        const result = await plane.stop();
        expect(result).toEqual({ wasRunning: true, killed: [] });
        expect(Object.values(plane.pids).filter(alive)).toEqual([]);
      } finally {
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
    });

    it('a SIGKILLed supervisor takes every child with it (parent-death signal)', async () => {
      const { pids } = suite.connection;
      expect(children(pids)).toHaveLength(6);
      process.kill(pids.supervisor, 'SIGKILL');
      await waitFor(
        'every child of the killed supervisor to be gone',
        async () =>
          children(pids).every(([, pid]) => !alive(pid)) ? true : undefined,
        {
          timeoutMs: 10_000,
          lastSeen: () =>
            children(pids)
              .filter(([, pid]) => alive(pid))
              .map(([name]) => name)
              .join(', '),
        },
      );
    });
  },
  { timeoutMs: 120_000 },
);

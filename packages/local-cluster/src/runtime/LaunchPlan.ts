import fs from 'node:fs';

/** The processes a control plane may run; the last four only in Karpenter mode. */
export type ProcessName =
  | 'etcd'
  | 'kube-apiserver'
  | 'kube-scheduler'
  | 'kube-controller-manager'
  | 'kwok'
  | 'karpenter';

/** One process the supervisor runs. */
export interface PlannedProcess {
  name: ProcessName;
  command: string;
  args: string[];
  /** Added to the supervisor's environment (Karpenter reads its settings from there). */
  env?: Record<string, string>;
  logFile: string;
}

/** What the supervisor is asked to run, written as JSON next to the runtime state. */
export interface LaunchPlan {
  stateDir: string;
  /** Started in this order, stopped in reverse. */
  processes: PlannedProcess[];
  /**
   * Started on SIGUSR2, after the starter installed the CRDs they need: Karpenter exits when its
   * CRDs are missing, and the controllers would spin against an API server that is not ready.
   * Stopped before `processes`, in reverse order.
   */
  later?: PlannedProcess[];
  /** Stop everything when this pid disappears (the test runner); absent for `cluster:start`. */
  watchPid?: number;
  /** util-linux `setpriv`, used for a parent-death signal; absent where not installed. */
  setpriv?: string;
  /** Where the supervisor records the pids it started. */
  pidFile: string;
  /**
   * Delete `stateDir` after the watchdog stopped everything: a test run's temporary state would
   * otherwise pile up in /tmp after every interrupted run (its teardown never ran).
   */
  removeStateDirOnWatchdog?: boolean;
}

/** Pids of a running control plane, written by the supervisor. */
export interface ControlPlanePids {
  supervisor: number;
  etcd: number;
  kubeApiserver: number;
  /** Karpenter mode only, once started. */
  kubeScheduler?: number;
  kubeControllerManager?: number;
  kwok?: number;
  karpenter?: number;
}

/** The key of a process in {@link ControlPlanePids}: `kube-apiserver` is `kubeApiserver`. */
export function pidKey(name: ProcessName): keyof ControlPlanePids {
  return name.replace(/-(\w)/g, (_, c: string) =>
    c.toUpperCase(),
  ) as keyof ControlPlanePids;
}

/** Reads a JSON file, or undefined when it is missing or half-written. */
export function readJsonFile<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes JSON atomically (temp file + rename) so readers never see half a file. */
export function writeJsonFile(
  file: string,
  value: unknown,
  mode = 0o600,
): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode });
  fs.renameSync(temporary, file);
}

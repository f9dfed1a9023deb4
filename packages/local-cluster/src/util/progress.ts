/** One line of progress from a long step: what is happening and how long it has been going. */
export interface ProgressEvent {
  /** Short step name, e.g. "build kube-apiserver" or "start". */
  step: string;
  message: string;
  /** Milliseconds since the step began. */
  elapsedMs: number;
}

/** Receives progress; the default prints to stderr so stdout stays machine-readable. */
export type ProgressListener = (event: ProgressEvent) => void;

/** Prints `[local-cluster] step (12s): message` to stderr. */
export const printProgress: ProgressListener = event => {
  const seconds = (event.elapsedMs / 1000).toFixed(
    event.elapsedMs < 10_000 ? 1 : 0,
  );
  process.stderr.write(
    `[local-cluster] ${event.step} (${seconds}s): ${event.message}\n`,
  );
};

/** A reporter bound to one step, measuring elapsed time from its creation. */
export function stepReporter(step: string, listener: ProgressListener) {
  const startedAt = Date.now();
  return {
    startedAt,
    elapsedMs: () => Date.now() - startedAt,
    report: (message: string) =>
      listener({ step, message, elapsedMs: Date.now() - startedAt }),
  };
}

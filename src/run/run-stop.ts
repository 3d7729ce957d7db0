// Why a run stopped before its tests had ended: a signal, which whoever runs the engine turns into
// its stop (src/cli/signals.ts), or the run's own deadline. Either way the tests end, and the run
// still sweeps and returns its result.
export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Why a run stopped before its tests had ended. */
export type StopReason = { by: 'signal'; signal: StopSignal } | { by: 'deadline'; seconds: number };

/** The sentence the console and the reports give a stop. */
export function describeStop(reason: StopReason): string {
  if (reason.by === 'deadline') return `The run passed its ${reason.seconds} s deadline`;
  return reason.signal === 'SIGINT' ? 'Interrupted (SIGINT)' : 'Terminated (SIGTERM)';
}

/** What a test's request meets once the run is stopped: it is not sent, and the test proves nothing. */
export class RunStopped extends Error {
  override readonly name = 'RunStopped';
  constructor() {
    super('not sent: the run was stopped');
  }
}

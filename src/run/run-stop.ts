// How a run is stopped, as people and CI stop it. A terminal's Ctrl-C reaches the whole process
// group, and npm relays it to its child as well: copies of one signal arriving together are one
// stop. The stop ends the tests, and the run still sweeps and reports. A later signal, a second
// Ctrl-C after the first was seen or CI's SIGTERM after its SIGINT, means "now": the run exits at
// once, and says what may be left.
/** Copies of one signal, from the terminal and relayed by npm, arrive within this of each other. */
const SAME_STOP_MS = 1_000;

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** Why a run stopped before its tests had ended. */
export type StopReason = { by: 'signal'; signal: StopSignal } | { by: 'deadline'; seconds: number };

/** The sentence the console and the reports give a stop. */
export function describeStop(reason: StopReason): string {
  if (reason.by === 'deadline') return `The run passed its ${reason.seconds} s deadline`;
  return reason.signal === 'SIGINT' ? 'Interrupted (SIGINT)' : 'Terminated (SIGTERM)';
}

/** 130 after SIGINT, 143 after SIGTERM, as a shell reports a process ended by either; a deadline
 * leaves the exit code to the verdict. */
export function exitCodeOf(reason: StopReason | undefined): 130 | 143 | undefined {
  if (reason?.by !== 'signal') return undefined;
  return reason.signal === 'SIGINT' ? 130 : 143;
}

/** What a test's request meets once the run is stopped: it is not sent, and the test proves nothing. */
export class RunStopped extends Error {
  override readonly name = 'RunStopped';
  constructor() {
    super('not sent: the run was stopped');
  }
}

export class RunStop {
  /** Why the run was stopped, once it was. */
  reason?: StopReason;
  private at = 0;
  private markStopped!: () => void;
  /** Resolves when the run is stopped. */
  readonly stopped = new Promise<void>((resolve) => {
    this.markStopped = resolve;
  });

  /** `onStop` ends the tests; `onExitNow` says what may be left, before the run exits at once. */
  constructor(
    private readonly onStop: (reason: StopReason) => void,
    private readonly onExitNow: () => void,
  ) {}

  /** Takes SIGINT and SIGTERM over from whoever listened before (vitest exits 1 ms after one). */
  listen(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => this.received(signal));
    }
  }

  /** Stops the run, for a signal or a reason of its own such as its deadline. */
  stop(reason: StopReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.at = Date.now();
    this.onStop(reason);
    this.markStopped();
  }

  /** When the stop came (epoch ms); 0 before it. */
  get stoppedAt(): number {
    return this.at;
  }

  private received(signal: StopSignal): void {
    if (!this.reason) return this.stop({ by: 'signal', signal });
    if (Date.now() - this.at < SAME_STOP_MS) return;
    this.onExitNow();
    process.exit(exitCodeOf({ by: 'signal', signal }));
  }
}

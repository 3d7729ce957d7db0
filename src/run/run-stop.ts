// How a run is stopped, as people and CI stop it. A terminal's Ctrl-C reaches the whole process
// group, and npm relays it to its child as well: copies of one signal arriving together are one
// stop. The stop ends the tests, and the run still sweeps and reports. A later signal, a second
// Ctrl-C after the first was seen or CI's SIGTERM after its SIGINT, means "now": the run exits at
// once, and says what may be left.
/** Copies of one signal, from the terminal and relayed by npm, arrive within this of each other. */
const SAME_STOP_MS = 1_000;

export type StopSignal = 'SIGINT' | 'SIGTERM';

export class RunStop {
  /** Why the run was stopped, once it was. */
  why?: string;
  private signal?: StopSignal;
  private at = 0;
  private markStopped!: () => void;
  /** Resolves when the run is stopped. */
  readonly stopped = new Promise<void>((resolve) => { this.markStopped = resolve; });

  /** `onStop` ends the tests; `onExitNow` says what may be left, before the run exits with `code`. */
  constructor(private readonly onStop: (why: string) => void, private readonly onExitNow: () => void) {}

  /** Takes SIGINT and SIGTERM over from whoever listened before (vitest exits 1 ms after one). */
  listen(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => this.received(signal));
    }
  }

  /** Stops the run for a reason of its own, such as its deadline. */
  stop(why: string): void {
    if (this.why) return;
    this.why = why;
    this.at = Date.now();
    this.onStop(why);
    this.markStopped();
  }

  /** When the stop came (epoch ms); 0 before it. */
  get stoppedAt(): number {
    return this.at;
  }

  /** 130 after SIGINT, 143 after SIGTERM, as a shell reports a process ended by either. */
  get exitCode(): number | undefined {
    return this.signal === 'SIGINT' ? 130 : this.signal === 'SIGTERM' ? 143 : undefined;
  }

  private received(signal: StopSignal): void {
    if (!this.why) {
      this.signal = signal;
      this.stop(signal === 'SIGINT' ? 'Interrupted (SIGINT)' : 'Terminated (SIGTERM)');
      return;
    }
    if (Date.now() - this.at < SAME_STOP_MS) return;
    this.signal ??= signal;
    this.onExitNow();
    process.exit(signal === 'SIGTERM' ? 143 : 130);
  }
}

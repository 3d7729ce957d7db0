// How a command is stopped, as people and CI stop it. A terminal's Ctrl-C reaches the whole process
// group, and npm relays it to its child as well: copies of one signal arriving together are one
// stop, which aborts the run (src/run/conformance-run.ts), and the run still sweeps and reports. A
// later signal, a second Ctrl-C after the first was seen or CI's SIGTERM after its SIGINT, means
// "now": the process exits at once, after its last words say what may be left.
import type { StopReason, StopSignal } from '../run/run-stop.ts';

/** Copies of one signal, from the terminal and relayed by npm, arrive within this of each other. */
const SAME_STOP_MS = 1_000;

/** 130 after SIGINT, 143 after SIGTERM, as a shell reports a process ended by either; a deadline
 * leaves the exit code to the verdict. */
export function exitCodeOf(reason: StopReason | undefined): 130 | 143 | undefined {
  if (reason?.by !== 'signal') return undefined;
  return reason.signal === 'SIGINT' ? 130 : 143;
}

export class SignalStop {
  private readonly controller = new AbortController();
  /** Aborted at the first signal, with its StopReason as the reason. */
  readonly signal = this.controller.signal;
  /** Said just before a later signal exits the process: what may be left. */
  lastWords: () => void = () => {};
  private at = 0;

  /** Takes SIGINT and SIGTERM over from whoever listened before. */
  listen(): this {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => this.received(signal));
    }
    return this;
  }

  private received(signal: StopSignal): void {
    if (!this.signal.aborted) {
      this.at = Date.now();
      this.controller.abort({ by: 'signal', signal } satisfies StopReason);
      return;
    }
    if (Date.now() - this.at < SAME_STOP_MS) return;
    this.lastWords();
    process.exit(exitCodeOf({ by: 'signal', signal }));
  }
}

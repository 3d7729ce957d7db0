// The one waiter, as Kubernetes e2e's Eventually and Tempest's waiters wait, but for one kind of
// answer only. A real cloud may serve a read late (a delete completing in the background, a list
// behind the writes): an answer that shows an *older* state the run's own writes passed through is
// read again, with backoff, until it shows the latest or the settle window ends. Any other wrong
// answer (a filter ignored, a leak to a non-party, a field no write set, a body the document
// forbids) fails at once: retrying it until it happens to be right would turn a flaky server into
// a passing one. The first read that matches the latest state ends the wait, so a consistent
// server pays nothing. Only reads go in a check, so reading again changes nothing on the server.
import { ConformanceFailure, type FailureDetails } from './failure.ts';

const FIRST_PAUSE_MS = 100;
/** The global timer, not node:timers/promises: the waiter's self-test moves it with fake timers. */
const pauseFor = (ms: number) => new Promise((resume) => setTimeout(resume, ms));
const MAX_PAUSE_MS = 1_000;

/** A read that shows an older state than the latest: worth reading again, within the window. Its
 * details are the failure it becomes once the window ends: what was awaited, what was last seen. */
export class OlderState extends Error {
  override readonly name = 'OlderState';

  constructor(readonly details: FailureDetails) {
    super(details.title);
  }
}

/** Ends a check whose answer an older state explains: the waiter reads again. */
export function olderState(details: FailureDetails): never {
  throw new OlderState(details);
}

/** A failure of a request that got no answer (a deadline, a refused connection). */
export const unanswered = (error: unknown) => error instanceof ConformanceFailure && error.details.exchange?.status === 0;

export async function eventually(check: () => Promise<void>, windowMs: number): Promise<void> {
  const started = Date.now();
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 1.3, MAX_PAUSE_MS)) {
    try {
      return await check();
    } catch (error) {
      if (!(error instanceof OlderState)) throw error;
      const waited = Date.now() - started;
      if (waited + pause > windowMs) {
        const after = waited < FIRST_PAUSE_MS ? '' : ` (still so after waiting ${(waited / 1000).toFixed(1)} s for it to settle)`;
        throw new ConformanceFailure({ ...error.details, title: `${error.details.title}${after}` });
      }
      await pauseFor(pause);
    }
  }
}

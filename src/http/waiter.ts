// The one waiter, as Kubernetes e2e's Eventually and Tempest's waiters wait. Where a real cloud
// may lag (a delete completing in the background, a list behind the writes), a check that fails
// is tried again, with backoff, until it passes or the settle window ends; then its last failure
// is thrown, saying how long it waited. The first pass ends the wait: a consistent server pays
// nothing. Only reads go in a check, so trying one again changes nothing on the server.
import { ConformanceFailure } from '../reports/failure.ts';

const FIRST_PAUSE_MS = 100;
/** The global timer, not node:timers/promises: the waiter's self-test moves it with fake timers. */
const pauseFor = (ms: number) => new Promise((resume) => setTimeout(resume, ms));
const MAX_PAUSE_MS = 1_000;

/** A failure of a request that got no answer (a deadline, a refused connection). */
export const unanswered = (error: unknown) => error instanceof ConformanceFailure && error.details.exchange?.status === 0;

export async function eventually(check: () => Promise<void>, windowMs: number): Promise<void> {
  const started = Date.now();
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 1.3, MAX_PAUSE_MS)) {
    try {
      return await check();
    } catch (error) {
      const waited = Date.now() - started;
      // No answer at all is no lag: waiting would only wait out more deadlines.
      if (!(error instanceof ConformanceFailure) || unanswered(error)) throw error;
      if (waited + pause > windowMs) {
        if (waited < FIRST_PAUSE_MS) throw error;
        throw new ConformanceFailure({
          ...error.details,
          title: `${error.details.title} (still so after waiting ${(waited / 1000).toFixed(1)} s for it to settle)`,
        });
      }
      await pauseFor(pause);
    }
  }
}

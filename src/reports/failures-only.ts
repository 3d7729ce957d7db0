// What a CI log gets while the suite runs: each failure as it happens, in full, and nothing for
// the tests that pass. A failure a live known-failure entry covers wholly is printed as a known
// failure, not as FAILED: it does not fail the run, and the log must not say it did. The
// conformance script prints the summary.
import type { Reporter, TestCase } from 'vitest/node';
import { knownOf } from './judgement.ts';
import type { KnownFailure } from './known-failures.ts';
import { blamedBy } from './results.ts';

export class FailuresOnly implements Reporter {
  /** `live`: the known-failure entries that have not expired on the run's day. */
  constructor(private readonly live: KnownFailure[]) {}

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    if (result.state !== 'failed') return;
    const errors = result.errors ?? [];
    const blamed = blamedBy(errors, test.tags);
    const known = knownOf(test, blamed, this.live);
    const heading = blamed.length > 0 && known.length === blamed.length ? `KNOWN FAILURE (${known.join(' ')}; does not fail the run)` : 'FAILED';
    console.log(`\n${heading} ${test.fullName} [${test.tags.join(' ')}]\n${errors.map((e) => e.message).join('\n')}`);
  }
}

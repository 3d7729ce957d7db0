// What a CI log gets while the suite runs: each failure as it happens, in full, and nothing for
// the tests that pass. The conformance script prints the summary.
import type { Reporter, TestCase } from 'vitest/node';

export class FailuresOnly implements Reporter {
  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    if (result.state !== 'failed') return;
    console.log(`\nFAILED ${test.fullName} [${test.tags.join(' ')}]\n${(result.errors ?? []).map((e) => e.message).join('\n')}`);
  }
}

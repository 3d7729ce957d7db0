// A vitest reporter that ends the run with one plain line, `tests: N passed, N failed, N skipped`,
// the closing line CI reads from any runner (it does not parse vitest's own summary).
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryLine implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of modules) {
      for (const test of module.children.allTests()) counts[test.result().state]++;
      // A file that fails to load has no tests to count, and must not read as a pass.
      if (module.errors().length > 0) counts.failed++;
    }
    counts.failed += unhandledErrors.length;
    console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}

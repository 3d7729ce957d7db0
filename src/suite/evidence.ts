// How much evidence a requirement's result rests on. Every check a test makes counts for the
// requirements it states (a check stating none counts for the test's own), and a property says how
// many cases it completed of how many, against the minimum that makes a verdict. Both travel to
// the reports in the test's meta, which vitest carries from the worker with the test's result.
import { TestRunner } from 'vitest';
import type { PropertyEvidence } from '../run/test-records.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** Checks made, by requirement ID. */
    checks?: Record<string, number>;
    property?: PropertyEvidence;
  }
}

/** Counts one check, passed or failed, for `requirements` (or the running test's own). */
export function checked(requirements?: readonly string[]): void {
  const test = TestRunner.getCurrentTest();
  if (!test) return;
  const ids = requirements?.length ? requirements : (test.tags ?? []);
  const checks = (test.meta.checks ??= {});
  for (const id of ids) checks[id] = (checks[id] ?? 0) + 1;
}

/** Records what a property completed, on the running test. */
export function recordProperty(evidence: PropertyEvidence): void {
  const test = TestRunner.getCurrentTest();
  if (test) test.meta.property = evidence;
}

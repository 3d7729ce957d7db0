// Gathers each conformance test's outcome as the run ends, for the reports: the requirement IDs
// it is tagged with, its source location, and why it failed or was skipped.
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import type { TestError } from 'vitest';
import { isFailureRecord } from './failure.ts';

export interface TestRecord {
  name: string;
  /** Its describe blocks' names and its own, joined by " > ". */
  fullName: string;
  ids: string[];
  file: string;
  line?: number;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  failure?: string;
  /** The requirements a failure names as broken; the test's others were not reached. */
  blamed?: string[];
  skipReason?: string;
  /** Those of the blamed requirements a known-failure entry covers (src/reports/judgement.ts). */
  known?: string[];
}

/** The requirements a test's failure is to blame on: those its conformance failures blame; a
 * failure of any other kind (a crash, an assertion of vitest's) blames every one of the test. */
function blamedBy(errors: ReadonlyArray<TestError>, ids: string[]): string[] {
  const failures = errors.filter(isFailureRecord);
  if (errors.length === 0 || failures.length < errors.length) return ids;
  const named = ids.filter((id) => failures.some((f) => f.blamed.includes(id)));
  return named.length ? named : ids;
}

export const NOT_SELECTED = 'not selected in this run (filtered by -t or --requirement)';
export const STOPPED_TEST = 'not run to its end: the run was stopped';
/** The note vitest gives the tests it did not start after the run was cancelled. */
const CANCELLED_BY_VITEST = 'The test run was aborted by the user.';

export class ResultCollector implements Reporter {
  readonly tests: TestRecord[] = [];

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        // A test the run's stop cut short proved nothing either way.
        const errors = result.errors ?? [];
        const cutShort = result.state === 'failed' && errors.length > 0 && errors.every((e) => e.name === 'RunStopped');
        const state = result.state === 'pending' || cutShort ? 'skipped' : result.state;
        const ids = test.tags;
        const failure = state === 'failed' ? errors.map((e) => e.message).join('\n') : undefined;
        this.tests.push({
          name: test.name,
          fullName: test.fullName,
          ids,
          file: relative(process.cwd(), module.moduleId),
          ...(test.location && { line: test.location.line }),
          state,
          durationMs: Math.round(test.diagnostic()?.duration ?? 0),
          ...(failure !== undefined && { failure, blamed: blamedBy(errors, ids) }),
          ...(state === 'skipped' && { skipReason: skipReasonOf(cutShort, result.state === 'skipped' ? result.note : undefined) }),
        });
      }
    }
  }
}

function skipReasonOf(cutShort: boolean, note: string | undefined): string {
  if (cutShort || note === CANCELLED_BY_VITEST) return STOPPED_TEST;
  return note || NOT_SELECTED;
}

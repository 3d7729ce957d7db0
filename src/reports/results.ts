// Gathers each conformance test's outcome as the run ends, for the reports: the requirement IDs
// in its title, its source location, and why it failed or was skipped.
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';
import { requirementIds, withoutLeadingIds } from '../document/document.ts';
import { RUN_STOPPED } from '../run/run-files.ts';

export interface TestRecord {
  name: string;
  ids: string[];
  file: string;
  line?: number;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  failure?: string;
  /** The requirements a failure names as broken; the test's others were not reached. */
  blamed?: string[];
  skipReason?: string;
}

/** The IDs a failure's first line names after its header: a model step names the one it broke.
 * When it names none, every requirement of the test is to blame. */
export function blamedBy(failure: string, ids: string[]): string[] {
  const title = withoutLeadingIds(failure.split('\n')[0] ?? '').replace(/^\(and \d+ more\) /, '');
  const named = ids.filter((id) => title.includes(id));
  return named.length ? named : ids;
}

export const NOT_SELECTED = 'not selected in this run (filtered by -t)';
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
        const cutShort = result.state === 'failed' && !!result.errors?.length && result.errors.every((e) => e.message.includes(RUN_STOPPED));
        const state = result.state === 'pending' || cutShort ? 'skipped' : result.state;
        const ids = requirementIds(test.name);
        const failure = state === 'failed' ? (result.errors ?? []).map((e) => e.message).join('\n') : undefined;
        this.tests.push({
          name: test.name,
          ids,
          file: relative(process.cwd(), module.moduleId),
          ...(test.location && { line: test.location.line }),
          state,
          durationMs: Math.round(test.diagnostic()?.duration ?? 0),
          ...(failure !== undefined && { failure, blamed: blamedBy(failure, ids) }),
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

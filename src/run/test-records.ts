// Each conformance test's outcome, as the run returns it: the requirement IDs it is tagged with,
// its source location, and why it failed or was skipped. Gathered from vitest as the run ends; a
// failure is also told as it happens, for a console that shows failures as they come.
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { TestError } from 'vitest';
import { isFailureRecord } from '../http/failure.ts';
import { notRunBy, type NotRunBy } from './suite-trouble.ts';
import { NOT_APPLICABLE } from './target.ts';

/** What a property completed (src/suite/property.ts records it on its test). */
export interface PropertyEvidence {
  completed: number;
  of: number;
  /** Fewer completed cases than this prove too little: the requirements are not checked. */
  minimum: number;
  /** Why it completed fewer than it was asked. */
  cutShortBy?: 'budget';
  budgetMs: number;
}

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
  /** The requirements a failure names as broken, whether or not the test is tagged with them. */
  blamed?: string[];
  /** What ended the test before it could check anything, not the server (src/run/suite-trouble.ts). */
  notRun?: { by: NotRunBy; why: string };
  skipReason?: string;
  /** Skipped because the target declares a feature absent: its requirements do not apply there. */
  notApplicable?: boolean;
  /** Checks made, by requirement: the evidence a result rests on. */
  checks?: Record<string, number>;
  /** A property's completed cases, against the minimum for a verdict. */
  property?: PropertyEvidence;
  /** Those of the blamed requirements a known-failure entry covers (src/reports/judgement.ts). */
  known?: string[];
}

/** The requirements a test's failure is to blame on: every one its conformance failures blame,
 * tagged or not; a failure of any other kind (a crash, an assertion of vitest's) blames every
 * requirement of the test as well. */
function blamedBy(errors: ReadonlyArray<TestError>, ids: string[]): string[] {
  const failures = errors.filter(isFailureRecord);
  const blamed = failures.flatMap((f) => f.blamed);
  if (failures.length < errors.length) blamed.push(...ids);
  return [...new Set(blamed)];
}

export const NOT_SELECTED = 'not selected in this run (filtered by -t or --requirement)';
export const STOPPED_TEST = 'not run to its end: the run was stopped';
/** The note vitest gives the tests it did not start after the run was cancelled. */
const CANCELLED_BY_VITEST = 'The test run was aborted by the user.';

/** A test that failed, as its failure is told the moment it ends: before the run has judged it. */
export interface TestFailure {
  name: string;
  fullName: string;
  ids: string[];
  /** The requirements its failure blames (blamedBy). */
  blamed: string[];
  /** Each error's message, the exchange and the replay among them. */
  messages: string[];
}

export class ResultCollector implements Reporter {
  readonly tests: TestRecord[] = [];

  /** `filtered`: the run selected tests (-t, --requirement); without a filter, a test that never
   * started can only have been cut off by the run's stop. `onFailure` hears of each failed test as
   * it ends. */
  constructor(
    private readonly filtered: boolean,
    private readonly onFailure: (failure: TestFailure) => void,
  ) {}

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    if (result.state !== 'failed') return;
    const errors = result.errors ?? [];
    this.onFailure({
      name: test.name,
      fullName: test.fullName,
      ids: test.tags,
      blamed: blamedBy(errors, test.tags),
      messages: errors.map((e) => e.message),
    });
  }

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
        // What kept a test from checking anything blames nothing, unless a conformance failure came with it.
        const notRun =
          state === 'failed' && errors.every((e) => notRunBy(e) || e.name === 'RunStopped') ? errors.find((e) => notRunBy(e)) : undefined;
        const note = result.state === 'skipped' ? result.note : undefined;
        const { checks, property } = test.meta();
        this.tests.push({
          name: test.name,
          fullName: test.fullName,
          ids,
          file: relative(process.cwd(), module.moduleId),
          ...(test.location && { line: test.location.line }),
          state,
          durationMs: Math.round(test.diagnostic()?.duration ?? 0),
          ...(failure !== undefined && { failure, blamed: notRun ? [] : blamedBy(errors, ids) }),
          ...(notRun && { notRun: { by: notRunBy(notRun)!, why: notRun.message } }),
          ...(state === 'skipped' && { skipReason: skipReasonOf(cutShort, note, this.filtered) }),
          ...(note?.startsWith(NOT_APPLICABLE) && { notApplicable: true }),
          ...(checks && { checks }),
          ...(property && { property }),
        });
      }
    }
  }
}

function skipReasonOf(cutShort: boolean, note: string | undefined, filtered: boolean): string {
  if (cutShort || note === CANCELLED_BY_VITEST) return STOPPED_TEST;
  return note || (filtered ? NOT_SELECTED : STOPPED_TEST);
}

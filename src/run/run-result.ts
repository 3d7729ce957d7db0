// What a conformance run returns, as data: its account of itself (target, seed, traffic, what the
// sweep found, why it stopped), every test's outcome, and every exchange it sent; and the events it
// tells as it goes. It judges nothing: the verdict (src/verdict/) judges it, and the console,
// conformance.json and .md, JUnit, the HAR, the docs and the bundle render it.
import type { AttributedExchanges } from '../http/exchange-record.ts';
import type { Ledger, LedgerEntry } from './ledger.ts';
import type { StopReason } from './run-stop.ts';
import type { TestFailure, TestRecord } from './test-records.ts';

export interface RunResult {
  run: RunSummary;
  tests: TestRecord[];
  /** Every exchange of the run, the tests' and its own (pre-flight, round trip, sweep), each
   * attributed to the test, or the step of the run, it was sent for. */
  exchanges: AttributedExchanges[];
}

export interface RunSummary {
  runId: string;
  /** The W3C trace id every request of the run carried (src/http/trace.ts): how a vendor finds the
   * run in its own logs. A merged report has none: each of its runs was a trace of its own. */
  traceId?: string;
  target: string;
  kind: string;
  startedAt: string;
  durationMs: number;
  seed: number;
  profile: string;
  propertyRuns: number;
  leaks: LedgerEntry[];
  /** Deleted by the sweep after a stop: peerings of tests cancelled before their cleanup. */
  sweptAfterStop: LedgerEntry[];
  retries: Retries;
  traffic: RunTraffic;
  /** Properties that stopped starting runs at their time budget, with the runs they completed. */
  budgets: BudgetStop[];
  /** Why the run stopped before every test had run, in words... */
  stopped?: string;
  /** ...and as a value: a signal, or its deadline. */
  stopReason?: StopReason;
  /** "I/N" when the run was one shard of N. */
  shard?: string;
  /** What failed the run apart from its tests: the sweep's and the clock's sentences. */
  problems: string[];
}

export interface RunTraffic {
  /** Requests sent by the tests, retries included. */
  sent: number;
  /** Requests the run sent itself: its pre-flight, its round trip and its sweep. With the tests',
   * every entry of exchanges.har. */
  byRun: number;
  /** Responses the validator checked against the document: a retried 429 or 503 is not one. */
  validated: number;
  /** Responses read unvalidated: by the tests of the document's own rules (api.unvalidated), whose
   * own assertions are the check, and by each test's cleanup, which judges nothing. */
  unvalidated: number;
  /** Time requests spent in flight, summed: divided by the run's time, the requests in flight on average. */
  busyMs: number;
  /** Each test's requests, which go one after another, and the deletes it waited to complete:
   * the chains that bound how fast a run can be. */
  perTest: { sent: number; deletes: number }[];
}

export interface BudgetStop {
  test: string;
  ids: string[];
  runs: number;
  of: number;
  /** The fewest runs the property was held to: the budget never stops it short of them. */
  minimum: number;
  budgetMs: number;
}

export interface Retries {
  total: number;
  byStatus: Record<string, number>;
}

/** What a run tells as it goes, in order: it has opened its target (the pre-flight passed), its
 * tests are starting, a test failed, it is stopping. */
export type RunEvent =
  | { type: 'opened'; runId: string; traceId: string; target: string }
  | {
      type: 'tests-starting';
      roundTripMs: number;
      /** What the run has created so far: what may be left if the process ends before the sweep. */
      ledger: Ledger;
    }
  | { type: 'test-failed'; failure: TestFailure }
  | { type: 'stopping'; reason: StopReason };

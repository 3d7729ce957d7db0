// What a run hands every worker of the suite: the target, where the run keeps its files, and the
// limits and seed the run was given. Provided to vitest as `runContext`, injected by src/suite/api.ts.
import type { Target } from './target.ts';

export interface RunContext {
  target: Target;
  runId: string;
  /** The run's W3C trace id, which every request carries (src/http/trace.ts). */
  traceId: string;
  /** Where the ledger and the lease files live for this run. */
  runDir: string;
  seed: number;
  propertyRuns: number;
  /** Fewer completed cases leave a property's requirements not checked (src/run/profiles.ts). */
  minimumPropertyRuns: number;
  /** The most commands in one lifecycle sequence. */
  lifecycleLength: number;
  /** How long one request may take. */
  deadlineMs: number;
  /** How long a read that may lag (after a delete, a list after a write) is tried again. */
  settleMs: number;
  /** How long a property starts new runs. */
  propertyBudgetMs: number;
  /** Whether a property shrinks the counterexample it finds. */
  shrink: boolean;
  /** How long one test may take, set from the round trip; leases wait half of it for a pair. */
  testTimeoutMs: number;
}

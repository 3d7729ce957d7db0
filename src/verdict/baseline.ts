// What changed since a previous run: the requirements that newly fail and newly pass, which matter
// more to a deploy than the whole matrix. A requirement that one of the two runs did not check
// (skipped, not covered, not in the catalogue then) has no change to report.
import { readFileSync } from 'node:fs';
import { isFailing, type RequirementOutcome, type RequirementResult } from './judgement.ts';

export interface Changes {
  /** The run compared against. */
  baseline: { file: string; runId: string; startedAt: string };
  newlyFailing: string[];
  newlyPassing: string[];
}

/** What a baseline needs of a previous run's conformance.json. */
export interface Baseline {
  file: string;
  runId: string;
  startedAt: string;
  results: Map<string, RequirementResult>;
}

export class BaselineError extends Error {}

export function readBaseline(file: string): Baseline {
  let report: { run?: { runId?: string; startedAt?: string }; requirements?: { id?: unknown; result?: unknown }[] };
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new BaselineError(`--baseline ${file} cannot be read (${why}): give a previous run's conformance.json.`);
  }
  const requirements = report?.requirements;
  if (
    !Array.isArray(requirements) ||
    !report.run?.runId ||
    requirements.some((r) => typeof r?.id !== 'string' || typeof r.result !== 'string')
  )
    throw new BaselineError(
      `--baseline ${file} is not a conformance.json (no run and requirement results in it): give a previous run's conformance.json.`,
    );
  return {
    file,
    runId: report.run.runId,
    startedAt: report.run.startedAt ?? '',
    results: new Map(requirements.map((r) => [r.id as string, r.result as RequirementResult])),
  };
}

export function changesSince(baseline: Baseline, requirements: RequirementOutcome[]): Changes {
  const before = (r: RequirementOutcome) => baseline.results.get(r.id);
  return {
    baseline: { file: baseline.file, runId: baseline.runId, startedAt: baseline.startedAt },
    newlyFailing: requirements.filter((r) => isFailing(r.result) && before(r) === 'passed').map((r) => r.id),
    newlyPassing: requirements.filter((r) => r.result === 'passed' && isFailing(before(r))).map((r) => r.id),
  };
}

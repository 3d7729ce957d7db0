// A conformance failure, as data: the requirements of the test that was running (its tags), the
// ones the check found broken, the exchange, what was expected. It is rendered once, when its
// message is first read (by vitest's reporters, the JUnit file or the run's reports), and the
// reports take the blamed requirements from its fields, never from its text. Whichever test finds
// a broken requirement, that requirement is blamed: a test's tags say what it means to cover,
// never what may be blamed.
import type { RequirementId } from '../../generated/requirement-ids.ts';
import { TestRunner } from 'vitest';
import { findRequirement } from '../document/document.ts';
import { curlLine, receivedLine, sentLine, type Exchange } from './exchange.ts';
import { HAR_FILE } from './exchange-record.ts';

export interface FailureDetails {
  title: string;
  /** The requirements this check found broken, where it knows: a model step names the rule its
   * answer breaks, whether or not the running test is tagged with it. Otherwise every requirement
   * of the running test is to blame. */
  breaks?: RequirementId[];
  exchange?: Exchange;
  /** Requests sent together and what came back, one line each: a race's history. */
  history?: string[];
  /** What the requirement asks for, in terms of this exchange. */
  expected?: string;
  /** What the document says, for a response that breaks it. */
  documented?: string;
  /** How to run this case again: a property's seed and path, or a test filter. */
  replay?: string;
}

/** What the reports read of a failure, in the worker or after vitest has carried it to the main process. */
export interface FailureRecord {
  name: 'ConformanceFailure';
  /** The requirements of the test that failed. */
  ids: string[];
  /** The requirements the failure is to blame on: those the check names, else the test's. */
  blamed: string[];
  details: FailureDetails;
}

export class ConformanceFailure extends Error implements FailureRecord {
  override readonly name = 'ConformanceFailure';
  readonly ids: string[];
  readonly blamed: string[];

  constructor(readonly details: FailureDetails) {
    super();
    const test = TestRunner.getCurrentTest();
    this.ids = test?.tags ?? [];
    this.blamed = details.breaks?.length ? details.breaks : this.ids;
    this.testNames = test && namesOf(test);
  }

  private readonly testNames: string | undefined;
  private rendered?: string;

  override get message(): string {
    return (this.rendered ??= renderFailure(this.details, this.ids, this.testNames));
  }
}

export const isFailureRecord = <T>(error: T): error is T & FailureRecord =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ConformanceFailure';

/** A test's name as vitest's -t matches it: its describe blocks' names and its own, by spaces. */
export function namesOf(test: { name: string; suite?: { name: string; suite?: unknown; filepath?: string } }): string {
  const names: string[] = [];
  for (let task: typeof test | undefined = test; task && !('filepath' in task); task = task.suite as typeof test | undefined)
    names.unshift(task.name);
  return names.join(' ');
}

/** `npm run conformance -- -t '...'`, matching exactly the test of these names (namesOf), and no
 * other test whose names end the same way. */
export function replayOf(names: string): string {
  const pattern = `(^| )${names.replace(REGEX_SPECIALS, '\\$&')}$`;
  return `npm run conformance -- -t '${pattern.replaceAll("'", "'\\''")}'`;
}

const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

/** The requirements spelled out in full: those the check names, else the test's when they are few;
 * the rest share one line. */
function requirementLines(spelled: string[], others: string[]): string[] {
  const lines = spelled.flatMap((id) => {
    // A failure renders even when a check names an ID the catalogue lacks: it says so instead of throwing.
    const r = findRequirement(id);
    if (!r) return [`  Requirement: ${id} (not in openapi/requirements.yaml)`];
    return [`  Requirement: ${id} (${r.level}) ${r.rule.trim()}`, `  Source:      ${r.quote ? `"${r.quote}" ` : ''}[${r.source}]`];
  });
  if (others.length) lines.push(`  ${spelled.length ? 'Also checked' : 'Checked'}: ${others.join(', ')}`);
  return lines;
}

function renderFailure(
  { title, breaks, exchange, history, expected, documented, replay }: FailureDetails,
  ids: string[],
  testTitle: string | undefined,
): string {
  const lead = breaks?.length ? breaks : ids;
  const header = lead.length <= 3 ? lead.join(' ') : `${lead[0]} (and ${lead.length - 1} more)`;
  const spelled = breaks?.length ? breaks : ids.length <= 3 ? ids : [];
  const lines = [
    `${header} ${title}`.trim(),
    ...requirementLines(
      spelled,
      ids.filter((id) => !spelled.includes(id)),
    ),
    ...(history ?? []).map((line) => `  ${line}`),
  ];
  if (exchange) lines.push(`  Sent:        ${sentLine(exchange)}`, `  Received:    ${receivedLine(exchange)}`);
  if (exchange?.id) lines.push(`  Recorded:    ${HAR_FILE} entry ${exchange.id}`);
  // The request's W3C trace context: what the vendor looks up in its own logs.
  if (exchange?.traceparent) lines.push(`  Trace:       traceparent ${exchange.traceparent}`);
  if (expected) lines.push(`  Expected:    ${expected}`);
  if (documented) lines.push(`  Documented:  ${documented}`);
  if (exchange) lines.push(`  Reproduce:   ${curlLine(exchange)}`);
  const rerun = replay ?? (testTitle && replayOf(testTitle));
  if (rerun) lines.push(`  Replay:      ${rerun}`);
  return lines.join('\n');
}

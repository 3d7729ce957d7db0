// The failure format: which requirement, what was sent and received, what was expected, and how
// to replay it. Every check in the suite fails through here.
import { expect } from 'vitest';
import { loadCatalogue, type Requirement } from './document.ts';
import { curlLine, receivedLine, sentLine, type Exchange } from './exchange.ts';

const catalogue = new Map<string, Requirement>(loadCatalogue().map((r) => [r.id, r]));

export function requirement(id: string): Requirement {
  const found = catalogue.get(id);
  if (!found) throw new Error(`${id} is not in openapi/requirements.yaml`);
  return found;
}

export interface FailureDetails {
  ids: string[];
  title: string;
  exchange?: Exchange;
  /** What the requirement asks for, in terms of this exchange. */
  expected?: string;
  /** What the document says, for a response that breaks it. */
  documented?: string;
  /** How to run this case again: a property's seed and path, or a test filter. */
  replay?: string;
}

export class ConformanceFailure extends Error {
  constructor(readonly details: FailureDetails) {
    super(formatFailure(details));
    this.name = 'ConformanceFailure';
  }
}

/** Runs the test that failed again: its first requirement ID selects it. */
function replayCurrentTest(ids: string[]): string {
  const running = expect.getState().currentTestName?.match(/PEER-[A-Z]+-\d{3}/)?.[0];
  return `npm run conformance -- -t ${running ?? ids[0] ?? ''}`;
}

export function formatFailure({ ids, title, exchange, expected, documented, replay }: FailureDetails): string {
  const lines = [`${ids.join(' ')} ${title}`];
  for (const id of ids) {
    const r = catalogue.get(id);
    if (r) lines.push(`  Requirement: ${id} (${r.level}) ${r.rule.trim()} [${r.clause}]`);
  }
  if (exchange) {
    lines.push(`  Sent:        ${sentLine(exchange)}`, `  Received:    ${receivedLine(exchange)}`);
  }
  if (expected) lines.push(`  Expected:    ${expected}`);
  if (documented) lines.push(`  Documented:  ${documented}`);
  if (exchange) lines.push(`  Reproduce:   ${curlLine(exchange)}`);
  lines.push(`  Replay:      ${replay ?? replayCurrentTest(ids)}`);
  return lines.join('\n');
}

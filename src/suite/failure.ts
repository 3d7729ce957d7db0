// The failure format: which requirement, what was sent and received, what was expected, and how
// to replay it. Every check in the suite fails through here.
import { expect } from 'vitest';
import { loadCatalogue, loadSilences, requirementIds, type Requirement, type Silence } from '../document/document.ts';
import { curlLine, receivedLine, sentLine, type Exchange } from '../http/exchange.ts';

const catalogue = new Map<string, Requirement>(loadCatalogue().map((r) => [r.id, r]));
const silences = new Map<string, Silence>(loadSilences().map((s) => [s.id, s]));

export function requirement(id: string): Requirement {
  const found = catalogue.get(id);
  if (!found) throw new Error(`${id} is not in openapi/requirements.yaml`);
  return found;
}

export function silence(id: string): Silence {
  const found = silences.get(id);
  if (!found) throw new Error(`${id} is not a silence of openapi/requirements.yaml`);
  return found;
}

export interface FailureDetails {
  ids: string[];
  title: string;
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

export class ConformanceFailure extends Error {
  constructor(readonly details: FailureDetails) {
    super(formatFailure(details));
    this.name = 'ConformanceFailure';
  }
}

/** Runs the test that failed again: its first requirement ID selects it. */
function replayCurrentTest(ids: string[]): string {
  const running = requirementIds(expect.getState().currentTestName ?? '')[0];
  return `npm run conformance -- -t ${running ?? ids[0] ?? ''}`;
}

/** The requirements spelled out in full: those the failure's title names (a model step names the
 * one it broke), else all of them when there are few; the rest share one line. */
function requirementLines(ids: string[], title: string): string[] {
  const named = ids.filter((id) => title.includes(id));
  const spelled = named.length > 0 ? named : ids.length <= 3 ? ids : [];
  const lines = spelled.flatMap((id) => {
    const r = catalogue.get(id);
    return r ? [`  Requirement: ${id} (${r.level}) ${r.rule.trim()}`, `  Source:      ${r.quote ? `"${r.quote}" ` : ''}[${r.source}]`] : [];
  });
  const others = ids.filter((id) => !spelled.includes(id));
  if (others.length) lines.push(`  ${spelled.length ? 'Also checked' : 'Checked'}: ${others.join(', ')}`);
  return lines;
}

export function formatFailure({ ids, title, exchange, history, expected, documented, replay }: FailureDetails): string {
  const lead = ids.filter((id) => title.includes(id));
  const header = ids.length <= 3 ? ids.join(' ') : `${(lead.length ? lead : ids.slice(0, 1)).join(' ')} (and ${ids.length - Math.max(lead.length, 1)} more)`;
  const lines = [`${header} ${title}`, ...requirementLines(ids, title), ...(history ?? []).map((line) => `  ${line}`)];
  if (exchange) {
    lines.push(`  Sent:        ${sentLine(exchange)}`, `  Received:    ${receivedLine(exchange)}`);
  }
  if (expected) lines.push(`  Expected:    ${expected}`);
  if (documented) lines.push(`  Documented:  ${documented}`);
  if (exchange) lines.push(`  Reproduce:   ${curlLine(exchange)}`);
  lines.push(`  Replay:      ${replay ?? replayCurrentTest(ids)}`);
  return lines.join('\n');
}

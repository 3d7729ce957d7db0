// What a run writes down outside its workers' memory, named once for writers and readers alike:
// the files of its directory, what the run reads back from them, and the name prefix of every
// peering it creates.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AttributedExchanges } from '../http/exchange-record.ts';
import type { BudgetStop, Retries, RunTraffic } from './run-result.ts';

export function runFiles(runDir: string) {
  return {
    ledger: join(runDir, 'ledger.jsonl'),
    retries: join(runDir, 'retries.jsonl'),
    traffic: join(runDir, 'traffic.jsonl'),
    /** Every exchange, each test's on one line: what reports/exchanges.har is written from. */
    exchanges: join(runDir, 'exchanges.jsonl'),
    /** Properties that stopped at their time budget: how many of their runs they completed. */
    budgets: join(runDir, 'budgets.jsonl'),
  };
}

/** Run ids are 8 hexadecimal characters. */
export const namePrefix = (runId: string) => `cf-${runId}-`;

/** The prefix of any run's peerings, for the sweeper, which knows no run id. */
export const ANY_RUN_NAME = /^cf-[0-9a-f]{8}-/;

/** The records of a run file, one JSON object a line; none when nothing was written yet. */
export function readJsonLines<T>(file: string): T[] {
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as T)
    : [];
}

/** What every test's fixture wrote down of its traffic. */
export function readTraffic(runDir: string): Omit<RunTraffic, 'byRun'> {
  const lines = readJsonLines<{ sent: number; validated: number; unvalidated: number; busyMs: number; deletes: number }>(
    runFiles(runDir).traffic,
  );
  return {
    sent: lines.reduce((sum, l) => sum + l.sent, 0),
    validated: lines.reduce((sum, l) => sum + l.validated, 0),
    unvalidated: lines.reduce((sum, l) => sum + l.unvalidated, 0),
    busyMs: lines.reduce((sum, l) => sum + l.busyMs, 0),
    perTest: lines.map(({ sent, deletes }) => ({ sent, deletes })),
  };
}

export function readBudgets(runDir: string): BudgetStop[] {
  return readJsonLines<BudgetStop>(runFiles(runDir).budgets);
}

/** The retries every worker wrote down, one line each. */
export function readRetries(runDir: string): Retries {
  const lines = readJsonLines<{ status: number }>(runFiles(runDir).retries);
  const byStatus: Record<string, number> = {};
  for (const { status } of lines) byStatus[status] = (byStatus[status] ?? 0) + 1;
  return { total: lines.length, byStatus };
}

/** Every exchange the workers and the run itself recorded, in the order they were written down. */
export function readExchanges(runDir: string): AttributedExchanges[] {
  return readJsonLines<AttributedExchanges>(runFiles(runDir).exchanges);
}

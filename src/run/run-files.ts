// What a run writes down outside its workers' memory, named once for writers and readers alike:
// the files of its directory, and the name prefix of every peering it creates.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

// What a run writes down outside its workers' memory: one stream of typed events, appended to one
// file of its directory by every worker (and by the run itself, for its own requests and its
// sweep's deletes), and folded by the run into its result. Each event is appended the moment it
// happens, synchronously, so that after a Ctrl-C or a worker ended mid-test the file still holds
// everything the run created: vitest's own reports from a worker come only if the worker ends well.
// Also the name prefix of every peering the run creates.
import { appendFileSync, closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { AttributedExchanges } from '../http/exchange-record.ts';
import type { TrafficCounts } from '../http/traffic.ts';
import { Ledger, type LedgerEvent } from './ledger.ts';
import type { BudgetStop, Retries, RunTraffic } from './run-result.ts';

/** What a worker tells the run: the ledger's events; a request retried after `status`; one test's
 * traffic, with the deletes it waited to complete; the exchanges of one test (or of one of the
 * run's own steps); a property stopped by its time budget. */
export type WorkerEvent =
  | LedgerEvent
  | { type: 'retry'; status: number }
  | ({ type: 'traffic'; deletes: number } & TrafficCounts)
  | ({ type: 'exchanges' } & AttributedExchanges)
  | ({ type: 'budget' } & BudgetStop);

const eventsFile = (runDir: string) => join(runDir, 'events.jsonl');

/** Appends an event to the run's stream, at once: one JSON object a line. */
export function eventWriter(runDir: string): (event: WorkerEvent) => void {
  const file = eventsFile(runDir);
  return (event) => appendFileSync(file, JSON.stringify(event) + '\n');
}

/** What the workers told of the run, folded: their traffic, retries and budget stops, and every
 * exchange, the run's own among them, in the order they were written down. */
interface Told {
  traffic: Omit<RunTraffic, 'byRun'>;
  retries: Retries;
  budgets: BudgetStop[];
  exchanges: AttributedExchanges[];
}

/** The run's reader of the stream: it folds each event once, as it reads what was appended since
 * it last read, and leaves a line still being written for the next read. */
export class WorkerEvents {
  readonly ledger: Ledger;
  /** The run's own writer, for what the run itself does (its pre-flight, round trip and sweep). */
  readonly write: (event: WorkerEvent) => void;
  private readonly file: string;
  private readonly told: Told = {
    traffic: { sent: 0, validated: 0, unvalidated: 0, busyMs: 0, perTest: [] },
    retries: { total: 0, byStatus: {} },
    budgets: [],
    exchanges: [],
  };
  private offset = 0;
  private partial = Buffer.alloc(0);

  constructor(runDir: string) {
    this.file = eventsFile(runDir);
    this.write = eventWriter(runDir);
    this.ledger = new Ledger(() => this.catchUp(), this.write);
  }

  /** Everything written down so far, folded: a copy, which what is read later leaves as it is. */
  read(): Told {
    this.catchUp();
    const { traffic, retries, budgets, exchanges } = this.told;
    return {
      traffic: { ...traffic, perTest: [...traffic.perTest] },
      retries: { ...retries, byStatus: { ...retries.byStatus } },
      budgets: [...budgets],
      exchanges: [...exchanges],
    };
  }

  private catchUp(): void {
    if (!existsSync(this.file)) return;
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size <= this.offset) return;
      const chunk = Buffer.alloc(size - this.offset);
      const got = readSync(fd, chunk, 0, chunk.length, this.offset);
      this.offset += got;
      // A newline byte is never part of a multi-byte character: a complete line decodes alone.
      const bytes = Buffer.concat([this.partial, chunk.subarray(0, got)]);
      const end = bytes.lastIndexOf(0x0a) + 1;
      this.partial = Buffer.from(bytes.subarray(end));
      for (const line of bytes.subarray(0, end).toString('utf8').split('\n')) if (line) this.fold(JSON.parse(line) as WorkerEvent);
    } finally {
      closeSync(fd);
    }
  }

  private fold(event: WorkerEvent): void {
    const { traffic, retries } = this.told;
    switch (event.type) {
      case 'retry':
        retries.total++;
        retries.byStatus[event.status] = (retries.byStatus[event.status] ?? 0) + 1;
        return;
      case 'traffic':
        traffic.sent += event.sent;
        traffic.validated += event.validated;
        traffic.unvalidated += event.unvalidated;
        traffic.busyMs += event.busyMs;
        traffic.perTest.push({ sent: event.sent, deletes: event.deletes });
        return;
      case 'exchanges': {
        const { type: _, ...exchanges } = event;
        this.told.exchanges.push(exchanges);
        return;
      }
      case 'budget': {
        const { type: _, ...budget } = event;
        this.told.budgets.push(budget);
        return;
      }
      default:
        this.ledger.fold(event);
    }
  }
}

/** Run ids are 8 hexadecimal characters. */
export const namePrefix = (runId: string) => `cf-${runId}-`;

/** The prefix of any run's peerings, for the sweeper, which knows no run id. */
export const ANY_RUN_NAME = /^cf-[0-9a-f]{8}-/;

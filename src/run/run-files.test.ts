// The run's stream of worker events: what writers append, the run's reader folds into the run's
// traffic, retries, budget stops, exchanges and ledger, each event once, however the reads fall
// between writes, a line still being written included.
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { RecordedExchange } from '../http/exchange-record.ts';
import { eventWriter, WorkerEvents, type WorkerEvent } from './run-files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-files-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const exchange = (id: string, responseText: string): RecordedExchange => ({
  id,
  operationId: 'listVpcPeerings',
  startedAt: 1,
  durationMs: 1,
  method: 'GET',
  url: 'http://127.0.0.1/v2.0/vpc/peerings',
  requestHeaders: {},
  status: 200,
  responseHeaders: {},
  responseText,
});

const sending = {
  type: 'sending',
  request: 'r1',
  role: 'requester',
  name: 'cf-0badc0de-a',
  test: 'a',
  vpcs: ['v1', 'v2'],
  at: 1,
} satisfies WorkerEvent;

it('folds every event into the run: traffic summed and per test, retries by status, budget stops, exchanges in order', () => {
  const tell = eventWriter(dir);
  const events = new WorkerEvents(dir);
  expect(events.read()).toEqual({
    traffic: { sent: 0, validated: 0, unvalidated: 0, busyMs: 0, perTest: [] },
    retries: { total: 0, byStatus: {} },
    budgets: [],
    exchanges: [],
  });
  tell({ type: 'traffic', sent: 3, validated: 2, unvalidated: 1, busyMs: 5, deletes: 1 });
  tell({ type: 'retry', status: 503 });
  tell({ type: 'exchanges', test: 'a', requirements: ['PEER-LIST-001'], exchanges: [exchange('w1-1', '{}')] });
  tell({ type: 'retry', status: 429 });
  tell({ type: 'retry', status: 503 });
  tell({ type: 'traffic', sent: 4, validated: 4, unvalidated: 0, busyMs: 2.5, deletes: 0 });
  tell({ type: 'budget', test: 'b', ids: ['PEER-UPDATE-006'], runs: 12, of: 50, minimum: 10, budgetMs: 1000 });
  tell({ type: 'exchanges', test: '(run) sweep', requirements: [], exchanges: [exchange('run-1', '{}')] });
  expect(events.read()).toEqual({
    traffic: {
      sent: 7,
      validated: 6,
      unvalidated: 1,
      busyMs: 7.5,
      perTest: [
        { sent: 3, deletes: 1 },
        { sent: 4, deletes: 0 },
      ],
    },
    retries: { total: 3, byStatus: { '503': 2, '429': 1 } },
    budgets: [{ test: 'b', ids: ['PEER-UPDATE-006'], runs: 12, of: 50, minimum: 10, budgetMs: 1000 }],
    exchanges: [
      { test: 'a', requirements: ['PEER-LIST-001'], exchanges: [exchange('w1-1', '{}')] },
      { test: '(run) sweep', requirements: [], exchanges: [exchange('run-1', '{}')] },
    ],
  });
  // One file, the run's only one.
  expect(readdirSync(dir)).toEqual(['events.jsonl']);
});

it('keeps the ledger: what was created and not deleted, what was sent and not answered', () => {
  const tell = eventWriter(dir);
  const { ledger } = new WorkerEvents(dir);
  tell(sending);
  tell({ ...sending, request: 'r2', name: 'cf-0badc0de-b' });
  expect(ledger.unanswered().map((e) => e.request)).toEqual(['r1', 'r2']);
  tell({ type: 'created', id: 'p1', role: 'requester', name: 'cf-0badc0de-a', test: 'a' });
  tell({ type: 'answered', request: 'r1' });
  tell({ type: 'created', id: 'p2', role: 'accepter', name: 'cf-0badc0de-c', test: 'c' });
  tell({ type: 'deleted', id: 'p2' });
  expect(ledger.unanswered().map((e) => e.request)).toEqual(['r2']);
  expect(ledger.sent()).toHaveLength(2);
  expect(ledger.outstanding()).toEqual([{ id: 'p1', role: 'requester', name: 'cf-0badc0de-a', test: 'a' }]);
  expect([...ledger.created().keys()]).toEqual(['p1', 'p2']);
  // What the run's sweep writes down goes in the same stream, and is read back with the rest.
  ledger.deleted('p1');
  expect(ledger.outstanding()).toEqual([]);
  expect(new WorkerEvents(dir).ledger.outstanding()).toEqual([]);
});

it('reads a line still being written only once it is whole, a character split across the reads included', () => {
  const { ledger } = new WorkerEvents(dir);
  const line = Buffer.from(JSON.stringify({ ...sending, name: 'cf-0badc0de-ÿ€😀' } satisfies WorkerEvent) + '\n');
  const file = join(dir, 'events.jsonl');
  // Cut inside the 4 bytes of the emoji.
  const cut = line.indexOf(Buffer.from('😀')) + 2;
  appendFileSync(file, line.subarray(0, cut));
  expect(ledger.sent()).toEqual([]);
  appendFileSync(file, line.subarray(cut));
  expect(ledger.sent().map((e) => e.name)).toEqual(['cf-0badc0de-ÿ€😀']);
  expect(ledger.sent()).toHaveLength(1);
});

it('gives a copy: what is told after a read leaves it as it was', () => {
  const tell = eventWriter(dir);
  const events = new WorkerEvents(dir);
  tell({ type: 'retry', status: 503 });
  const first = events.read();
  tell({ type: 'retry', status: 503 });
  tell({ type: 'traffic', sent: 1, validated: 1, unvalidated: 0, busyMs: 1, deletes: 0 });
  expect(first.retries).toEqual({ total: 1, byStatus: { '503': 1 } });
  expect(first.traffic.perTest).toEqual([]);
  expect(events.read().retries.total).toBe(2);
});

// The sweeper deletes what earlier runs left on the target's VPCs, and only that: a peering of
// someone else's, or one of a run's on VPCs the target file does not name, stays. The emulator
// pages its lists one peering at a time, so that some leftover always sits past the first page.
// The run's own sweep waits for creates still on the wire and finds what the ledger cannot name.
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTargetFile } from '../../emulator/tenants.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { runScript, scratchDir, writeJson } from '../../scripts/support/child-scripts.ts';
import { eventWriter, WorkerEvents } from './run-files.ts';
import { sweepRun } from './sweep.ts';
import type { Target } from './target.ts';
import { resolveTenants } from '../document/target-file.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ pageSize: 1 });
});
afterAll(() => emulator.close());

const sweep = (args: string[]) => runScript('scripts/sweep.ts', args);

/** The requester's peering between two of its VPCs, made on the emulator directly: its id. */
function peeringOf(server: RunningEmulator, name: string, a: string, b: string): string {
  const made = server.store.create(server.tenants.requester, { name, request_vpc_info: { vpc_id: a }, accept_vpc_info: { vpc_id: b } });
  if (!made.ok) throw new Error(made.refusal.message);
  return made.value.id;
}

it('lists with --dry-run, then deletes only the run-named peerings between target VPCs', { timeout: 30_000 }, async () => {
  const { requester } = emulator.tenants;
  const [r0, r1, r2, r3] = requester.vpcIds;
  const create = (name: string, a: string, b: string) => peeringOf(emulator, name, a, b);
  const leftover = create('cf-0badc0de-left-by-a-killed-run', r0!, r1!);
  const another = create('cf-0badc0de-left-by-another', r2!, r0!);
  const someoneElses = create('production-link', r1!, r2!);
  const offTarget = create('cf-0badc0de-on-a-vpc-not-in-the-file', r0!, r3!);
  const target = toTargetFile(emulator.tenants, emulator.url);
  target.requester.vpcIds = [r0!, r1!, r2!];
  const file = writeJson(scratchDir(), 'target.json', target);

  const dry = await sweep(['--target', file, '--dry-run']);
  expect(dry.code).toBe(0);
  const wouldDelete = dry.stdout.trim().split('\n');
  expect(wouldDelete).toHaveLength(2);
  expect(wouldDelete).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`^would delete ${leftover} "cf-0badc0de-left-by-a-killed-run"`)),
      expect.stringMatching(new RegExp(`^would delete ${another} "cf-0badc0de-left-by-another"`)),
    ]),
  );
  expect(emulator.store.show(requester, leftover).ok).toBe(true);

  const real = await sweep(['--target', file]);
  expect(real.code).toBe(0);
  expect(real.stdout).toMatch(new RegExp(`^deleted ${leftover} `, 'm'));
  expect(real.stdout).toMatch(new RegExp(`^deleted ${another} `, 'm'));
  expect(emulator.store.show(requester, leftover).ok).toBe(false);
  expect(emulator.store.show(requester, another).ok).toBe(false);
  expect(emulator.store.show(requester, someoneElses).ok).toBe(true);
  expect(emulator.store.show(requester, offTarget).ok).toBe(true);
});

it("stops with exit code 2 and one sentence when the target refuses a tenant's list", { timeout: 30_000 }, async () => {
  const target = toTargetFile(emulator.tenants, emulator.url);
  target.accepter = { ...target.accepter, token: 'a-token-the-server-never-issued' };
  const file = writeJson(scratchDir(), 'target.json', target);

  const refused = await sweep(['--target', file]);
  expect(refused.code).toBe(2);
  expect(refused.stdout).toBe('');
  expect(refused.stderr).toBe(
    `Cannot sweep (listing the accepter's peerings answered 401): check the target file's credentials and baseUrl.\n`,
  );
});

describe("the run's own sweep, against lists paged one peering at a time", () => {
  /** A run directory's ledger, as the run reads it, and the writer a worker tells it with. */
  const ledgerIn = () => {
    const dir = scratchDir();
    return { ledger: new WorkerEvents(dir).ledger, tell: eventWriter(dir) };
  };
  const targetOf = (server: RunningEmulator): Target => {
    const file = toTargetFile(server.tenants, server.url);
    return {
      kind: 'endpoint',
      baseUrl: file.baseUrl,
      serverUrl: file.baseUrl,
      description: 'the sweep test',
      capabilities: ['state'],
      tenants: resolveTenants(file),
    };
  };
  const limits = { deadlineMs: 5_000, settleMs: 2_000 };

  it('waits for a create still on the wire, then deletes its peering', async () => {
    const server = await startEmulator({ pageSize: 1 });
    const { requester } = server.tenants;
    const { ledger, tell } = ledgerIn();
    const entry = { role: 'requester' as const, name: 'short', test: 'a test' };
    tell({ ...entry, type: 'sending', request: 'r1', at: Date.now(), vpcs: requester.vpcIds.slice(0, 2) });
    const swept = sweepRun(targetOf(server), ledger, 'cf-0badc0de-', limits);
    // The answer comes after the sweep has started; its name carries no run prefix to be listed by.
    await delay(300);
    const id = peeringOf(server, 'short', requester.vpcIds[0]!, requester.vpcIds[1]!);
    tell({ ...entry, type: 'created', id });
    tell({ type: 'answered', request: 'r1' });
    const { leaks, stuck, unfinished } = await swept;
    await server.close();
    expect({ leaks: leaks.map((l) => l.id), stuck, unfinished }).toEqual({ leaks: [id], stuck: [], unfinished: [] });
    expect(server.store.show(requester, id).ok).toBe(false);
  });

  it('finds, past the first page, a peering whose create never answered and one bearing the run prefix', async () => {
    const server = await startEmulator({ pageSize: 1 });
    const { requester } = server.tenants;
    const [r0, r1, r2] = requester.vpcIds;
    const create = (name: string, a: string, b: string) => peeringOf(server, name, a, b);
    const unanswered = create('x', r0!, r1!);
    const prefixed = create('cf-0badc0de-left', r1!, r2!);
    const someoneElses = create('production-link', r0!, r2!);
    const { ledger, tell } = ledgerIn();
    // Sent long enough ago that its deadline has passed: its answer will not come.
    tell({
      type: 'sending',
      request: 'r1',
      role: 'requester',
      name: 'x',
      test: 'a timed-out test',
      at: Date.now() - limits.deadlineMs,
      vpcs: [r1!, r0!],
    });
    const { leaks, stuck } = await sweepRun(targetOf(server), ledger, 'cf-0badc0de-', limits);
    await server.close();
    expect(stuck).toEqual([]);
    expect(leaks.map((l) => l.id).sort()).toEqual([unanswered, prefixed].sort());
    expect(leaks.find((l) => l.id === unanswered)?.test).toBe('a timed-out test');
    expect(server.store.show(requester, someoneElses).ok).toBe(true);
  });
});

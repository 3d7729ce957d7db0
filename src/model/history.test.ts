// Reads judged against the states the model's writes passed through: the latest passes at once,
// an older state superseded within the settle window is read again, one superseded longer ago, or
// an answer no state explains, fails at once; and through the one waiter, a read that lags
// catches up, while a read wrong half the time fails at its first wrong answer, never retried
// until it happens to be right.
import type { SchemaPeering } from '../../generated/vpc-peering.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventually, OlderState } from '../http/waiter.ts';
import { ConformanceFailure } from '../http/failure.ts';
import type { VpcPair } from '../run/leases.ts';
import type { TenantRole } from '../document/target-file.ts';
import { expectReads, extended, listRead, showRead, type ShowBlame } from './history.ts';
import type { ModelPeering } from './model.ts';
import type { Version } from './versions.ts';
import { fakeReply } from '../http/fake-reply.ts';
import { modelPeering, requesterTenant } from './peering-fixture.ts';

const SETTLE_MS = 60_000;

const SAME: VpcPair = { kind: 'same', requestVpc: 'vpc-a', acceptVpc: 'vpc-c', acceptTenant: requesterTenant };

/** #1: the requester asked the accepter, pending. */
const pending = modelPeering();
const active: ModelPeering = { ...pending, status: 'ACTIVE' };
/** #2: within the requester's own project, so the accepter is party to neither side. */
const own: ModelPeering = { ...active, label: '#2', id: 'p2', pair: SAME, acceptVpc: 'vpc-c', answeredBy: 'requester' };

/** The versions each peering has after the model moved through `states`, one write each, now. */
function historyOf(...states: ModelPeering[][]): Map<string, Version<ModelPeering>[]> {
  return states.reduce((history, next) => extended(history, next, Date.now()), new Map<string, Version<ModelPeering>[]>());
}

/** A peering as a server shows it. */
const shown = (p: ModelPeering): SchemaPeering => ({
  id: p.id,
  name: p.name,
  description: p.description,
  status: p.status,
  request_vpc_info: { vpc_id: p.requestVpc, tenant_id: p.stamp.request_tenant },
  accept_vpc_info: { vpc_id: p.acceptVpc, tenant_id: p.stamp.accept_tenant },
  created_at: p.stamp.created_at,
  updated_at: '2026-12-07T00:00:00',
});

const reply = fakeReply;

/** The requester's show of #1, answered with `p` (404 when not given), judged against `history`. */
const showOf = (history: Map<string, Version<ModelPeering>[]>, p?: ModelPeering, blame?: ShowBlame) => () =>
  expectReads(
    [
      showRead(
        'the requester',
        'requester',
        p ? reply('showVpcPeering', 200, { peering: shown(p) }) : reply('showVpcPeering', 404),
        history.get('#1')!,
        blame,
      ),
    ],
    SETTLE_MS,
  );

/** `viewer`'s list showing `listed`, each of the model's peerings judged against its own history. */
const listOf = (history: Map<string, Version<ModelPeering>[]>, viewer: TenantRole, listed: ModelPeering[]) => () => {
  const peerings = listed.map(shown);
  const answer = reply('listVpcPeerings', 200, { peerings });
  const reads = [...history.keys()].map((label) => {
    const versions = history.get(label)!;
    const entry = peerings.find((q) => q.id === versions.at(-1)!.peering.id);
    return listRead(`the ${viewer}'s list`, viewer, answer, entry, versions);
  });
  expectReads(reads, SETTLE_MS);
};

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a read judged against the history', () => {
  it('passes at once when the latest state explains it', () => {
    const history = historyOf([pending], [active]);
    expect(showOf(history, active)).not.toThrow();
    expect(listOf(history, 'accepter', [active])).not.toThrow();
  });

  it('reads again one an older state explains, superseded within the settle window', () => {
    const history = historyOf([pending], [active]);
    vi.advanceTimersByTime(SETTLE_MS - 1);
    expect(showOf(history, pending)).toThrow(OlderState);
    expect(listOf(history, 'accepter', [])).toThrow(OlderState);
  });

  it('reads again a deleted peering still shown DELETED, or still listed, while the delete completes', () => {
    const history = historyOf([active], [{ ...active, deleted: true }]);
    expect(showOf(history, { ...active, status: 'DELETED' })).toThrow(OlderState);
    expect(listOf(history, 'requester', [active])).toThrow(OlderState);
    expect(showOf(history)).not.toThrow();
  });

  it('fails at once on one only a state superseded longer ago than the window explains', () => {
    const history = historyOf([pending], [active]);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(showOf(history, pending)).toThrow(ConformanceFailure);
    expect(showOf(history, pending)).toThrow(/as it stood 60\.0 s ago, longer than the settle window/);
  });

  it('fails at once on one no state explains, naming what it breaks', () => {
    const history = historyOf([pending], [active]);
    expect(showOf(history, { ...active, name: 'cf-test-never-written' })).toThrow(/which no write left it as/);
    expect(showOf(history, { ...active, status: 'REJECTED' })).toThrow(ConformanceFailure);
    expect(showOf(history)).toThrow(expect.objectContaining({ details: expect.objectContaining({ breaks: ['PEER-SHOW-002'] }) }));
    expect(listOf(historyOf([own]), 'accepter', [own])).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ breaks: ['PEER-LIST-003'] }) }),
    );
  });

  it("blames a read still showing what an earlier write superseded on that write's rule, a refusal since or not", () => {
    const history = historyOf([pending], [active]);
    vi.advanceTimersByTime(SETTLE_MS);
    const read = (p?: ModelPeering) => showOf(history, p, { breaks: ['PEER-ACCEPT-004'], staleBreaks: ['PEER-ACCEPT-002'] });
    const blaming = (breaks: string[]) => expect.objectContaining({ details: expect.objectContaining({ breaks }) });
    expect(read(pending)).toThrow(blaming(['PEER-ACCEPT-002']));
    // What no write left it as, or a peering gone as it was before its create, is the refusal's to answer for.
    expect(read({ ...active, status: 'REJECTED' })).toThrow(blaming(['PEER-ACCEPT-004']));
    expect(read()).toThrow(blaming(['PEER-ACCEPT-004']));
  });

  it("blames a show getting wrong only what the write left alone on the show's own rule", () => {
    const history = historyOf([pending], [active]);
    const read = (p?: ModelPeering) => showOf(history, p, { breaks: ['PEER-ACCEPT-004'], decides: ['status'] });
    const blaming = (breaks: string[]) => expect.objectContaining({ details: expect.objectContaining({ breaks }) });
    // A refused accept decides the status alone: shown as it stands under another name, the show is wrong.
    expect(read({ ...active, name: `${active.name}x` })).toThrow(blaming(['PEER-SHOW-002']));
    // Its status otherwise, or the peering not shown at all, is still the write's to answer for.
    expect(read({ ...active, status: 'REJECTED', name: `${active.name}x` })).toThrow(blaming(['PEER-ACCEPT-004']));
    expect(read()).toThrow(blaming(['PEER-ACCEPT-004']));
    expect(read(active)).not.toThrow();
  });
});

describe('through the one waiter', () => {
  /** Runs `read` through `eventually`, counting its reads. */
  async function waited(read: (n: number) => void): Promise<{ reads: number; error?: unknown }> {
    let reads = 0;
    const done = eventually(async () => read(++reads), SETTLE_MS).then(
      () => undefined,
      (error: unknown) => error,
    );
    await vi.runAllTimersAsync();
    const error = await done;
    return { reads, ...(error !== undefined && { error }) };
  }

  it('passes a lagging read once it catches up', async () => {
    const history = historyOf([pending], [active]);
    const { reads, error } = await waited((n) => showOf(history, n <= 3 ? pending : active)());
    expect(error).toBeUndefined();
    expect(reads).toBe(4);
  });

  it('fails a read wrong half the time at its first wrong answer, though the next would pass', async () => {
    // #1 was just created, #2 is the requester's own: the accepter's list lags behind the create of
    // #1 and, on every other read, ignores whose peerings it lists.
    const history = historyOf([own], [own, pending]);
    const { reads, error } = await waited((n) => listOf(history, 'accepter', n === 1 ? [] : n % 2 === 0 ? [pending, own] : [pending])());
    expect(error).toBeInstanceOf(ConformanceFailure);
    expect(error).toMatchObject({ details: { breaks: ['PEER-LIST-003'] } });
    expect(reads).toBe(2);
  });
});

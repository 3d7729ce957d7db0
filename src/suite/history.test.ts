// Reads judged against the test's own writes: the latest state passes, an older one is read again
// (OlderState), and an answer no state explains fails at once (ConformanceFailure), whatever the
// next read would have shown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SchemaPeering, SchemaPeeringResponse } from '../../generated/vpc-peering.ts';
import type { Reply } from '../http/client.ts';
import { OlderState } from '../http/waiter.ts';
import { ConformanceFailure } from '../http/failure.ts';
import { expectListedAsWritten, expectShownAsWritten, expectShownGone, History } from './history.ts';
import { fakeReply } from '../http/fake-reply.ts';

const peering = (id: string, fields: Partial<SchemaPeering> = {}): SchemaPeering => ({
  id,
  name: `cf-test-${id}`,
  description: '',
  status: 'PENDING_ACCEPTANCE',
  request_vpc_info: { vpc_id: 'vpc-a', tenant_id: 'project-a' },
  accept_vpc_info: { vpc_id: 'vpc-b', tenant_id: 'project-b' },
  created_at: '2026-12-07T00:00:00',
  updated_at: '2026-12-07T00:00:00',
  ...fields,
});

const reply = fakeReply;

const SETTLE_MS = 60_000;

/** A history begun with these creates, as `api.history()` begins one. */
function historyOf(...created: SchemaPeering[]): History {
  const history = new History(SETTLE_MS);
  for (const peering of created) history.created(peering);
  return history;
}

afterEach(() => vi.useRealTimers());

const listRead = (...peerings: SchemaPeering[]) => ({ peerings, last: reply('listVpcPeerings', 200, { peerings }) });
const show = (status: number, shown?: SchemaPeering): Reply<SchemaPeeringResponse> =>
  reply('showVpcPeering', status, shown && { peering: shown });

describe('a list read after the writes', () => {
  const created = peering('p1');
  const renamed = { ...created, name: 'cf-test-renamed' };
  const listed = (history: History, ...peerings: SchemaPeering[]) =>
    expectListedAsWritten(history, listRead(...peerings), { who: "the requester's list" });

  it('passes a list that shows each peering as last written, and leaves other peerings to the test', () => {
    expect(() => listed(historyOf(created), peering('someone-elses'), created)).not.toThrow();
  });

  it('reads again a list that has not caught up with a create, an update or a delete', () => {
    expect(() => listed(historyOf(created), peering('someone-elses'))).toThrow(OlderState);
    expect(() => listed(historyOf(created).changed(renamed), created)).toThrow(OlderState);
    expect(() => listed(historyOf(created).deleted('p1'), created)).toThrow(OlderState);
    expect(() => listed(historyOf(created).deleted('p1'), { ...created, status: 'DELETED' })).toThrow(OlderState);
  });

  it('fails at once on a peering in a state none of the writes left it in', () => {
    expect(() => listed(historyOf(created), { ...created, status: 'DELETED' })).toThrow(ConformanceFailure);
    expect(() => listed(historyOf(created), { ...created, name: 'cf-test-never-written' })).toThrow(ConformanceFailure);
    expect(() => listed(historyOf(created).changed(renamed), { ...renamed, status: 'ACTIVE' })).toThrow(ConformanceFailure);
  });

  it('fails at once when only a state superseded longer than the settle window ago explains the list', () => {
    vi.useFakeTimers();
    const history = historyOf(created).changed(renamed);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(() => listed(history, created)).toThrow(/60\.0 s after this test's write moved it on: longer than the settle window of 60\.0 s/);
    expect(() => listed(history, created)).toThrow(ConformanceFailure);
    expect(() => listed(history)).toThrow(ConformanceFailure);
    expect(() => listed(history, renamed)).not.toThrow();
  });

  it('holds a filtered list to the states it lists: a peering it must leave out fails at once', () => {
    const filtered = (listedWhen: (p: SchemaPeering) => boolean | undefined, ...peerings: SchemaPeering[]) =>
      expectListedAsWritten(historyOf(created), listRead(...peerings), { who: 'the filtered list', listedWhen });
    expect(() => filtered(() => false)).not.toThrow();
    expect(() => filtered(() => false, created)).toThrow(ConformanceFailure);
    expect(() => filtered(() => undefined, created)).not.toThrow();
    expect(() => filtered(() => undefined)).not.toThrow();
    expect(() => filtered(() => true)).toThrow(OlderState);
  });

  it('tells a list that must leave a peering out from one showing a state never written', () => {
    const judged = () =>
      expectListedAsWritten(historyOf(created), listRead(created), { who: 'the filtered list', listedWhen: () => false });
    expect(judged).toThrow(/keeps p1, which it must leave out/);
  });
});

describe('a show of a peering the test has not deleted', () => {
  const created = peering('p1');
  const shown = (history: History, answer: Reply<SchemaPeeringResponse>) => expectShownAsWritten(history, 'p1', answer, 'the requester');

  it('passes the fields last written, whatever updated_at says', () => {
    expect(() => shown(historyOf(created), show(200, { ...created, updated_at: '2026-12-07T00:00:09' }))).not.toThrow();
  });

  it('reads again a show that gives the peering as it was before an update', () => {
    expect(() => shown(historyOf(created).changed({ ...created, description: 'changed' }), show(200, created))).toThrow(OlderState);
  });

  it('fails at once on a show of a state superseded longer than the settle window ago', () => {
    vi.useFakeTimers();
    const history = historyOf(created).changed({ ...created, description: 'changed' });
    vi.advanceTimersByTime(SETTLE_MS);
    expect(() => shown(history, show(200, created))).toThrow(ConformanceFailure);
  });

  it('fails at once when the peering is gone, DELETED, or changed by no write of the test', () => {
    expect(() => shown(historyOf(created), show(404))).toThrow(ConformanceFailure);
    expect(() => shown(historyOf(created), show(200, { ...created, status: 'DELETED' }))).toThrow(ConformanceFailure);
    expect(() => shown(historyOf(created), show(200, { ...created, description: 'changed by a refused call' }))).toThrow(
      ConformanceFailure,
    );
  });
});

describe('a show of a peering the test deleted', () => {
  const gone = (answer: Reply<SchemaPeeringResponse>) => expectShownGone(answer, 'p1', 'the requester');

  it('passes 404, and reads again while the peering is still shown, in any status', () => {
    expect(() => gone(show(404))).not.toThrow();
    expect(() => gone(show(200, peering('p1', { status: 'DELETED' })))).toThrow(OlderState);
    expect(() => gone(show(200, peering('p1', { status: 'ACTIVE' })))).toThrow(OlderState);
  });

  it('fails at once on any other answer', () => {
    expect(() => gone(show(403))).toThrow(ConformanceFailure);
    expect(() => gone(show(200, peering('another')))).toThrow(ConformanceFailure);
  });
});

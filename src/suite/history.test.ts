// Reads judged against the test's own writes: the latest state passes, an older one is read again
// (OlderState), and an answer no state explains fails at once (ConformanceFailure), whatever the
// next read would have shown.
import { describe, expect, it } from 'vitest';
import type { SchemaPeering, SchemaPeeringResponse } from '../../generated/vpc-peering.ts';
import type { Reply } from '../http/client.ts';
import { OlderState } from '../http/waiter.ts';
import { ConformanceFailure } from '../reports/failure.ts';
import { expectListedAsWritten, expectShownAsWritten, expectShownGone, History } from './history.ts';

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

function reply<T>(operationId: string, status: number, data?: T): Reply<T> {
  return {
    status,
    ...(data !== undefined && { data }),
    exchange: {
      operationId,
      method: 'GET',
      url: 'http://127.0.0.1/v2.0/vpc/peerings',
      headers: {},
      status,
      contentType: 'application/json',
      responseText: JSON.stringify(data ?? ''),
    },
  };
}

const listRead = (...peerings: SchemaPeering[]) => ({ peerings, last: reply('listVpcPeerings', 200, { peerings }) });
const show = (status: number, shown?: SchemaPeering): Reply<SchemaPeeringResponse> =>
  reply('showVpcPeering', status, shown && { peering: shown });

describe('a list read after the writes', () => {
  const created = peering('p1');
  const renamed = { ...created, name: 'cf-test-renamed' };
  const listed = (history: History, ...peerings: SchemaPeering[]) =>
    expectListedAsWritten(history, listRead(...peerings), { who: "the requester's list" });

  it('passes a list that shows each peering as last written, and leaves other peerings to the test', () => {
    expect(() => listed(History.of(created), peering('someone-elses'), created)).not.toThrow();
  });

  it('reads again a list that has not caught up with a create, an update or a delete', () => {
    expect(() => listed(History.of(created), peering('someone-elses'))).toThrow(OlderState);
    expect(() => listed(History.of(created).changed(renamed), created)).toThrow(OlderState);
    expect(() => listed(History.of(created).deleted('p1'), created)).toThrow(OlderState);
    expect(() => listed(History.of(created).deleted('p1'), { ...created, status: 'DELETED' })).toThrow(OlderState);
  });

  it('fails at once on a peering in a state none of the writes left it in', () => {
    expect(() => listed(History.of(created), { ...created, status: 'DELETED' })).toThrow(ConformanceFailure);
    expect(() => listed(History.of(created), { ...created, name: 'cf-test-never-written' })).toThrow(ConformanceFailure);
    expect(() => listed(History.of(created).changed(renamed), { ...renamed, status: 'ACTIVE' })).toThrow(ConformanceFailure);
  });

  it('holds a filtered list to the states it lists: a peering it must leave out fails at once', () => {
    const filtered = (listedWhen: (p: SchemaPeering) => boolean | undefined, ...peerings: SchemaPeering[]) =>
      expectListedAsWritten(History.of(created), listRead(...peerings), { who: 'the filtered list', listedWhen });
    expect(() => filtered(() => false)).not.toThrow();
    expect(() => filtered(() => false, created)).toThrow(ConformanceFailure);
    expect(() => filtered(() => undefined, created)).not.toThrow();
    expect(() => filtered(() => undefined)).not.toThrow();
    expect(() => filtered(() => true)).toThrow(OlderState);
  });

  it('tells a list that must leave a peering out from one showing a state never written', () => {
    const judged = () =>
      expectListedAsWritten(History.of(created), listRead(created), { who: 'the filtered list', listedWhen: () => false });
    expect(judged).toThrow(/keeps p1, which it must leave out/);
  });
});

describe('a show of a peering the test has not deleted', () => {
  const created = peering('p1');
  const shown = (history: History, answer: Reply<SchemaPeeringResponse>) => expectShownAsWritten(history, 'p1', answer, 'the requester');

  it('passes the fields last written, whatever updated_at says', () => {
    expect(() => shown(History.of(created), show(200, { ...created, updated_at: '2026-12-07T00:00:09' }))).not.toThrow();
  });

  it('reads again a show that gives the peering as it was before an update', () => {
    expect(() => shown(History.of(created).changed({ ...created, description: 'changed' }), show(200, created))).toThrow(OlderState);
  });

  it('fails at once when the peering is gone, DELETED, or changed by no write of the test', () => {
    expect(() => shown(History.of(created), show(404))).toThrow(ConformanceFailure);
    expect(() => shown(History.of(created), show(200, { ...created, status: 'DELETED' }))).toThrow(ConformanceFailure);
    expect(() => shown(History.of(created), show(200, { ...created, description: 'changed by a refused call' }))).toThrow(
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

// Reads judged against the history of the test's own writes, as the waiter needs them judged
// (Jepsen's checkers judge reads against histories the same way). A read that shows the latest
// state passes at once; one that shows an older state the writes passed through (a list not yet
// showing a create, still showing a delete, or showing a peering as it was before an update) is an
// `olderState`, read again until the settle window ends; any other answer fails at once.
import { isDeepStrictEqual } from 'node:util';
import type { SchemaPeering, SchemaPeeringResponse } from '../../generated/vpc-peering.ts';
import type { Reply } from '../http/client.ts';
import { olderState } from '../http/waiter.ts';
import type { Api } from './api.ts';
import { expectEqual, expectRefused, expectStatus, fail } from './expect.ts';
import { wholeList } from '../http/paging.ts';
import { stableFields } from './views.ts';

/** A peering as the test's writes left it, or undefined: not yet created, or deleted. */
type State = SchemaPeering | undefined;

/** The states each of the test's peerings has passed through, oldest first. */
export class History {
  private readonly states = new Map<string, State[]>();

  static of(...created: SchemaPeering[]): History {
    const history = new History();
    for (const peering of created) history.created(peering);
    return history;
  }

  created(peering: SchemaPeering): this {
    this.states.set(peering.id, [undefined, peering]);
    return this;
  }

  /** An update, accept or reject, with the peering its answer gave. */
  changed(peering: SchemaPeering): this {
    this.statesOf(peering.id).push(peering);
    return this;
  }

  /** A delete that answered 204: until it completes, the peering may still be shown DELETED. */
  deleted(id: string): this {
    const states = this.statesOf(id);
    const last = states.at(-1);
    if (last) states.push({ ...last, status: 'DELETED' }, undefined);
    return this;
  }

  /** Every peering the test wrote, with its states, oldest first. */
  entries(): [string, State[]][] {
    return [...this.states.entries()];
  }

  /** The states of one of the test's peerings, oldest first. */
  statesOf(id: string): State[] {
    const states = this.states.get(id);
    if (!states) throw new Error(`${id} is no peering of this test's history: record its create first`);
    return states;
  }
}

/** What of a listed peering two reads must agree on. The pages are silent on whether a list shows
 * every field show does, so a list is held to these alone, as the lifecycle model holds it. */
const listedView = (p: SchemaPeering) => ({
  id: p.id,
  name: p.name,
  description: p.description ?? '',
  status: p.status,
  request_vpc: p.request_vpc_info.vpc_id,
  accept_vpc: p.accept_vpc_info.vpc_id,
});

/** JSON, as failures show a value. */
const shown = (value: unknown) => JSON.stringify(value);

/** Whether a list, in a state of the peering, must show it (true), must not (false), or may (undefined). */
export type ListedWhen = (peering: SchemaPeering) => boolean | undefined;

/** One list read, whole: every page's peerings and the last page's reply. */
export interface ListRead {
  peerings: SchemaPeering[];
  last: Reply<unknown>;
}

/**
 * Judges a list read after the test's writes: each of the test's peerings must be listed as its
 * latest state says (or left out), else as an older one (an olderState), else the read fails at
 * once. `listedWhen` says which states the query lists (every one, by default); `who` names the
 * list in failures, as "the accepter's list". Peerings the test did not write are left to the test.
 */
export function expectListedAsWritten(
  history: History,
  { peerings, last }: ListRead,
  { who, listedWhen = () => true }: { who: string; listedWhen?: ListedWhen },
): void {
  const listedIn = (state: State) => (state === undefined ? false : listedWhen(state));
  const explains = (state: State, listed: SchemaPeering | undefined) =>
    listed === undefined
      ? listedIn(state) !== true
      : listedIn(state) !== false && isDeepStrictEqual(listedView(listed), listedView(state!));
  const expectedOf = (state: State, id: string) =>
    listedIn(state) === false ? `a list without ${id}` : `a list with ${id} as ${shown(listedView(state!))}`;
  let older: { title: string; expected: string } | undefined;
  for (const [id, states] of history.entries()) {
    const listed = peerings.find((p) => p.id === id);
    const latest = states.at(-1);
    if (explains(latest, listed)) continue;
    const expected = expectedOf(latest, id);
    if (listed && !states.some((state) => explains(state, listed))) {
      const asWritten = states.some((state) => state !== undefined && isDeepStrictEqual(listedView(listed), listedView(state)));
      const title = asWritten
        ? `${who} keeps ${id}, which it must leave out`
        : `${who} shows ${id} as ${shown(listedView(listed))}, which none of this test's writes left it as`;
      fail(title, last, expected);
    }
    const title =
      listed === undefined
        ? `${who} leaves out ${id}`
        : latest === undefined
          ? `${who} still lists the deleted ${id}`
          : `${who} shows ${id} as it was before this test's last write to it`;
    older ??= { title, expected };
  }
  if (older) olderState({ ...older, exchange: last.exchange });
}

/**
 * Judges a show, by `who`, of a peering the test has not deleted: it answers 200 with the latest
 * state's fields (all but updated_at), or with an older state's (an olderState); anything else,
 * DELETED included, fails at once.
 */
export function expectShownAsWritten(history: History, id: string, reply: Reply<SchemaPeeringResponse>, who: string): void {
  const states = history.statesOf(id);
  const latest = states.at(-1);
  if (!latest) throw new Error(`${id} is no live peering of this test's history`);
  const shownPeering = expectStatus(reply, 200, `${who}'s show of ${id} answered ${reply.status}`).peering;
  const asShown = stableFields(shownPeering);
  const explains = (state: State) => state !== undefined && isDeepStrictEqual(asShown, stableFields(state));
  if (!explains(latest) && states.some(explains)) {
    olderState({
      title: `${who} is shown ${id} as it was before this test's last write to it`,
      exchange: reply.exchange,
      expected: shown(stableFields(latest)),
    });
  }
  expectEqual(asShown, stableFields(latest), `${who} is shown ${id} other than this test's writes left it`, reply);
}

/**
 * Judges a show, by `who`, of a peering the test deleted: 404 is the latest state; the peering
 * itself, in any status (DELETED included), is an older one while the delete completes; any other
 * answer is refused as PEER-SHOW-004 requires, at once.
 */
export function expectShownGone(reply: Reply<SchemaPeeringResponse>, id: string, who: string): void {
  if (reply.status === 200 && reply.data?.peering.id === id) {
    olderState({
      title: `${who} is still shown the deleted ${id}, status ${reply.data.peering.status}`,
      exchange: reply.exchange,
      expected: '404 once the delete has completed',
    });
  }
  expectRefused(reply, 'PEER-SHOW-004');
}

/**
 * After a request that was refused, the peering `id` remains as the test's writes left it: each
 * party's show gives exactly those fields (not DELETED), at once, and each party's list shows it
 * (a list that has not caught up with the create is read again). A server that never removed it
 * answers with the latest state at once, so a consistent one pays nothing. On a stateless mock,
 * which shows its examples, only that show answers 200.
 */
export async function expectRemains(
  api: Api,
  history: History,
  id: string,
  { parties, after }: { parties: readonly ('requester' | 'accepter')[]; after: string },
): Promise<void> {
  if (!api.target.capabilities.includes('state')) {
    expectStatus(await api.requester.show(id), 200, `${after}, show of the peering no longer answers 200`);
    return;
  }
  for (const party of parties) {
    await api.settled(async () => expectShownAsWritten(history, id, await api[party].show(id), `${after}, the ${party}`));
  }
  for (const party of parties) {
    await api.settled(async () => expectListedAsWritten(history, await wholeList(api[party]), { who: `${after}, the ${party}'s list` }));
  }
}

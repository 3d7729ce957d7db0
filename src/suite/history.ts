// Reads judged against the history of the test's own writes, as the waiter needs them judged, by
// the model's one rule of which state explains a read (src/model/versions.ts). A read that shows the latest
// state passes at once; one that shows an older state the writes passed through (a list not yet
// showing a create, still showing a delete, or showing a peering as it was before an update), if
// that state was superseded within the settle window, is an `olderState`, read again until the
// window ends; any other answer, or a state superseded longer ago, fails at once.
import { isDeepStrictEqual } from 'node:util';
import type { SchemaPeering, SchemaPeeringResponse } from '../../generated/vpc-peering.ts';
import type { Reply } from '../http/client.ts';
import { olderState } from '../http/waiter.ts';
import { expectEqual, expectRefused, expectStatus, fail } from './expect.ts';
import { stableFields } from './views.ts';
import { judgeRead, superseded, type Verdict, type Version } from '../model/versions.ts';

/** A peering as the test's writes left it, or undefined: not yet created, or deleted. */
type State = SchemaPeering | undefined;

/** The states each of the test's peerings has passed through, oldest first (`api.history()`),
 * judged as the model's are (src/model/versions.ts). */
export class History {
  private readonly versions = new Map<string, Version<State>[]>();

  /** `settleMs`: how long after a write a read may still show the state before it. */
  constructor(readonly settleMs: number) {}

  created(peering: SchemaPeering): this {
    this.versions.set(peering.id, superseded([], [undefined, peering], Date.now()));
    return this;
  }

  /** An update, accept or reject, with the peering its answer gave. */
  changed(peering: SchemaPeering): this {
    return this.supersede(peering.id, peering);
  }

  /** A delete that answered 204: until it completes, the peering may still be shown DELETED. */
  deleted(id: string): this {
    const last = this.versionsOf(id).at(-1)!.peering;
    return last ? this.supersede(id, { ...last, status: 'DELETED' }, undefined) : this;
  }

  /** The IDs of the test's peerings, in the order of their creates. */
  ids(): string[] {
    return [...this.versions.keys()];
  }

  /** Judges a read of peering `id`: `explains` tells whether a state explains it. */
  judge(id: string, explains: (state: State) => boolean): Judged {
    const versions = this.versionsOf(id);
    return { ...judgeRead(versions, explains, Date.now(), this.settleMs), latest: versions.at(-1)!.peering };
  }

  /** The peering moves on to `states`, the last of them its latest. */
  private supersede(id: string, ...states: State[]): this {
    this.versions.set(id, superseded(this.versionsOf(id), states, Date.now()));
    return this;
  }

  private versionsOf(id: string): Version<State>[] {
    const versions = this.versions.get(id);
    if (!versions) throw new Error(`${id} is no peering of this test's history: record its create first`);
    return versions;
  }
}

/** Which state of its history explains a read, beside the latest the failure names. */
type Judged = Verdict<State> & { latest: State };

/** A read an older state explains: read again while that state is within the settle window, else
 * fail at once, saying how long before it was superseded. */
function olderOrStale(
  judged: Judged & { ago: number },
  { title, expected }: { title: string; expected: string },
  reply: Reply<unknown>,
  settleMs: number,
): never {
  if (judged.matches === 'older') olderState({ title, exchange: reply.exchange, expected });
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  fail(
    `${title}, ${seconds(judged.ago)} after this test's write moved it on: longer than the settle window of ${seconds(settleMs)}`,
    reply,
    expected,
  );
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
type ListedWhen = (peering: SchemaPeering) => boolean | undefined;

/**
 * Judges a list read after the test's writes: each of the test's peerings must be listed as its
 * latest state says (or left out), else as an older one still within the settle window (an
 * olderState), else the read fails at once. `listedWhen` says which states the query lists (every
 * one, by default); `who` names the list in failures, as "the accepter's list". Peerings the test
 * did not write are left to the test.
 */
export function expectListedAsWritten(
  history: History,
  { peerings, last }: { peerings: SchemaPeering[]; last: Reply<unknown> },
  { who, listedWhen = () => true }: { who: string; listedWhen?: ListedWhen },
): void {
  const listedIn = (state: State) => (state === undefined ? false : listedWhen(state));
  const explains = (listed: SchemaPeering | undefined) => (state: State) =>
    listed === undefined
      ? listedIn(state) !== true
      : listedIn(state) !== false && isDeepStrictEqual(listedView(listed), listedView(state!));
  let older: { judged: Judged & { ago: number }; title: string; expected: string } | undefined;
  for (const id of history.ids()) {
    const listed = peerings.find((p) => p.id === id);
    const judged = history.judge(id, explains(listed));
    if (judged.matches === 'latest') continue;
    const { latest } = judged;
    const expected = listedIn(latest) === false ? `a list without ${id}` : `a list with ${id} as ${shown(listedView(latest!))}`;
    if (judged.matches === 'none') {
      const asWritten = history.judge(id, (state) => state !== undefined && isDeepStrictEqual(listedView(listed!), listedView(state)));
      const title =
        asWritten.matches === 'none'
          ? `${who} shows ${id} as ${shown(listedView(listed!))}, which none of this test's writes left it as`
          : `${who} keeps ${id}, which it must leave out`;
      fail(title, last, expected);
    }
    const title =
      listed === undefined
        ? `${who} leaves out ${id}`
        : latest === undefined
          ? `${who} still lists the deleted ${id}`
          : `${who} shows ${id} as it was before this test's last write to it`;
    if (judged.matches === 'stale') olderOrStale(judged, { title, expected }, last, history.settleMs);
    older ??= { judged, title, expected };
  }
  if (older) olderOrStale(older.judged, older, last, history.settleMs);
}

/**
 * Judges a show, by `who`, of a peering the test has not deleted: it answers 200 with the latest
 * state's fields (all but updated_at), or with an older state's still within the settle window (an
 * olderState); anything else, DELETED included, fails at once.
 */
export function expectShownAsWritten(history: History, id: string, reply: Reply<SchemaPeeringResponse>, who: string): void {
  const asShown = stableFields(expectStatus(reply, 200, `${who}'s show of ${id} answered ${reply.status}`).peering);
  const judged = history.judge(id, (state) => state !== undefined && isDeepStrictEqual(asShown, stableFields(state)));
  if (judged.matches === 'latest') return;
  const latest = judged.latest;
  if (!latest) throw new Error(`${id} is no live peering of this test's history`);
  const title = `${who} is shown ${id} as it was before this test's last write to it`;
  if (judged.matches !== 'none') olderOrStale(judged, { title, expected: shown(stableFields(latest)) }, reply, history.settleMs);
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

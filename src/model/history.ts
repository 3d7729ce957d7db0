// The states the run's own writes passed each peering through, and reads judged against them by
// the one rule of src/model/versions.ts, as Jepsen's checkers judge reads against histories. A read that the latest state explains passes at
// once; one an older state superseded within the settle window explains is `olderState`, read
// again by the waiter; one no state explains, or one only a state superseded longer ago explains,
// fails at once, listing the states it was compared with. What a state explains is what
// `outcomes` allows a read of it: each peering of a list is judged against its own history, as a
// list may show one peering's latest write and not yet another's.
import type { RequirementId } from '../../generated/requirement-ids.ts';
import { isDeepStrictEqual } from 'node:util';
import type { SchemaPeering, SchemaPeeringResponse } from '../../generated/vpc-peering.ts';
import type { Reply } from '../http/client.ts';
import { olderState } from '../http/waiter.ts';
import { ConformanceFailure, type FailureDetails } from '../http/failure.ts';
import type { TenantRole } from '../document/target-file.ts';
import { checked } from '../suite/evidence.ts';
import { expectedListed, listedView, type Model, type ModelPeering } from './model.ts';
import { judgeRead, superseded, type Version } from './versions.ts';
import { judge, listBreaks, outcomes, type Decided, type ListFilter } from './outcomes.ts';

/** The states a peering passes through from `before` to `after`, `after` last: a create starts
 * from the peering not yet there, and a delete may show it DELETED while it completes. */
function passage(before: ModelPeering | undefined, after: ModelPeering): ModelPeering[] {
  if (!before) return [{ ...after, deleted: true }, after];
  if (isDeepStrictEqual(before, after)) return [];
  if (after.deleted && !before.deleted) return [{ ...before, status: 'DELETED' }, after];
  return [after];
}

/** The history after the peerings became `next`, each state it supersedes superseded `at` (when
 * the write that moved it was answered); `history` itself is left as it was. */
export function extended(
  history: ReadonlyMap<string, readonly Version<ModelPeering>[]>,
  next: readonly ModelPeering[],
  at: number,
): Map<string, Version<ModelPeering>[]> {
  const after = new Map([...history].map(([label, versions]) => [label, [...versions]]));
  for (const p of next) {
    const versions = after.get(p.label) ?? [];
    const states = passage(versions.at(-1)?.peering, p);
    if (states.length > 0) after.set(p.label, superseded(versions, states, at));
  }
  return after;
}

/** Moves the model on to `next`, its history keeping the states the peerings passed through. */
export function advance(model: Model, next: ModelPeering[], at: number): void {
  model.history = extended(model.history, next, at);
  model.peerings = next;
}

/** How a peering stood, one phrase. */
export const standing = (p: ModelPeering) => (p.deleted ? 'gone' : `${p.status} "${p.name}" "${p.description}"`);

const NO_CHOICES = { chosen: () => undefined };

/** Whether a read is what a state explains. */
type Fits = (state: ModelPeering) => boolean;

/** A show's reply, as the state of a peering explains it or not. */
const showFits =
  (viewer: TenantRole, reply: Reply<unknown>): Fits =>
  (state) =>
    !('unexplained' in judge(outcomes([state], { verb: 'show', label: state.label }, viewer), reply, NO_CHOICES));

/** What a list filtered by `filter` must show of a state (`must`), may show (`may`), or neither. */
function listingOf(viewer: TenantRole, filter: ListFilter | undefined, state: ModelPeering): 'must' | 'may' | 'not' {
  const { lists, mayList } = outcomes([state], { verb: 'list', ...(filter && { filter }) }, viewer).success as {
    lists: ModelPeering[];
    mayList: ModelPeering[];
  };
  return lists.length > 0 ? 'must' : mayList.length > 0 ? 'may' : 'not';
}

/** A list's entry for a peering (undefined: the list leaves it out), as the state explains it or not. */
const listFits =
  (viewer: TenantRole, filter: ListFilter | undefined, entry: SchemaPeering | undefined): Fits =>
  (state) => {
    const listing = listingOf(viewer, filter, state);
    if (!entry) return listing !== 'must';
    return listing !== 'not' && isDeepStrictEqual(expectedListed(state), listedView(entry));
  };

/** The states a read was compared with, newest first, for a failure's "Expected" line. */
function statesLine(versions: readonly Version<ModelPeering>[], now: number, shown: (state: ModelPeering) => string): string {
  return [...versions]
    .reverse()
    .map(({ peering, supersededAt }) =>
      supersededAt === undefined
        ? `${shown(peering)} (latest)`
        : `${shown(peering)} (until ${((now - supersededAt) / 1000).toFixed(1)} s ago)`,
    )
    .join('; ');
}

/** What a read showed of a peering, one phrase. */
const readLine = (reply: Reply<unknown>, shown: SchemaPeering | undefined) =>
  shown ? `${shown.status} "${shown.name}" "${shown.description ?? ''}"` : reply.status === 200 ? 'not listed' : `answered ${reply.status}`;

/** What a show that no state explains breaks, as the last write to the peering says. */
export interface ShowBlame {
  /** What the last write named; by default, what the latest state says such an answer breaks. */
  breaks?: RequirementId[];
  /** What a show of a state the last write that took effect superseded breaks, where that is not
   * `breaks` (a refused write since). */
  staleBreaks?: RequirementId[];
  /** The fields the write whose rule `breaks` names decides (`decidedBy`): a show that gives the
   * peering with those as the latest state has them, and gets another field wrong, breaks its own
   * rule, not the write's (an accept refused on an ACTIVE peering shown ACTIVE under a wrong name). */
  decides?: readonly Decided[];
}

/** A show of a peering by `viewer`, to judge against the peering's history. */
export function showRead(
  title: string,
  viewer: TenantRole,
  reply: Reply<unknown>,
  versions: readonly Version<ModelPeering>[],
  { breaks, staleBreaks, decides }: ShowBlame = {},
): Read {
  const latest = versions.at(-1)!.peering;
  const showOf = (state: ModelPeering) => outcomes([state], { verb: 'show', label: state.label }, viewer);
  const judged = judge(showOf(latest), reply, NO_CHOICES);
  const shown = reply.status === 200 ? (reply.data as SchemaPeeringResponse).peering : undefined;
  const own = 'unexplained' in judged ? (judged.unexplained.breaks ?? []) : [];
  // Shown at all where the latest state is, its decided fields as that state has them.
  const writeKept =
    decides !== undefined &&
    own.length > 0 &&
    typeof shown === 'object' &&
    shown !== null &&
    !latest.deleted &&
    decides.every((field) => (field === 'description' ? (shown.description ?? '') : shown[field]) === latest[field]);
  return {
    title,
    reply,
    seen: readLine(reply, shown),
    breaks: breaks && !writeKept ? breaks : own,
    ...(staleBreaks && { staleBreaks }),
    versions,
    fits: showFits(viewer, reply),
    shown: (state) => {
      const { refusal } = showOf(state);
      return refusal.legal ? `refused (${refusal.codes.join(', ')})` : standing(state);
    },
  };
}

/** A list's entry for a peering (undefined when the list leaves it out), to judge against the
 * peering's history. */
export function listRead(
  title: string,
  viewer: TenantRole,
  reply: Reply<unknown>,
  entry: SchemaPeering | undefined,
  versions: readonly Version<ModelPeering>[],
  filter?: ListFilter,
): Read {
  const latest = versions.at(-1)!.peering;
  const shown = { must: standing, may: (state: ModelPeering) => `${standing(state)}, or not listed`, not: () => 'not listed' };
  return {
    title,
    reply,
    seen: readLine(reply, entry),
    breaks: listBreaks(latest, viewer, entry !== undefined, filter),
    versions,
    fits: listFits(viewer, filter, entry),
    shown: (state) => shown[listingOf(viewer, filter, state)](state),
  };
}

/** A read of one peering: who read, its reply, what it showed of the peering, and what it breaks
 * when no state explains it. */
export interface Read {
  title: string;
  reply: Reply<unknown>;
  seen: string;
  breaks: RequirementId[];
  /** What it breaks when it shows a state a write superseded, if not `breaks`: a refused write
   * changes nothing, so a read still showing what came before an earlier write breaks that write's
   * rule, not the refusal's. */
  staleBreaks?: RequirementId[];
  versions: readonly Version<ModelPeering>[];
  fits: Fits;
  /** What the read should show of a state: `standing`, `refused`, `not listed`. */
  shown: (state: ModelPeering) => string;
}

export type ReadsVerdict = { matches: 'latest' } | { matches: 'older' | 'wrong'; read: Read; details: FailureDetails };

/** Reads judged together (the shows after a write, the peerings of one list): the latest state
 * explains each; or an older one within the window explains some, the latest the rest; or one is
 * explained by no state, or only by one superseded longer ago than the window: wrong. */
export function judgeReads(reads: readonly Read[], settleMs: number): ReadsVerdict {
  const now = Date.now();
  const judged = reads.map((read) => ({ read, verdict: judgeRead(read.versions, read.fits, now, settleMs) }));
  const wrong = judged.find(({ verdict }) => verdict.matches === 'none' || verdict.matches === 'stale');
  const { read, verdict } = wrong ?? judged.find(({ verdict }) => verdict.matches === 'older') ?? {};
  if (!read || !verdict || verdict.matches === 'latest') return { matches: 'latest' };
  const latest = read.versions.at(-1)!.peering;
  const shows = `${read.title} shows ${latest.label} ${read.seen}`;
  const title =
    verdict.matches === 'older'
      ? `${shows}, as it stood before, not ${read.shown(latest)}`
      : verdict.matches === 'stale'
        ? `${shows}, as it stood ${(verdict.ago / 1000).toFixed(1)} s ago, longer than the settle window`
        : `${shows}, which no write left it as`;
  // A state before the peering was there is no write's effect left unseen: a refusal's rule judges it.
  const stale = verdict.matches !== 'none' && !verdict.state.deleted;
  const breaks = stale && read.staleBreaks ? read.staleBreaks : read.breaks;
  const details = { title, breaks, exchange: read.reply.exchange, expected: statesLine(read.versions, now, read.shown) };
  return { matches: verdict.matches === 'older' ? 'older' : 'wrong', read, details };
}

/** Passes when the latest states explain the reads, reads again (`olderState`) while older ones
 * within the window do, and fails at once otherwise. */
export function expectReads(reads: readonly Read[], settleMs: number): void {
  const verdict = judgeReads(reads, settleMs);
  if (verdict.matches === 'older') olderState(verdict.details);
  checked(verdict.matches === 'wrong' ? verdict.details.breaks : [...new Set(reads.flatMap((read) => read.breaks))]);
  if (verdict.matches === 'wrong') throw new ConformanceFailure(verdict.details);
}

// The one rule a read is judged by against a history of states: the lifecycle model, the race
// checker and the contract tests (src/suite/test-model.ts) all keep the model's peerings, passed
// through the states the model's outcomes give (src/model/history.ts). Each state carries when the write that moved
// the peering on from it was answered, and a read is judged by the newest state that explains it,
// as Jepsen's checkers judge reads: the latest passes at once, an older one superseded within the
// settle window may still be shown by a cloud that lags, and one superseded longer ago, or none at
// all, cannot be.

/** One state of a peering, as its keeper represents it, and when a later write superseded it. */
export interface Version<S> {
  peering: S;
  /** Date.now() when the write that superseded it was answered; undefined for the latest. */
  supersededAt?: number;
}

/** The versions after a write answered `at` moved the peering through `states`, the last of them
 * its latest: every state before it was superseded `at`. `versions` itself is left as it was. */
export function superseded<S>(versions: readonly Version<S>[], states: readonly S[], at: number): Version<S>[] {
  const latest = versions.at(-1);
  return [
    ...versions.slice(0, -1),
    ...(latest ? [{ ...latest, supersededAt: at }] : []),
    ...states.map((peering, i) => ({ peering, ...(i < states.length - 1 && { supersededAt: at }) })),
  ];
}

/** Which state explains a read: the latest, an older one superseded `ago` ms before (within the
 * settle window, or `stale`, longer ago), or none. */
export type Verdict<S> = { matches: 'latest' } | { matches: 'older' | 'stale'; state: S; ago: number } | { matches: 'none' };

/** Judges a read by the newest state of `versions` that `fits` it. */
export function judgeRead<S>(versions: readonly Version<S>[], fits: (state: S) => boolean, now: number, settleMs: number): Verdict<S> {
  for (let i = versions.length - 1; i >= 0; i--) {
    const { peering, supersededAt } = versions[i]!;
    if (!fits(peering)) continue;
    if (supersededAt === undefined) return { matches: 'latest' };
    const ago = now - supersededAt;
    return { matches: ago < settleMs ? 'older' : 'stale', state: peering, ago };
  }
  return { matches: 'none' };
}

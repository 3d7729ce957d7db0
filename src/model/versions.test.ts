// The one rule a read is judged by, on states of any shape: a write supersedes every state before
// its last, at the moment it was answered, and a read is judged by the newest state that fits it.
import { describe, expect, it } from 'vitest';
import { judgeRead, superseded } from './versions.ts';

const SETTLE_MS = 1_000;

describe('superseded', () => {
  it('marks the latest and every state but the last of a write superseded when the write was answered', () => {
    const created = superseded<string | undefined>([], [undefined, 'pending'], 10);
    expect(created).toEqual([{ peering: undefined, supersededAt: 10 }, { peering: 'pending' }]);
    expect(superseded(created, ['DELETED', undefined], 20)).toEqual([
      { peering: undefined, supersededAt: 10 },
      { peering: 'pending', supersededAt: 20 },
      { peering: 'DELETED', supersededAt: 20 },
      { peering: undefined },
    ]);
    expect(created).toEqual([{ peering: undefined, supersededAt: 10 }, { peering: 'pending' }]);
  });
});

describe('judgeRead', () => {
  const versions = superseded(superseded([], ['a'], 0), ['b'], 500);
  const reading = (seen: string) => (state: string) => state === seen;

  it('gives the latest, an older state within the window, a stale one, or none', () => {
    expect(judgeRead(versions, reading('b'), 5_000, SETTLE_MS)).toEqual({ matches: 'latest' });
    expect(judgeRead(versions, reading('a'), 1_499, SETTLE_MS)).toEqual({ matches: 'older', state: 'a', ago: 999 });
    expect(judgeRead(versions, reading('a'), 1_500, SETTLE_MS)).toEqual({ matches: 'stale', state: 'a', ago: 1_000 });
    expect(judgeRead(versions, reading('c'), 600, SETTLE_MS)).toEqual({ matches: 'none' });
  });

  it('judges by the newest state that fits, when several do', () => {
    const again = superseded(versions, ['a'], 900);
    expect(judgeRead(again, reading('a'), 5_000, SETTLE_MS)).toEqual({ matches: 'latest' });
    expect(judgeRead(superseded(again, ['c'], 1_000), reading('a'), 1_100, SETTLE_MS)).toMatchObject({ matches: 'older', ago: 100 });
  });
});

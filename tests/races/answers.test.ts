import fc from 'fast-check';
import { describe, test } from '../../src/suite/api.ts';
import { holds } from '../../src/suite/property.ts';
import { raceBatch, type Move } from '../../src/model/batch.ts';
import { arena } from './arena.ts';

describe('races: answers to one request', () => {
  /**
   * PEER-RACE-002 (MUST) - create and accept pages, "Function": the peer tenant accepts, or
   * refuses and the connection "cannot be created". A pending request answered by an accept and a
   * reject (and up to three more of either) sent together by the tenant awaited ends ACTIVE or
   * REJECTED for both parties, and only answers agreeing with that succeed. An answer that only
   * repeats the one that won is still refused, as PEER-ACCEPT-004 and PEER-REJECT-004 (SHOULD)
   * refuse answering a request no longer pending; a server that answers it 200 breaks those, not
   * the race.
   */
  test(
    'accepts and rejects sent together settle a pending request one way',
    { tags: ['PEER-RACE-002', 'PEER-ACCEPT-004', 'PEER-REJECT-004'] },
    async ({ api }) => {
      const scene = await arena(api, 'answers', ['cross']);
      const verbs = fc
        .array(fc.constantFrom<'accept' | 'reject'>('accept', 'reject'), { maxLength: 3 })
        .chain((more) => fc.shuffledSubarray(['accept', 'reject', ...more] as const, { minLength: more.length + 2 }));
      await holds(api, [verbs], async (sent) => {
        const { model, real } = await scene('cross');
        await raceBatch(
          model,
          real,
          sent.map((verb): Move => ({ verb, pick: 0, relation: 'awaited' })),
        );
      });
    },
  );
});

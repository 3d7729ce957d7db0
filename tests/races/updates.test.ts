import fc from 'fast-check';
import { describe, test } from '../../src/suite/api.ts';
import { holds } from '../../src/suite/property.ts';
import { raceBatch, type Move } from '../../src/model/batch.ts';
import { arena, pairKind } from './arena.ts';

describe('races: updates of one peering', () => {
  /**
   * PEER-RACE-004 (MUST) - update page, Table 2: "only the VPC peering connection name and
   * description can be updated". Two to four updates of one peering sent together by its parties
   * each answer with the fields they set, and leave the peering as some order of them would.
   */
  test('updates sent together leave the peering as some order of them would', { tags: ['PEER-RACE-004'] }, async ({ api }) => {
    const scene = await arena(api, 'updates', ['same', 'cross']);
    const update = fc
      .tuple(
        fc.constantFrom<'requesting' | 'awaited'>('requesting', 'awaited'),
        fc.option(fc.constantFrom('x', 'y'), { nil: undefined }),
        fc.constantFrom('blue', 'green link', ''),
      )
      .map(([relation, tail, description]): Move => ({
        verb: 'update',
        pick: 0,
        relation,
        changes: { ...(tail !== undefined && { tail }), description },
      }));
    await holds(api, [pairKind, fc.array(update, { minLength: 2, maxLength: 4 })], async (pairKind, sent) => {
      const { model, real } = await scene(pairKind);
      await raceBatch(model, real, sent);
    });
  });
});

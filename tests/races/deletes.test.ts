import fc from 'fast-check';
import { describe, test } from '../../src/suite/api.ts';
import { holds } from '../../src/suite/property.ts';
import { raceBatch, type Move } from '../../src/model/batch.ts';
import { arena, pairKind } from './arena.ts';

describe('races: deletes of one peering', () => {
  /**
   * PEER-RACE-003 (MUST) - user guide, "Deleting a VPC Peering Connection": a deleted connection
   * is gone, all its information with it. Two to four deletes of one peering sent together by its
   * parties leave it gone; at most one answers 204, unless the server answers a repeated delete
   * 204 too (SILENCE-016).
   */
  test(
    'deletes sent together leave nothing, and only an idempotent server answers 204 twice',
    { tags: ['PEER-RACE-003'] },
    async ({ api }) => {
      const scene = await arena(api, 'deletes', ['same', 'cross']);
      const by = fc.array(fc.constantFrom<'requesting' | 'awaited'>('requesting', 'awaited'), { minLength: 2, maxLength: 4 });
      await holds(api, [pairKind, by], async (pairKind, parties) => {
        const { model, real } = await scene(pairKind);
        await raceBatch(
          model,
          real,
          parties.map((relation): Move => ({ verb: 'delete', pick: 0, relation })),
        );
      });
    },
  );
});

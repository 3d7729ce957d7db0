import fc from 'fast-check';
import { describe, test } from '../../src/suite/api.ts';
import { holds } from '../../src/suite/property.ts';
import { raceBatch, type Move } from '../../src/model/batch.ts';
import { arena, pairKind } from './arena.ts';

describe('races: creates on one pair', () => {
  /**
   * PEER-RACE-001 (MUST) - user guide, "Notes and Constraints": "Only one VPC peering connection
   * can be created between two VPCs at the same time." Two to five creates on one free pair, sent
   * together by either party in either direction: one is created, the rest are refused with any
   * allowed code, and the pair ends with exactly that peering.
   */
  test('creates sent together on one VPC pair make exactly one peering', { tags: ['PEER-RACE-001'] }, async ({ api }) => {
    const scene = await arena(api, 'creates', ['same', 'cross']);
    const creates = fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c')), { minLength: 2, maxLength: 5 });
    await holds(api, [pairKind, creates], async (pairKind, sent) => {
      const { model, real } = await scene();
      await raceBatch(
        model,
        real,
        sent.map(([reversed, tail]): Move => ({ verb: 'create', kind: pairKind, pairAt: 0, reversed, tail })),
      );
    });
  });
});

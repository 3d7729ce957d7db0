// Races: each test sends a batch of requests together, on one leased pair or one peering, and
// checks that some order of the batch explains every answer and the state it leaves
// (tests/lifecycle/batch.ts). A server whose check and write are two steps ("is the pair free?",
// then insert) lets requests sent together both pass the check; requests sent one after another
// never can show that. Each test is a property: the profile sets how many batches it sends.
import fc from 'fast-check';
import { serverChoices } from '../support/choices.ts';
import { describe, test, type Api } from '../support/conformance.ts';
import type { PairKind } from '../support/leases.ts';
import { holds } from '../support/property.ts';
import { raceBatch, type Move } from '../lifecycle/batch.ts';
import { Create } from '../lifecycle/commands.ts';
import { emptyModel, type Model, type Real } from '../lifecycle/model.ts';
import { realOf } from '../lifecycle/real.ts';

/** A same-project and a cross-project pair for the whole test, and for each batch a fresh model
 * whose names carry the batch's own prefix, so that a list still lagging behind the last batch's
 * cleanup does not show its peerings as this one's. */
async function arena(api: Api): Promise<(setUp?: PairKind) => Promise<{ model: Model; real: Real }>> {
  const pairs = [{ label: 'same-1', pair: await api.lease('same') }, { label: 'cross-1', pair: await api.lease('cross') }];
  const { roles, real } = realOf(api);
  let batch = 0;
  return async (setUp) => {
    const model = emptyModel(roles, pairs, api.name(`race${++batch}-`), serverChoices);
    // The peering the batch races over, made by one sequential create the lifecycle judges.
    if (setUp) await new Create(setUp, 0, false, 'a', undefined).run(model, real);
    return { model, real };
  };
}

const kind = fc.constantFrom<PairKind>('same', 'cross');

describe('races', () => {
  /**
   * PEER-RACE-001 (MUST) - user guide, "Notes and Constraints": "Only one VPC peering connection
   * can be created between two VPCs at the same time." Two to five creates on one free pair, sent
   * together by either party in either direction: one is created, the rest are refused with any
   * allowed code, and the pair ends with exactly that peering.
   */
  test('PEER-RACE-001 creates sent together on one VPC pair make exactly one peering', async ({ api }) => {
    const scene = await arena(api);
    const creates = fc.array(fc.tuple(fc.boolean(), fc.constantFrom('a', 'b', 'c')), { minLength: 2, maxLength: 5 });
    await holds(api, [kind, creates], async (pairKind, sent) => {
      const { model, real } = await scene();
      await raceBatch(model, real, sent.map(([reversed, tail]): Move => ({ verb: 'create', kind: pairKind, pairAt: 0, reversed, tail })));
    });
  });

  /**
   * PEER-RACE-002 (MUST) - create and accept pages, "Function": the peer tenant accepts, or
   * refuses and the connection "cannot be created". A pending request answered by an accept and a
   * reject (and up to three more of either) sent together by the tenant awaited ends ACTIVE or
   * REJECTED for both parties, and only answers agreeing with that succeed.
   */
  test('PEER-RACE-002 accepts and rejects sent together settle a pending request one way', async ({ api }) => {
    const scene = await arena(api);
    const verbs = fc.array(fc.constantFrom<'accept' | 'reject'>('accept', 'reject'), { maxLength: 3 })
      .chain((more) => fc.shuffledSubarray(['accept', 'reject', ...more] as const, { minLength: more.length + 2 }));
    await holds(api, [verbs], async (sent) => {
      const { model, real } = await scene('cross');
      await raceBatch(model, real, sent.map((verb): Move => ({ verb, pick: 0, relation: 'awaited' })));
    });
  });

  /**
   * PEER-RACE-003 (MUST) - user guide, "Deleting a VPC Peering Connection": a deleted connection
   * is gone, all its information with it. Two to four deletes of one peering sent together by its
   * parties leave it gone; at most one answers 204, unless the server answers a repeated delete
   * 204 too (SILENCE-016).
   */
  test('PEER-RACE-003 deletes sent together leave nothing, and only an idempotent server answers 204 twice', async ({ api }) => {
    const scene = await arena(api);
    const by = fc.array(fc.constantFrom<'requesting' | 'awaited'>('requesting', 'awaited'), { minLength: 2, maxLength: 4 });
    await holds(api, [kind, by], async (pairKind, parties) => {
      const { model, real } = await scene(pairKind);
      await raceBatch(model, real, parties.map((relation): Move => ({ verb: 'delete', pick: 0, relation })));
    });
  });

  /**
   * PEER-RACE-004 (MUST) - update page, Table 2: "only the VPC peering connection name and
   * description can be updated". Two to four updates of one peering sent together by its parties
   * each answer with the fields they set, and leave the peering as some order of them would.
   */
  test('PEER-RACE-004 updates sent together leave the peering as some order of them would', async ({ api }) => {
    const scene = await arena(api);
    const update = fc.tuple(fc.constantFrom<'requesting' | 'awaited'>('requesting', 'awaited'), fc.option(fc.constantFrom('x', 'y'), { nil: undefined }), fc.constantFrom('blue', 'green link', ''))
      .map(([relation, tail, description]): Move => ({ verb: 'update', pick: 0, relation, changes: { ...(tail !== undefined && { tail }), description } }));
    await holds(api, [kind, fc.array(update, { minLength: 2, maxLength: 4 })], async (pairKind, sent) => {
      const { model, real } = await scene(pairKind);
      await raceBatch(model, real, sent);
    });
  });
});

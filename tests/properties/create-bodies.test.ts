// Valid and invalid create bodies over the whole space the create page describes: each valid
// one accepted, each invalid one (a valid one with one named rule broken) refused, leaving
// nothing behind.
import fc from 'fast-check';
import { BROKEN_RULES, validBody, validFields } from '../arbitraries/create-bodies.ts';
import { describe, NAME_PREFIX, test } from '../../src/suite/api.ts';
import { expectRefused, expectStatus, expectThat } from '../../src/suite/expect.ts';
import { wholeList } from '../../src/suite/api.ts';
import { holds } from '../../src/suite/property.ts';
import { TestModel } from '../../src/suite/test-model.ts';
import type { SchemaPeering } from '../../generated/vpc-peering.ts';
import type { VpcPair } from '../../src/suite/api.ts';

describe('create: any body', () => {
  /**
   * PEER-CREATE-001, PEER-CREATE-013 (MUST) - create page, Tables 2 and 3: a body that keeps
   * every rule is accepted, on a same- or a cross-project pair.
   */
  test('accepts every valid body', { tags: ['PEER-CREATE-001', 'PEER-CREATE-013'] }, async ({ api }) => {
    const pairs = { same: await api.lease('same'), cross: await api.lease('cross') };
    await holds(api, [fc.constantFrom('same', 'cross' as const), validFields(NAME_PREFIX)], async (kind, fields) => {
      const reply = await api.requester.create(validBody(pairs[kind], fields));
      // A same-project body has no tenant_id: refused, it breaks PEER-CREATE-013 as stated, whatever the reason given.
      expectStatus(reply, 201, `a valid ${kind}-project body was refused`, kind === 'same' ? ['PEER-CREATE-013'] : undefined);
    });
  });

  /**
   * PEER-CREATE-021 (SHOULD) - create page, "Function": a refused create leaves no peering behind.
   * Each body breaks one rule; the refusal must be the one its requirement allows, and afterwards
   * no peering may connect the VPCs it named.
   */
  test('refuses every body that breaks one rule, and creates nothing', { tags: ['PEER-CREATE-021'] }, async ({ api }) => {
    const pairs = { same: await api.lease('same'), cross: await api.lease('cross') };
    const cases = fc
      .constantFrom(...BROKEN_RULES)
      .chain((rule) =>
        fc.tuple(fc.constant(rule), rule.on ? fc.constant(rule.on) : fc.constantFrom('same', 'cross' as const), validFields(NAME_PREFIX)),
      );
    const between = (pair: VpcPair, peerings: SchemaPeering[]) =>
      peerings
        .filter((p) =>
          [p.request_vpc_info.vpc_id, p.accept_vpc_info.vpc_id].every((vpc) => vpc === pair.requestVpc || vpc === pair.acceptVpc),
        )
        .map((p) => p.id);
    const onEitherPair = (peerings: SchemaPeering[]) => [pairs.same, pairs.cross].flatMap((pair) => between(pair, peerings));
    const atStart = new Set(onEitherPair((await wholeList(api.requester)).peerings));
    await holds(api, [cases], async ([rule, kind, fields]) => {
      const pair = pairs[kind];
      // Only what appears during this run counts, so a failure names the rule that caused it.
      const before = new Set(between(pair, (await wholeList(api.requester)).peerings));
      const body = rule.apply(validBody(pair, fields).peering, pair, api.tenants);
      expectRefused(await api.requester.createRaw(body), rule.refusedUnder);
      const listed = await wholeList(api.requester);
      const left = between(pair, listed.peerings).filter((id) => !before.has(id));
      expectThat(
        left.length === 0,
        `a create refused for ${rule.reason} left ${left.join(', ')} behind`,
        listed.last,
        'no new peering between the two VPCs',
      );
    });
    // A list that lags behind the writes shows what a refused create left only later. Once it
    // lists a peering created after the last case, it has caught up with every case.
    const model = new TestModel(api);
    const caughtUp = await model.create('requester', pairs.same, { name: api.name('caught-up') });
    await api.settled(async () => {
      const listed = await wholeList(api.requester);
      model.expectList('requester', listed);
      const left = onEitherPair(listed.peerings).filter((id) => id !== caughtUp.id && !atStart.has(id));
      expectThat(
        left.length === 0,
        `the refused creates left ${left.join(', ')} behind, listed once the list caught up`,
        listed.last,
        'no new peering between the VPCs of either pair',
      );
    });
  });
});

// The two VPC references of a create: their format, and which project's ID the peer side
// must carry, over every combination of pair and tenant_id.
import fc from 'fast-check';
import { malformedVpcId } from '../arbitraries/vpc-ids.ts';
import { peeringBetween } from '../../src/suite/bodies.ts';
import { expectEmptyTenantAnswered } from '../../src/model/allowed.ts';
import { serverChoices } from '../../src/model/choices.ts';
import { describe, test } from '../../src/suite/api.ts';
import { expectRefused, expectStatus } from '../../src/suite/expect.ts';
import { holds } from '../../src/suite/property.ts';

describe('create: VPC references', () => {
  /**
   * PEER-CREATE-010 (MUST) - family, "Request constraints": a vpc_id that is not a UUID is refused.
   * Each is the side's own VPC ID made malformed: a random one could be refused only for naming no
   * VPC, whatever the server makes of its format.
   */
  test('refuses a vpc_id that is not a UUID, on either side', { tags: ['PEER-CREATE-010'] }, async ({ api }) => {
    const pair = await api.lease('same');
    const sides = { request_vpc_info: pair.requestVpc, accept_vpc_info: pair.acceptVpc };
    const malformed = fc
      .constantFrom('request_vpc_info', 'accept_vpc_info')
      .chain((side) => fc.tuple(fc.constant(side), malformedVpcId(sides[side])));
    await holds(api, [malformed], async ([side, bad]) => {
      const body = peeringBetween(pair, { name: api.name('malformed') });
      body.peering[side] = { vpc_id: bad.value };
      expectRefused(await api.requester.createRaw(body), 'PEER-CREATE-010');
    });
  });

  /**
   * PEER-CREATE-011, PEER-CREATE-012, PEER-CREATE-013 (MUST) - create page, Table 3: the peer's
   * tenant_id may be left out for the caller's own VPC, must be given for another project's, and
   * when given must be the project that owns the peer VPC. An empty one is left open
   * (SILENCE-002): refused, or taken as not given, which for another project's VPC is refused too.
   */
  test(
    'succeeds exactly when the peer tenant_id is right or rightly absent',
    { tags: ['PEER-CREATE-011', 'PEER-CREATE-012', 'PEER-CREATE-013'] },
    async ({ api }) => {
      const pairs = { same: await api.lease('same'), cross: await api.lease('cross') };
      const { requester, accepter } = api.tenants;
      const choices = {
        absent: undefined,
        empty: '',
        requester: requester.projectId,
        accepter: accepter.projectId,
        unknown: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      };
      await holds(
        api,
        [fc.constantFrom('same', 'cross' as const), fc.constantFrom(...(Object.keys(choices) as (keyof typeof choices)[]))],
        async (kind, choice) => {
          const pair = pairs[kind];
          const tenantId = choices[choice];
          const body = peeringBetween(pair, { name: api.name(`tenant-${choice}`) });
          body.peering.accept_vpc_info = { vpc_id: pair.acceptVpc, ...(tenantId !== undefined && { tenant_id: tenantId }) };
          const reply = await api.requester.createRaw(body);
          const owner = pair.acceptTenant.projectId;
          if (tenantId === '') expectEmptyTenantAnswered(reply, kind, serverChoices);
          else if (tenantId === undefined && kind === 'same')
            expectStatus(reply, 201, 'a same-project create without a tenant_id was refused', ['PEER-CREATE-013']);
          else if (tenantId === owner) expectStatus(reply, 201, `a ${kind}-project create with the ${choice} tenant_id was refused`);
          else expectRefused(reply, tenantId === undefined ? 'PEER-CREATE-011' : 'PEER-CREATE-012');
        },
      );
    },
  );
});

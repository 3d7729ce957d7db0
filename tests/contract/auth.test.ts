// Authentication: every operation needs a token the server issued. Refusals come from the API
// gateway, with its own body ({"error_msg", "error_code"}, or the VPC appendix's), not Neutron's.
import { randomUUID } from 'node:crypto';
import type { SchemaCreatePeeringRequest } from '../../generated/vpc-peering.ts';
import { expectUnauthorizedBody } from '../../src/model/allowed.ts';
import { peeringBetween } from '../../src/suite/bodies.ts';
import type { PeeringClient, Reply } from '../../src/suite/api.ts';
import { describe, test, type Api } from '../../src/suite/api.ts';
import { expectEqual, expectRefused, expectStatus } from '../../src/suite/expect.ts';
import { expectRemains } from '../../src/suite/history.ts';

/** One call of each of the seven operations, on the peering `id`; the create asks for `body`. */
function everyOperation(body: SchemaCreatePeeringRequest, id: string): ((client: PeeringClient) => Promise<Reply<unknown>>)[] {
  return [
    (client) => client.create(body),
    (client) => client.list(),
    (client) => client.show(id),
    (client) => client.update(id, { peering: { description: 'changed by a caller the server must refuse' } }),
    (client) => client.accept(id),
    (client) => client.reject(id),
    (client) => client.delete(id),
  ];
}

/** The parties to a cross-project peering, who must each still show and list it after a refused call. */
const BOTH = ['requester', 'accepter'] as const;

/** A cross-project request of the test's own, PENDING_ACCEPTANCE, so that accept and reject could act on it. */
async function pendingPeering(api: Api, tail: string) {
  const pair = await api.lease('cross');
  const body = peeringBetween(pair, { name: api.name(tail) });
  return { body, peering: expectStatus(await api.requester.create(body), 201).peering };
}

describe('authentication', () => {
  /**
   * PEER-AUTH-001 (MUST) - family, "Authentication"; "Errors": every operation called without
   * credentials answers 401.
   */
  test('every operation called without a token answers 401, and the peering survives', { tags: ['PEER-AUTH-001'] }, async ({ api }) => {
    const { body, peering } = await pendingPeering(api, 'no-token');
    for (const call of everyOperation(body, peering.id)) expectStatus(await call(api.anonymous), 401);
    await expectRemains(api, api.history(peering), peering.id, { parties: BOTH, after: 'after every operation without a token' });
  });

  /**
   * PEER-AUTH-002 (MUST) - family, "Authentication"; "Errors": every operation called with a token
   * the server does not know answers 401.
   */
  test(
    'every operation called with a token never issued answers 401, and the peering is untouched',
    { tags: ['PEER-AUTH-002'] },
    async ({ api }) => {
      const { body, peering } = await pendingPeering(api, 'unknown-token');
      for (const call of everyOperation(body, peering.id)) expectStatus(await call(api.stranger), 401);
      await expectRemains(api, api.history(peering), peering.id, { parties: BOTH, after: 'after every operation with an unknown token' });
    },
  );

  /**
   * PEER-AUTH-003 (MUST) - a 401 carries the API gateway's body, with `error_msg` and
   * `error_code`, or the VPC error appendix's, with `code` and `message` (SILENCE-020).
   */
  test('a 401 carries the gateway body, or the VPC error body', { tags: ['PEER-AUTH-003'] }, async ({ api }) => {
    // Refused before any VPC or peering is looked up, so random IDs serve and no pair is leased.
    const body = {
      peering: { name: api.name('gateway'), request_vpc_info: { vpc_id: randomUUID() }, accept_vpc_info: { vpc_id: randomUUID() } },
    };
    // Unvalidated: the body's shape is this test's own check, not the client's.
    for (const call of everyOperation(body, randomUUID())) {
      const reply = await call(api.unvalidated.anonymous);
      expectStatus(reply, 401);
      expectUnauthorizedBody(reply);
    }
  });

  /**
   * PEER-AUTH-004 (MAY), PEER-AUTH-005 (SHOULD) - family, "Authentication": a server may take AK/SK
   * signed requests in place of a token; one that does refuses a forged signature with 401 and
   * does nothing it asked (no public source gives the code). Checked where the target gives AK/SK
   * credentials.
   */
  test(
    "a request signed with the tenant's AK/SK is served as that tenant; a forged signature gets 401",
    { tags: ['PEER-AUTH-004', 'PEER-AUTH-005'] },
    async ({ api }) => {
      const signed = api.signed('requester');
      const pair = await api.lease('same');
      const created = expectStatus(await signed.create(peeringBetween(pair, { name: api.name('signed') })), 201).peering;
      const shown = await signed.show(created.id);
      expectEqual(
        expectStatus(shown, 200).peering.request_vpc_info.tenant_id ?? api.tenants.requester.projectId,
        api.tenants.requester.projectId,
        'a signed create was served as another project',
        shown,
      );
      const forged = api.signed('requester', { sk: 'not-the-secret-key' });
      for (const call of everyOperation(peeringBetween(pair, { name: api.name('forged') }), created.id)) {
        expectRefused(await call(forged), 'PEER-AUTH-005');
      }
      // A same-project peering: the requester's project is its only party.
      await expectRemains(api, api.history(created), created.id, {
        parties: ['requester'],
        after: 'after every operation with a forged signature',
      });
    },
  );
});

// The answers the spec allows where it is silent, as judgements the conformance tests make and
// the self-tests prove against servers that choose differently (src/model/silences.test.ts).
// Each accepts every choice its silence lists, records which one the server made, and fails an
// answer no choice explains.
import type { SchemaPeeringList } from '../../generated/vpc-peering.ts';
import type { ServerChoices } from './choices.ts';
import type { Reply } from '../http/client.ts';
import { expectEqual, expectRefused, expectStatus, expectThat } from '../suite/expect.ts';
import { isJsonMediaType, satisfies } from '../suite/schemas.ts';
import type { PairKind } from '../run/leases.ts';

const isErrorBody = satisfies('ErrorBody');
const isUnauthorizedBody = satisfies('UnauthorizedBody');

/** A create whose peer `tenant_id` is "" (SILENCE-002): refused, or taken as not given, which
 * across projects is refused too (PEER-CREATE-011). */
export function expectEmptyTenantAnswered(reply: Reply<unknown>, kind: PairKind, choices: ServerChoices): void {
  if (kind === 'cross') return expectRefused(reply, 'PEER-CREATE-011', 'PEER-CREATE-012');
  if (reply.status === 201) return choices.hold('SILENCE-002', 'absent', reply, 'accept-side');
  expectRefused(reply, 'PEER-CREATE-012');
  choices.hold('SILENCE-002', 'refused', reply, 'accept-side');
}

/** A list after a marker naming a peering the caller cannot see (SILENCE-004): refused as an
 * invalid marker, or a list that shows nothing of that peering (PEER-LIST-003). */
export function expectUnseenMarkerAnswered(reply: Reply<SchemaPeeringList>, unseenId: string, choices: ServerChoices): void {
  if (reply.status !== 200) {
    expectRefused(reply, 'PEER-LIST-008');
    return choices.hold('SILENCE-004', 'refused', reply);
  }
  choices.hold('SILENCE-004', 'position', reply);
  const listed = expectStatus(reply, 200).peerings.map((p) => p.id);
  expectThat(
    !listed.includes(unseenId),
    `the list after marker ${unseenId} shows that peering, which is not the caller's`,
    reply,
    `a list without ${unseenId}`,
  );
}

/** A list after a well-formed marker naming no peering at all (SILENCE-021): refused with 400, the one
 * code the pagination page gives an invalid marker, or a list of the caller's peerings after that
 * place in the order of IDs. */
export function expectUnknownMarkerAnswered(reply: Reply<SchemaPeeringList>, marker: string, choices: ServerChoices): void {
  if (reply.status !== 200) {
    expectRefused(reply, 'PEER-LIST-008');
    return choices.hold('SILENCE-021', 'refused', reply);
  }
  choices.hold('SILENCE-021', 'position', reply);
  const before = expectStatus(reply, 200).peerings.filter((p) => p.id.toLowerCase() <= marker.toLowerCase());
  expectThat(
    before.length === 0,
    `the list after marker ${marker}, taken as a place in the order of IDs, shows ${before.map((p) => p.id).join(', ')} before it`,
    reply,
    `only peerings whose id sorts after ${marker}`,
    ['PEER-LIST-008'],
  );
}

/** A list filtered by a value no peering can have (SILENCE-006): refused with 400, or empty. The
 * choice is held per filter: `status` outside the five, or `name` too long. */
export function expectUnmatchableFilterAnswered(
  reply: Reply<SchemaPeeringList>,
  query: { status: string } | { name: string },
  choices: ServerChoices,
): void {
  const within = 'status' in query ? 'status' : 'name';
  if (reply.status !== 200) {
    expectRefused(reply, 'PEER-LIST-009');
    return choices.hold('SILENCE-006', 'refused', reply, within);
  }
  choices.hold('SILENCE-006', 'empty', reply, within);
  expectEqual(
    expectStatus(reply, 200).peerings.map((p) => p.id),
    [],
    `the list filtered by ${JSON.stringify(query)}, which no peering can have, is not empty`,
    reply,
  );
}

/** A refusal's body (SILENCE-019): JSON, and Neutron's `{"NeutronError": {"message", "type"}}` or
 * the VPC error appendix's `{"code", "message"}`, as the document's ErrorBody schema gives them. */
export function expectErrorBody(reply: Reply<unknown>): void {
  const { operationId, contentType } = reply.exchange;
  expectThat(
    isJsonMediaType(contentType) && isErrorBody(reply.error),
    `${operationId} answered ${reply.status} with neither the Neutron nor the VPC error body in JSON`,
    reply,
    'application/json: {"NeutronError": {"message": "...", "type": "..."}} or {"code": "...", "message": "..."}',
    ['PEER-ERR-001'],
  );
}

/** A 401's body (SILENCE-020): JSON, and the API gateway's `{"error_msg", "error_code"}` or the VPC
 * error appendix's `{"code", "message"}`, as the document's UnauthorizedBody schema gives them. */
export function expectUnauthorizedBody(reply: Reply<unknown>): void {
  const { operationId, contentType } = reply.exchange;
  expectThat(
    isJsonMediaType(contentType) && isUnauthorizedBody(reply.error),
    `${operationId} answered 401 with neither the gateway's nor the VPC error body in JSON`,
    reply,
    'application/json: {"error_msg": "...", "error_code": "..."} or {"code": "...", "message": "..."}',
    ['PEER-AUTH-003'],
  );
}

// The Peering object, wherever a response carries one: create, show, list, update, accept and
// reject. The client has already validated each body against the document; these tests check
// each returned peering again, explicitly, so the rule reads here and fails here by name.
import type { SchemaPeering, SchemaVpcInfo } from '../../generated/vpc-peering.ts';
import { peeringBetween } from '../../src/suite/bodies.ts';
import type { Reply } from '../../src/suite/api.ts';
import { describe, test, type Api } from '../../src/suite/api.ts';
import { pointer } from '../../src/document/document.ts';
import { expectEqual, expectStatus, expectThat } from '../../src/suite/expect.ts';
import { documentValidators } from '../../src/document/validators.ts';

// The rules come from the document's own schemas, never restated here.
const schemas = documentValidators();
const isUuid = schemas.schema(pointer('components', 'schemas', 'Uuid'));
const isStatus = schemas.schema(pointer('components', 'schemas', 'PeeringStatus'));
const isTimestamp = schemas.schema(pointer('components', 'schemas', 'Timestamp'));
const STATUSES: string[] = schemas.document.components.schemas.PeeringStatus.enum;

interface Returned {
  peering: SchemaPeering;
  reply: Reply<unknown>;
}

/**
 * Every peering that create, show, list, update, accept and reject return, on cross-project
 * peerings of the test's own. The list is the requester's whole list, whoever's they are.
 */
async function peeringsReturned(api: Api): Promise<Returned[]> {
  const returned: Returned[] = [];
  const keep = <T>(reply: Reply<T>, status: number, peeringsIn: (body: T) => SchemaPeering[]): T => {
    const body = expectStatus(reply, status);
    returned.push(...peeringsIn(body).map((peering) => ({ peering, reply })));
    return body;
  };
  const wrapped = (body: { peering: SchemaPeering }) => [body.peering];
  const flat = (body: SchemaPeering) => [body];

  const pair = await api.lease('cross');
  const request = peeringBetween(pair, { name: api.name('object'), description: 'looked at field by field' });
  const { id } = keep(await api.requester.create(request), 201, wrapped).peering;
  keep(await api.accepter.show(id), 200, wrapped);
  // A list may lag behind the create: the first that shows any peering is kept.
  await api.settled(async () => {
    const listed = await api.requester.list();
    expectThat(expectStatus(listed, 200).peerings.length > 0, "the requester's list is empty right after its create", listed, 'at least the peering it just created');
    keep(listed, 200, (body) => body.peerings);
  });
  keep(await api.accepter.update(id, { peering: { name: api.name('object-renamed') } }), 200, wrapped);
  keep(await api.accepter.accept(id), 200, flat);
  // Only a pending request can be rejected: the pair, once free, is asked for again.
  expectStatus(await api.requester.delete(id), 204);
  await api.gone(id);
  const again = keep(await api.requester.create(request), 201, wrapped).peering;
  keep(await api.accepter.reject(again.id), 200, flat);
  return returned;
}

/** The fields of PEER-OBJ-001 that `p` lacks or gives with another type. */
function missingOrMistyped(p: SchemaPeering): string[] {
  const fields = p as unknown as Record<string, unknown>;
  const isString = (value: unknown) => typeof value === 'string';
  const isStringIfGiven = (value: unknown) => value === undefined || isString(value);
  const isVpcInfo = (value: unknown) => typeof value === 'object' && value !== null
    && isString((value as Record<string, unknown>).vpc_id) && isStringIfGiven((value as Record<string, unknown>).tenant_id);
  const valid: Record<string, boolean> = {
    id: isString(fields.id),
    name: isString(fields.name),
    status: isString(fields.status),
    description: isStringIfGiven(fields.description),
    request_vpc_info: isVpcInfo(fields.request_vpc_info),
    accept_vpc_info: isVpcInfo(fields.accept_vpc_info),
  };
  return Object.keys(valid).filter((field) => !valid[field]);
}

/** A cross-project peering of the test's own, as create returned it and as each party's show gives it. */
async function createdAndShown(api: Api, tail: string): Promise<{ created: Returned; shown: Returned[] }> {
  const pair = await api.lease('cross');
  const reply = await api.requester.create(peeringBetween(pair, { name: api.name(tail), description: 'compared field by field' }));
  const { peering } = expectStatus(reply, 201);
  const shown = [await api.requester.show(peering.id), await api.accepter.show(peering.id)];
  return { created: { peering, reply }, shown: shown.map((reply) => ({ peering: expectStatus(reply, 200).peering, reply })) };
}

/** Each side's tenant_id, null where the peering gives none. */
const tenantIds = (p: SchemaPeering) => ({ request: p.request_vpc_info.tenant_id ?? null, accept: p.accept_vpc_info.tenant_id ?? null });

describe('the Peering object', () => {
  /**
   * PEER-OBJ-001 (MUST) - create page, Table 5: a peering carries `id`, `name`, `status`,
   * `request_vpc_info` and `accept_vpc_info`; `name` and `description` are strings, and each
   * `vpc_info` is an object with `vpc_id` (and `tenant_id` when the server gives it).
   */
  test('every peering returned carries id, name, status and both vpc_infos, each with a vpc_id', { tags: ['PEER-OBJ-001'] }, async ({ api }) => {
    for (const { peering, reply } of await peeringsReturned(api)) {
      const faults = missingOrMistyped(peering);
      expectThat(faults.length === 0, `${reply.exchange.operationId} returned a peering whose ${faults.join(', ')} is missing or mistyped`, reply,
        'id, name and status strings; request_vpc_info and accept_vpc_info objects with a vpc_id string (and tenant_id a string when given); description a string when given');
    }
  });

  /** PEER-OBJ-002 (MUST) - family, "The Peering object": a peering's `id` is a UUID. */
  test('every peering returned has a UUID for id', { tags: ['PEER-OBJ-002'] }, async ({ api }) => {
    for (const { peering, reply } of await peeringsReturned(api)) {
      expectThat(isUuid(peering.id), `${reply.exchange.operationId} returned a peering whose id is ${JSON.stringify(peering.id)}`, reply, 'a dashed UUID');
    }
  });

  /**
   * PEER-OBJ-003 (MUST) - create page, Table 5: a peering's `status` is exactly one of
   * PENDING_ACCEPTANCE, REJECTED, EXPIRED, DELETED, ACTIVE.
   */
  test('every peering returned has one of the five statuses', { tags: ['PEER-OBJ-003'] }, async ({ api }) => {
    for (const { peering, reply } of await peeringsReturned(api)) {
      expectThat(isStatus(peering.status), `${reply.exchange.operationId} returned a peering whose status is ${JSON.stringify(peering.status)}`, reply, `one of ${STATUSES.join(', ')}`);
    }
  });

  /**
   * PEER-OBJ-004 (MUST) - create page, Table 5: `created_at` and `updated_at`, when present, are
   * UTC times written exactly `yyyy-MM-ddTHH:mm:ss`: no zone designator, no fraction of a second.
   */
  test('every timestamp returned is written exactly yyyy-MM-ddTHH:mm:ss', { tags: ['PEER-OBJ-004'] }, async ({ api }) => {
    for (const { peering, reply } of await peeringsReturned(api)) {
      for (const field of ['created_at', 'updated_at'] as const) {
        const value = peering[field];
        expectThat(value === undefined || isTimestamp(value), `${reply.exchange.operationId} returned a peering whose ${field} is ${JSON.stringify(value)}`, reply, 'yyyy-MM-ddTHH:mm:ss');
      }
    }
  });

  /**
   * PEER-OBJ-005 (SHOULD) - create page, Table 6; every example: each `vpc_info` in a response
   * carries the `tenant_id` of the project that owns its VPC.
   */
  test('each vpc_info carries the tenant_id of the project that owns its VPC', { tags: ['PEER-OBJ-005'] }, async ({ api }) => {
    const owners = { request: api.tenants.requester.projectId, accept: api.tenants.accepter.projectId };
    const { created, shown } = await createdAndShown(api, 'tenants');
    for (const { peering, reply } of [created, ...shown]) {
      expectEqual(tenantIds(peering), owners, `${reply.exchange.operationId} gave the vpc_infos' tenant_ids`, reply);
    }
  });

  /**
   * PEER-OBJ-006 (MAY) - family, "The Peering object": a server may add fields to any response
   * object, and a conforming client ignores them. PEER-SHOW-002 (MUST) - family, "Operations":
   * either party's show gives the peering the create returned. Only the documented fields are
   * compared; `updated_at` is left out, as the server may move it without a call.
   */
  test("both parties' show gives the documented fields the create returned, whatever else it carries", { tags: ['PEER-OBJ-006', 'PEER-SHOW-002'] }, async ({ api }) => {
    const documented = (p: SchemaPeering) => {
      const info = ({ vpc_id, tenant_id }: SchemaVpcInfo) => ({ vpc_id, tenant_id });
      const { id, name, description, status, created_at } = p;
      return { id, name, description, status, created_at, request_vpc_info: info(p.request_vpc_info), accept_vpc_info: info(p.accept_vpc_info) };
    };
    const { created, shown } = await createdAndShown(api, 'extra-fields');
    for (const { peering, reply } of shown) {
      expectEqual(documented(peering), documented(created.peering), 'show gave other documented fields than the create', reply);
    }
  });

  /**
   * PEER-OBJ-007 (MAY) - family, "The Peering object": a project ID may be written as 32
   * hexadecimal characters or as a dashed UUID, and a conforming client accepts either; so a
   * tenant_id is never checked for a format, only compared with the project ID the target file
   * gives. PEER-CREATE-016 (MUST) - create page, Table 5: where the created peering gives a
   * tenant_id, the request side's is the caller's project and the accept side's the peer VPC's.
   */
  test('a tenant_id, when given, is compared with the owning project ID as an opaque string', { tags: ['PEER-OBJ-007', 'PEER-CREATE-016'] }, async ({ api }) => {
    const pair = await api.lease('cross');
    const reply = await api.requester.create(peeringBetween(pair, { name: api.name('opaque-tenants') }));
    const owners = { request: api.tenants.requester.projectId, accept: pair.acceptTenant.projectId };
    for (const [side, given] of Object.entries(tenantIds(expectStatus(reply, 201).peering)) as [keyof typeof owners, string | null][]) {
      expectThat(given === null || given === owners[side], `the create gave the ${side} side's tenant_id as ${JSON.stringify(given)}`, reply, owners[side]);
    }
  });
});

// The Peering object, wherever a response carries one: create, show, list, update, accept and
// reject. PEER-OBJ-001 to 004 restate what the document's schemas require of a peering, so they
// read every peering through clients that do not validate (`api.unvalidated`): a validating one
// would have thrown on a bad field before these checks ran. Each rule is the schema's own.
import type { SchemaPeering, SchemaVpcInfo } from '../../generated/vpc-peering.ts';
import { peeringBetween } from '../../src/suite/bodies.ts';
import type { Reply } from '../../src/suite/api.ts';
import { describe, olderState, test, type Api } from '../../src/suite/api.ts';
import { expectEqual, expectStatus, expectThat } from '../../src/suite/expect.ts';
import { answerRules, enumOf, missingOrMistyped, satisfies } from '../../src/suite/schemas.ts';

// The rules come from the document's own schemas, never restated here.
const isUuid = satisfies('Uuid');
const isStatus = satisfies('PeeringStatus');
const isTimestamp = satisfies('Timestamp');
const STATUSES = enumOf('PeeringStatus');

interface Returned {
  peering: SchemaPeering;
  reply: Reply<unknown>;
}

/**
 * Runs `check` on every peering that create, show, list, update, accept and reject return, on
 * cross-project peerings of the test's own, the moment each is returned, on clients that do not
 * validate. Each must first carry the fields of PEER-OBJ-001, of their types: the rest of the
 * lifecycle reads them. The list is the requester's whole list, whoever's they are.
 */
async function checkEveryPeeringReturned(
  api: Api,
  check: (peering: SchemaPeering, reply: Reply<unknown>) => void = () => {},
): Promise<void> {
  const { requester, accepter } = api.unvalidated;
  const keep = <T>(reply: Reply<T>, status: number, peeringsIn: (body: T) => unknown[]): T => {
    const body = expectStatus(reply, status);
    for (const peering of peeringsIn(body)) {
      const faults = missingOrMistyped('Peering', peering);
      const isObject = typeof peering === 'object' && peering !== null;
      // No peering at all where the answer puts one breaks the answer's own rule (PEER-CREATE-001
      // for create's), not the object's: there is no object to judge.
      const title = isObject
        ? `${reply.exchange.operationId} returned a peering missing or mistyping ${faults.join(', ')}`
        : `${reply.exchange.operationId} returned ${JSON.stringify(peering) ?? 'nothing'} where the document puts a peering`;
      expectThat(
        faults.length === 0,
        title,
        reply,
        'id, name and status strings; request_vpc_info and accept_vpc_info objects with a vpc_id string (and tenant_id a string when given); description a string when given',
        isObject ? ['PEER-OBJ-001'] : answerRules(reply.exchange.operationId, status),
      );
      check(peering as SchemaPeering, reply);
    }
    return body;
  };
  const wrapped = (body: { peering: SchemaPeering } | undefined) => [body?.peering];
  const flat = (body: SchemaPeering | undefined) => [body];

  const pair = await api.lease('cross');
  const request = peeringBetween(pair, { name: api.name('object'), description: 'looked at field by field' });
  const { id } = keep(await requester.create(request), 201, wrapped).peering;
  keep(await accepter.show(id), 200, wrapped);
  // A list may lag behind the create: an empty one is read again, the first that shows any peering is kept.
  await api.settled(async () => {
    const listed = await requester.list();
    const { peerings } = expectStatus(listed, 200);
    expectThat(Array.isArray(peerings), "the requester's list gave no `peerings` array", listed, 'a `peerings` array');
    if (peerings.length === 0) {
      olderState({
        title: "the requester's list shows no peering right after its create",
        exchange: listed.exchange,
        expected: 'a `peerings` array with at least the peering it just created',
      });
    }
    keep(listed, 200, (body) => body.peerings);
  });
  keep(await accepter.update(id, { peering: { name: api.name('object-renamed') } }), 200, wrapped);
  keep(await accepter.accept(id), 200, flat);
  // Only a pending request can be rejected: another is asked for, on a pair of its own.
  const other = peeringBetween(await api.lease('cross'), { name: api.name('object'), description: 'looked at field by field' });
  const again = keep(await requester.create(other), 201, wrapped).peering;
  keep(await accepter.reject(again.id), 200, flat);
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
   * `vpc_info` is an object with `vpc_id` (and `tenant_id` when the server gives it). The check is
   * the one every test here makes first: what the Peering schema requires, of the types it gives.
   */
  test(
    'every peering returned carries id, name, status and both vpc_infos, each with a vpc_id',
    { tags: ['PEER-OBJ-001'] },
    async ({ api }) => {
      await checkEveryPeeringReturned(api);
    },
  );

  /** PEER-OBJ-002 (SHOULD) - family, "The Peering object": a peering's `id` is a UUID. */
  test('every peering returned has a UUID for id', { tags: ['PEER-OBJ-002'] }, async ({ api }) => {
    await checkEveryPeeringReturned(api, (peering, reply) => {
      expectThat(
        isUuid(peering.id),
        `${reply.exchange.operationId} returned a peering whose id is ${JSON.stringify(peering.id)}`,
        reply,
        'a dashed UUID',
      );
    });
  });

  /**
   * PEER-OBJ-003 (MUST) - create page, Table 5: a peering's `status` is exactly one of
   * PENDING_ACCEPTANCE, REJECTED, EXPIRED, DELETED, ACTIVE.
   */
  test('every peering returned has one of the five statuses', { tags: ['PEER-OBJ-003'] }, async ({ api }) => {
    await checkEveryPeeringReturned(api, (peering, reply) => {
      expectThat(
        isStatus(peering.status),
        `${reply.exchange.operationId} returned a peering whose status is ${JSON.stringify(peering.status)}`,
        reply,
        `one of ${STATUSES.join(', ')}`,
      );
    });
  });

  /**
   * PEER-OBJ-004 (MUST) - create page, Table 5: `created_at` and `updated_at`, when present, are
   * UTC times written exactly `yyyy-MM-ddTHH:mm:ss`: no zone designator, no fraction of a second.
   */
  test('every timestamp returned is written exactly yyyy-MM-ddTHH:mm:ss', { tags: ['PEER-OBJ-004'] }, async ({ api }) => {
    await checkEveryPeeringReturned(api, (peering, reply) => {
      for (const field of ['created_at', 'updated_at'] as const) {
        const value = peering[field];
        expectThat(
          value === undefined || isTimestamp(value),
          `${reply.exchange.operationId} returned a peering whose ${field} is ${JSON.stringify(value)}`,
          reply,
          'yyyy-MM-ddTHH:mm:ss',
        );
      }
    });
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
  test(
    "both parties' show gives the documented fields the create returned, whatever else it carries",
    { tags: ['PEER-OBJ-006', 'PEER-SHOW-002'] },
    async ({ api }) => {
      const documented = (p: SchemaPeering) => {
        const info = ({ vpc_id, tenant_id }: SchemaVpcInfo) => ({ vpc_id, tenant_id });
        const { id, name, description, status, created_at } = p;
        return {
          id,
          name,
          description,
          status,
          created_at,
          request_vpc_info: info(p.request_vpc_info),
          accept_vpc_info: info(p.accept_vpc_info),
        };
      };
      const { created, shown } = await createdAndShown(api, 'extra-fields');
      for (const { peering, reply } of shown) {
        expectEqual(documented(peering), documented(created.peering), 'show gave other documented fields than the create', reply);
      }
    },
  );

  /**
   * PEER-OBJ-007 (MAY) - family, "The Peering object": a project ID may be written as 32
   * hexadecimal characters or as a dashed UUID, and a conforming client accepts either; so a
   * tenant_id is never checked for a format, only compared with the project ID the target file
   * gives. PEER-CREATE-016 (MUST) - create page, Table 5: where the created peering gives a
   * tenant_id, the request side's is the caller's project and the accept side's the peer VPC's.
   */
  test(
    'a tenant_id, when given, is compared with the owning project ID as an opaque string',
    { tags: ['PEER-OBJ-007', 'PEER-CREATE-016'] },
    async ({ api }) => {
      const pair = await api.lease('cross');
      const reply = await api.requester.create(peeringBetween(pair, { name: api.name('opaque-tenants') }));
      const owners = { request: api.tenants.requester.projectId, accept: pair.acceptTenant.projectId };
      for (const [side, given] of Object.entries(tenantIds(expectStatus(reply, 201).peering)) as [keyof typeof owners, string | null][]) {
        expectThat(
          given === null || given === owners[side],
          `the create gave the ${side} side's tenant_id as ${JSON.stringify(given)}`,
          reply,
          owners[side],
        );
      }
    },
  );
});

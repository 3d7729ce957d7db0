// Create: POST /v2.0/vpc/peerings. The client has already checked every reply's status, content
// type and body against the document; these tests state only the behaviour.
import { randomUUID } from 'node:crypto';
import { peeringBetween } from '../../src/suite/bodies.ts';
import { describe, test } from '../../src/suite/api.ts';
import { expectEqual, expectRefused, expectStatus, expectThat } from '../../src/suite/expect.ts';

describe('create', () => {
  /**
   * PEER-CREATE-001 (MUST) - family, "Operations": a create that succeeds answers 201 with the
   * new peering wrapped in `peering`. The reply is read unvalidated, so that this test's own
   * checks, naming this requirement, judge the code and the wrapping.
   */
  test('answers 201 with the new peering wrapped in `peering`', { tags: ['PEER-CREATE-001'] }, async ({ api }) => {
    const pair = await api.lease('same');
    const reply = await api.unvalidated.requester.create(peeringBetween(pair, { name: api.name('wrapped') }));
    const body = expectStatus(reply, 201, `a create answered ${reply.status}`, ['PEER-CREATE-001']) as unknown as {
      peering?: { id?: unknown };
    };
    expectThat(
      typeof body?.peering?.id === 'string',
      'the created peering is not wrapped in `peering`',
      reply,
      '{"peering": {"id": ..., ...}}',
      ['PEER-CREATE-001'],
    );
  });

  /** PEER-CREATE-002 (MUST) - create page, Table 1: `peering` is mandatory. */
  test('refuses a body without `peering` with 400', { tags: ['PEER-CREATE-002'] }, async ({ api }) => {
    expectRefused(await api.requester.createRaw({}), 'PEER-CREATE-002');
    expectRefused(await api.requester.createRaw({ name: api.name('unwrapped') }), 'PEER-CREATE-002');
  });

  /** PEER-CREATE-003 (MUST) - create page, Table 2: `name` is mandatory. */
  test('refuses a body without `name` with 400', { tags: ['PEER-CREATE-003'] }, async ({ api }) => {
    const pair = await api.lease('same');
    const { name: _, ...nameless } = peeringBetween(pair, { name: '' }).peering;
    expectRefused(await api.requester.createRaw({ peering: nameless }), 'PEER-CREATE-003');
  });

  /** PEER-CREATE-009 (MUST) - create page, Tables 2 and 3: both vpc_info objects, each with `vpc_id`. */
  test('refuses a body missing either vpc_info or its vpc_id with 400', { tags: ['PEER-CREATE-009'] }, async ({ api }) => {
    const pair = await api.lease('same');
    const { peering } = peeringBetween(pair, { name: api.name('missing-vpc') });
    const { request_vpc_info: _r, ...noRequest } = peering;
    const { accept_vpc_info: _a, ...noAccept } = peering;
    for (const broken of [
      noRequest,
      noAccept,
      { ...peering, request_vpc_info: {} },
      { ...peering, accept_vpc_info: { tenant_id: pair.acceptTenant.projectId } },
    ]) {
      expectRefused(await api.requester.createRaw({ peering: broken }), 'PEER-CREATE-009');
    }
  });

  /**
   * PEER-CREATE-013 (MUST), PEER-CREATE-014 (MUST) - create page, Table 3 and "Function": between
   * two VPCs of the caller's project no tenant_id is needed, and the peering is ACTIVE at once.
   */
  test(
    'a same-project peering needs no tenant_id and is ACTIVE at once',
    { tags: ['PEER-CREATE-013', 'PEER-CREATE-014'] },
    async ({ api }) => {
      const pair = await api.lease('same');
      const reply = await api.requester.create(peeringBetween(pair, { name: api.name('same') }));
      const { peering } = expectStatus(reply, 201, undefined, ['PEER-CREATE-013']);
      expectEqual(peering.status, 'ACTIVE', 'the same-project peering was created with status', reply, ['PEER-CREATE-014']);
    },
  );

  /** PEER-CREATE-015 (MUST) - create page, "Function": the peer project must accept. */
  test("a peering with another project's VPC is PENDING_ACCEPTANCE", { tags: ['PEER-CREATE-015'] }, async ({ api }) => {
    const pair = await api.lease('cross');
    const reply = await api.requester.create(peeringBetween(pair, { name: api.name('cross') }));
    expectEqual(expectStatus(reply, 201).peering.status, 'PENDING_ACCEPTANCE', 'the cross-project peering was created with status', reply);
  });

  /**
   * PEER-CREATE-016 (MUST) - create page, Table 5: the created peering carries what was sent, and
   * any tenant_id it gives is the owning project's.
   */
  test('the created peering carries the name, description, VPCs and projects sent', { tags: ['PEER-CREATE-016'] }, async ({ api }) => {
    for (const kind of ['same', 'cross'] as const) {
      const pair = await api.lease(kind);
      const name = api.name(kind);
      const reply = await api.requester.create(peeringBetween(pair, { name, description: `peering of kind ${kind}` }));
      const { peering } = expectStatus(reply, 201);
      const expected = {
        name,
        description: `peering of kind ${kind}`,
        request_vpc_info: { vpc_id: pair.requestVpc, tenant_id: api.tenants.requester.projectId },
        accept_vpc_info: { vpc_id: pair.acceptVpc, tenant_id: pair.acceptTenant.projectId },
      };
      const given = (info: { vpc_id: string; tenant_id?: string }, fallback: string) => ({
        vpc_id: info.vpc_id,
        tenant_id: info.tenant_id ?? fallback,
      });
      const actual = {
        name: peering.name,
        description: peering.description,
        request_vpc_info: given(peering.request_vpc_info, expected.request_vpc_info.tenant_id),
        accept_vpc_info: given(peering.accept_vpc_info, expected.accept_vpc_info.tenant_id),
      };
      expectEqual(actual, expected, 'the created peering differs from what was sent', reply);
    }
  });

  /** PEER-CREATE-011 (MUST) - create page, Table 3: tenant_id is mandatory for another account's VPC. */
  test(
    'refuses a peer VPC of another project without accept_vpc_info.tenant_id, with 400',
    { tags: ['PEER-CREATE-011'] },
    async ({ api }) => {
      const pair = await api.lease('cross');
      const body = peeringBetween(pair, { name: api.name('no-tenant') });
      expectRefused(
        await api.requester.createRaw({ peering: { ...body.peering, accept_vpc_info: { vpc_id: pair.acceptVpc } } }),
        'PEER-CREATE-011',
      );
    },
  );

  /** PEER-CREATE-017 (MUST) - family: one peering per VPC pair at a time, in either direction. */
  test('refuses a second peering between the same two VPCs, in either direction', { tags: ['PEER-CREATE-017'] }, async ({ api }) => {
    const pair = await api.lease('same');
    expectStatus(await api.requester.create(peeringBetween(pair, { name: api.name('first') })), 201);
    expectRefused(await api.requester.create(peeringBetween(pair, { name: api.name('again') })), 'PEER-CREATE-017');
    const reversed = { ...pair, requestVpc: pair.acceptVpc, acceptVpc: pair.requestVpc };
    expectRefused(await api.requester.create(peeringBetween(reversed, { name: api.name('reversed') })), 'PEER-CREATE-017');
  });

  /** PEER-CREATE-018 (SHOULD) - family, "Errors": a VPC cannot be peered with itself. */
  test('refuses a peering of a VPC with itself', { tags: ['PEER-CREATE-018'] }, async ({ api }) => {
    const pair = await api.lease('same');
    const itself = { ...pair, acceptVpc: pair.requestVpc };
    expectRefused(await api.requester.create(peeringBetween(itself, { name: api.name('itself') })), 'PEER-CREATE-018');
  });

  /** PEER-CREATE-019 (MUST) - family, "Errors": the peer VPC must exist. */
  test('refuses a peer VPC that does not exist', { tags: ['PEER-CREATE-019'] }, async ({ api }) => {
    const pair = await api.lease('same');
    const nowhere = { ...pair, acceptVpc: randomUUID() };
    expectRefused(await api.requester.create(peeringBetween(nowhere, { name: api.name('nowhere') })), 'PEER-CREATE-019');
  });

  /** PEER-CREATE-020 (MUST) - family, "Operations": create is called by the owner of the request VPC. */
  test("refuses a request VPC that is not the caller's", { tags: ['PEER-CREATE-020'] }, async ({ api }) => {
    const pair = await api.lease('cross');
    const foreign = { ...pair, requestVpc: pair.acceptVpc, acceptVpc: pair.requestVpc, acceptTenant: api.tenants.requester };
    expectRefused(await api.requester.create(peeringBetween(foreign, { name: api.name('foreign') })), 'PEER-CREATE-020');
  });
});

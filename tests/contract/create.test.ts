// Create: POST /v2.0/vpc/peerings. The client has already checked every reply's status, content
// type and body against the document; each create the model covers is judged by what it allows
// (src/suite/test-model.ts). Which VPCs exist and whose they are (PEER-CREATE-018 to 020) are the
// target's facts, which the model does not hold: those refusals are judged here.
import { randomUUID } from 'node:crypto';
import { peeringBetween } from '../../src/suite/bodies.ts';
import { describe, test } from '../../src/suite/api.ts';
import { expectEqual, expectRefused, expectStatus, expectThat } from '../../src/suite/expect.ts';
import { TestModel } from '../../src/suite/test-model.ts';

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
    const model = new TestModel(api);
    const pair = await api.lease('same');
    await model.createLacking('requester', pair, {}, 'peering');
    await model.createLacking('requester', pair, { name: api.name('unwrapped') }, 'peering');
  });

  /** PEER-CREATE-003 (MUST) - create page, Table 2: `name` is mandatory. */
  test('refuses a body without `name` with 400', { tags: ['PEER-CREATE-003'] }, async ({ api }) => {
    const model = new TestModel(api);
    const pair = await api.lease('same');
    const { name: _, ...nameless } = peeringBetween(pair, { name: '' }).peering;
    await model.createLacking('requester', pair, { peering: nameless }, 'name');
  });

  /** PEER-CREATE-009 (MUST) - create page, Tables 2 and 3: both vpc_info objects, each with `vpc_id`. */
  test('refuses a body missing either vpc_info or its vpc_id with 400', { tags: ['PEER-CREATE-009'] }, async ({ api }) => {
    const model = new TestModel(api);
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
      await model.createLacking('requester', pair, { peering: broken }, 'vpc_id');
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
      await new TestModel(api).create('requester', 'same', { name: api.name('same') });
    },
  );

  /** PEER-CREATE-015 (MUST) - create page, "Function": the peer project must accept. */
  test("a peering with another project's VPC is PENDING_ACCEPTANCE", { tags: ['PEER-CREATE-015'] }, async ({ api }) => {
    await new TestModel(api).create('requester', 'cross', { name: api.name('cross') });
  });

  /**
   * PEER-CREATE-016 (MUST) - create page, Table 5: the created peering carries what was sent, and
   * any tenant_id it gives is the owning project's. The model holds the name, description and
   * VPCs sent; which project owns each VPC is the target's fact, checked here.
   */
  test('the created peering carries the name, description, VPCs and projects sent', { tags: ['PEER-CREATE-016'] }, async ({ api }) => {
    const model = new TestModel(api);
    for (const kind of ['same', 'cross'] as const) {
      const pair = await api.lease(kind);
      const p = await model.create('requester', pair, { name: api.name(kind), description: `peering of kind ${kind}` });
      const owners = { request: api.tenants.requester.projectId, accept: pair.acceptTenant.projectId };
      const given = { request: p.stamp.request_tenant ?? owners.request, accept: p.stamp.accept_tenant ?? owners.accept };
      const shown = await api.requester.show(p.id);
      expectEqual(given, owners, 'the created peering names other projects than own its VPCs', shown);
    }
  });

  /** PEER-CREATE-011 (MUST) - create page, Table 3: tenant_id is mandatory for another account's VPC. */
  test(
    'refuses a peer VPC of another project without accept_vpc_info.tenant_id, with 400',
    { tags: ['PEER-CREATE-011'] },
    async ({ api }) => {
      const pair = await api.lease('cross');
      const body = peeringBetween(pair, { name: api.name('no-tenant') });
      await new TestModel(api).createLacking(
        'requester',
        pair,
        { peering: { ...body.peering, accept_vpc_info: { vpc_id: pair.acceptVpc } } },
        'tenant_id',
      );
    },
  );

  /** PEER-CREATE-017 (MUST) - family: one peering per VPC pair at a time, in either direction. */
  test('refuses a second peering between the same two VPCs, in either direction', { tags: ['PEER-CREATE-017'] }, async ({ api }) => {
    const model = new TestModel(api);
    const pair = await api.lease('same');
    await model.create('requester', pair, { name: api.name('first') });
    await model.create('requester', pair, { name: api.name('again') }, 'refused');
    const reversed = { ...pair, requestVpc: pair.acceptVpc, acceptVpc: pair.requestVpc };
    await model.create('requester', reversed, { name: api.name('reversed') }, 'refused');
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

// The mutants whose fault shows only on some requests, in some projects or after some time: each
// does, over HTTP or in its store, what its summary says, and is the reference everywhere else.
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeeringClient } from '../src/http/client.ts';
import { ManualClock, systemClock } from './clock.ts';
import { MUTANTS } from './mutants.ts';
import { EVENTUAL, SEVEN_DAYS_MS, type CreateBody, type PeeringStore, type PeeringStoreOptions } from './peerings.ts';
import { createEmulatorHandler, startEmulator, type RunningEmulator } from './server.ts';
import { generateTenants, type Tenants } from './tenants.ts';

const mutant = (name: string) => MUTANTS.find((m) => m.name === name)!;

let emulator: RunningEmulator | undefined;
afterEach(() => emulator?.close());

/** The emulator with one mutant, and an unvalidating client per tenant: a mutant's answers may
 * break the document, and these tests look at them as they are. */
async function started(name: string) {
  emulator = await startEmulator({ variant: mutant(name) });
  const { tenants, url } = emulator;
  const as = (role: keyof Tenants) => new PeeringClient(url, { token: tenants[role].token }, { validate: false });
  return { tenants, requester: as('requester'), accepter: as('accepter'), outsider: as('outsider'), anonymous: new PeeringClient(url, {}) };
}

const sameProject = (tenants: Tenants, name: string): CreateBody => ({
  name,
  request_vpc_info: { vpc_id: tenants.requester.vpcIds[0]! },
  accept_vpc_info: { vpc_id: tenants.requester.vpcIds[1]! },
});

const crossProject = (tenants: Tenants, name: string): CreateBody => ({
  name,
  request_vpc_info: { vpc_id: tenants.requester.vpcIds[0]! },
  accept_vpc_info: { vpc_id: tenants.accepter.vpcIds[0]!, tenant_id: tenants.accepter.projectId },
});

describe('cross-create-unvalidated', () => {
  it('creates a cross-project peering under a name of 0 or 65 characters, as sent, and refuses it within one project', async () => {
    const { tenants, requester } = await started('cross-create-unvalidated');
    for (const name of ['', 'n'.repeat(65)]) {
      const cross = await requester.createRaw({ peering: crossProject(tenants, name) });
      expect(cross.status).toBe(201);
      expect(cross.data?.peering.name).toBe(name);
      expect((await requester.delete(cross.data!.peering.id)).status).toBe(204);
      expect((await requester.createRaw({ peering: sameProject(tenants, name) })).status).toBe(400);
    }
    expect((await requester.createRaw({ peering: sameProject(tenants, 'n'.repeat(64)) })).status).toBe(201);
  });

  it('still refuses a cross-project body broken otherwise', async () => {
    const { tenants, requester } = await started('cross-create-unvalidated');
    const body = crossProject(tenants, 'n'.repeat(65));
    expect((await requester.createRaw({ peering: { ...body, description: '<b>' } })).status).toBe(400);
  });
});

describe('flaky-status-filter', () => {
  it('ignores the status filter on the first list that has one, keeps it on the second, and so on', async () => {
    const { tenants, requester } = await started('flaky-status-filter');
    const active = (await requester.create({ peering: sameProject(tenants, 'active') })).data!.peering.id;
    const pending = (await requester.create({ peering: crossProject(tenants, 'pending') })).data!.peering.id;
    const listed = async () => (await requester.list({ status: 'ACTIVE' })).data!.peerings.map((p) => p.id).sort();
    const everything = [active, pending].sort();
    expect([await listed(), await listed(), await listed(), await listed()]).toEqual([everything, [active], everything, [active]]);
    expect((await requester.list()).data!.peerings).toHaveLength(2);
    expect(await listed()).toEqual(everything);
  });
});

describe('outsider-sees-lagging-list', () => {
  const store = (tenants: Tenants, options: PeeringStoreOptions) => mutant('outsider-sees-lagging-list').store!(tenants, options);
  const listedIds = (outcome: ReturnType<PeeringStore['list']>) => (outcome.ok ? outcome.value.peerings.map((p) => p.id) : []);

  it("lists another project's peering to the outsider at once when lists do not lag, under the query's filters", () => {
    const tenants = generateTenants();
    const clock = new ManualClock();
    const lagging = store(tenants, { clock, pendingExpiryMs: SEVEN_DAYS_MS });
    const created = lagging.create(tenants.requester, crossProject(tenants, 'leaked'));
    const id = created.ok ? created.value.id : '';
    expect(listedIds(lagging.list(tenants.outsider, {}))).toEqual([id]);
    expect(listedIds(lagging.list(tenants.outsider, { id }))).toEqual([id]);
    expect(listedIds(lagging.list(tenants.outsider, { status: 'ACTIVE' }))).toEqual([]);
    expect(lagging.show(tenants.outsider, id).ok).toBe(false);
    expect(listedIds(lagging.list(tenants.requester, {}))).toEqual([id]);
  });

  describe('eventually consistent', () => {
    afterEach(() => vi.useRealTimers());

    it('lists it to the outsider once the list lag has passed, when the parties first see it', () => {
      vi.useFakeTimers();
      const tenants = generateTenants();
      const lagging = store(tenants, { clock: systemClock, pendingExpiryMs: SEVEN_DAYS_MS, consistency: EVENTUAL });
      const created = lagging.create(tenants.requester, crossProject(tenants, 'leaked'));
      const id = created.ok ? created.value.id : '';
      vi.advanceTimersByTime(EVENTUAL.listLagMs - 1);
      expect(listedIds(lagging.list(tenants.outsider, {}))).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(listedIds(lagging.list(tenants.outsider, {}))).toEqual([id]);
    });
  });
});

describe('status-flaky-read', () => {
  it('shows the first peering it shows, and every other one after, one character off its stored name', async () => {
    const { tenants, requester, accepter } = await started('status-flaky-read');
    const id = (await requester.create({ peering: crossProject(tenants, 'stored') })).data!.peering.id;
    const names = [];
    for (const party of [requester, accepter, requester, accepter]) names.push((await party.show(id)).data!.peering.name);
    expect(names).toEqual(['storedx', 'stored', 'storedx', 'stored']);
    const longest = 'n'.repeat(64);
    const other = (await requester.create({ peering: sameProject(tenants, longest) })).data!.peering.id;
    expect((await requester.show(other)).data!.peering.name).toBe('n'.repeat(63));
    expect((await requester.list()).data!.peerings.map((p) => p.name).sort()).toEqual([longest, 'stored']);
  });
});

describe('unauthenticated-delete-deletes', () => {
  it('answers a DELETE without a token 401 with the gateway body, and the peering is gone', async () => {
    const { tenants, requester, anonymous } = await started('unauthenticated-delete-deletes');
    const id = (await requester.create({ peering: crossProject(tenants, 'doomed') })).data!.peering.id;
    const refused = await anonymous.delete(id);
    expect(refused.status).toBe(401);
    expect(refused.error).toMatchObject({ error_code: 'APIGW.0301' });
    expect((await requester.show(id)).status).toBe(404);
  });

  it('leaves the peering alone under every other call without a token, and under a DELETE with an unknown one', async () => {
    const { tenants, requester, anonymous } = await started('unauthenticated-delete-deletes');
    const id = (await requester.create({ peering: crossProject(tenants, 'kept') })).data!.peering.id;
    expect((await anonymous.accept(id)).status).toBe(401);
    expect((await anonymous.show(id)).status).toBe(401);
    expect((await new PeeringClient(emulator!.url, { token: 'not-a-token' }).delete(id)).status).toBe(401);
    expect((await requester.show(id)).data?.peering.status).toBe('PENDING_ACCEPTANCE');
  });

  describe('eventually consistent', () => {
    afterEach(() => vi.useRealTimers());

    it('deletes in the background, as a delete the caller was entitled to: DELETED at once, gone after the delay', async () => {
      vi.useFakeTimers();
      const variant = mutant('unauthenticated-delete-deletes');
      const { store, tenants } = createEmulatorHandler({ variant, consistency: EVENTUAL });
      const created = store.create(tenants.requester, crossProject(tenants, 'doomed'));
      const id = created.ok ? created.value.id : '';
      const uncredentialed = { method: 'DELETE', url: `/v2.0/vpc/peerings/${id}`, headers: {} } as IncomingMessage;
      expect(await variant.intercept!(uncredentialed)).toBeUndefined();
      const shown = store.show(tenants.accepter, id);
      expect(shown.ok && shown.value.status).toBe('DELETED');
      vi.advanceTimersByTime(EVENTUAL.deleteDelayMs);
      expect(store.show(tenants.accepter, id).ok).toBe(false);
    });
  });
});

describe('refused-create-persisted', () => {
  it('keeps a create refused for its peer tenant_id, REJECTED and listed, yet the pair takes a right create', async () => {
    const { tenants, requester } = await started('refused-create-persisted');
    const right = crossProject(tenants, 'right');
    const wrong = { ...right, name: 'wrong', accept_vpc_info: { ...right.accept_vpc_info, tenant_id: tenants.requester.projectId } };
    expect((await requester.create({ peering: wrong })).status).toBe(400);
    expect((await requester.list()).data!.peerings.map((p) => [p.name, p.status])).toEqual([['wrong', 'REJECTED']]);
    expect((await requester.create({ peering: right })).status).toBe(201);
  });
});

describe('deleted-still-listed', () => {
  it('lists a deleted peering, DELETED, only to a list filtered by its id', async () => {
    const { tenants, requester, accepter } = await started('deleted-still-listed');
    const id = (await requester.create({ peering: crossProject(tenants, 'deleted') })).data!.peering.id;
    expect((await requester.delete(id)).status).toBe(204);
    expect((await requester.show(id)).status).toBe(404);
    expect((await requester.list()).data!.peerings).toEqual([]);
    for (const party of [requester, accepter]) expect((await party.list({ id })).data!.peerings.map((p) => p.status)).toEqual(['DELETED']);
    expect((await requester.create({ peering: crossProject(tenants, 'again') })).status).toBe(201);
  });
});

describe('accepter-cannot-update', () => {
  it("takes the accepter's update of a pending request, and refuses it once the request is answered", async () => {
    const { tenants, requester, accepter } = await started('accepter-cannot-update');
    const id = (await requester.create({ peering: crossProject(tenants, 'pending') })).data!.peering.id;
    expect((await accepter.update(id, { peering: { description: 'while pending' } })).status).toBe(200);
    expect((await accepter.accept(id)).status).toBe(200);
    expect((await accepter.update(id, { peering: { description: 'once active' } })).status).toBe(403);
    expect((await requester.update(id, { peering: { description: 'once active' } })).status).toBe(200);
  });
});

describe('unfiltered-list-requested-only', () => {
  it("leaves the requester's peering out of the accepter's unfiltered list, not out of one filtered by a VPC or project", async () => {
    const { tenants, requester, accepter } = await started('unfiltered-list-requested-only');
    const id = (await requester.create({ peering: crossProject(tenants, 'requested') })).data!.peering.id;
    const listedIds = async (query = {}) => (await accepter.list(query)).data!.peerings.map((p) => p.id);
    expect(await listedIds()).toEqual([]);
    expect(await listedIds({ vpc_id: tenants.accepter.vpcIds[0]! })).toEqual([id]);
    expect(await listedIds({ tenant_id: tenants.requester.projectId })).toEqual([id]);
    expect((await requester.list()).data!.peerings.map((p) => p.id)).toEqual([id]);
  });
});

describe('unknown-id-400', () => {
  it('answers 400 to a show of an ID it never issued, and 404 to one of a deleted peering or to a tenant party to neither side', async () => {
    const { tenants, requester, outsider } = await started('unknown-id-400');
    expect((await requester.show('0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0')).status).toBe(400);
    const id = (await requester.create({ peering: crossProject(tenants, 'deleted') })).data!.peering.id;
    expect((await outsider.show(id)).status).toBe(404);
    expect((await requester.delete(id)).status).toBe(204);
    expect((await requester.show(id)).status).toBe(404);
  });
});

describe('accept-unseen-by-requester', () => {
  it("shows an accepted peering PENDING_ACCEPTANCE to the requester's show alone", async () => {
    const { tenants, requester, accepter } = await started('accept-unseen-by-requester');
    const id = (await requester.create({ peering: crossProject(tenants, 'accepted') })).data!.peering.id;
    expect((await accepter.accept(id)).data!.status).toBe('ACTIVE');
    expect((await accepter.show(id)).data!.peering.status).toBe('ACTIVE');
    expect((await requester.list()).data!.peerings.map((p) => p.status)).toEqual(['ACTIVE']);
    expect((await requester.show(id)).data!.peering.status).toBe('PENDING_ACCEPTANCE');
  });
});

describe('vpc-id-read-as-uuid', () => {
  it('takes a VPC ID in braces, with a urn:uuid: prefix or without dashes as the VPC it spells, and refuses other malformed ones', async () => {
    const { tenants, requester } = await started('vpc-id-read-as-uuid');
    const peer = tenants.requester.vpcIds[1]!;
    for (const spelled of [`{${peer}}`, `urn:uuid:${peer}`, peer.replaceAll('-', '')]) {
      const created = await requester.createRaw({ peering: { ...sameProject(tenants, 'spelled'), accept_vpc_info: { vpc_id: spelled } } });
      expect(created.data?.peering.accept_vpc_info.vpc_id).toBe(peer);
      expect((await requester.delete(created.data!.peering.id)).status).toBe(204);
    }
    const dropped = { ...sameProject(tenants, 'dropped'), accept_vpc_info: { vpc_id: peer.slice(1) } };
    expect((await requester.createRaw({ peering: dropped })).status).toBe(400);
  });
});

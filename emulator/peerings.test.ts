// The state machine on its own: every transition and every refusal, without HTTP.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from './clock.ts';
import { generateTenants, type Tenants } from './tenants.ts';
import { EVENTUAL, PeeringStore, SEVEN_DAYS_MS, type CreateBody } from './peerings.ts';
import type { StoreResult } from './refusals.ts';

let tenants: Tenants;
let clock: ManualClock;
let store: PeeringStore;

beforeEach(() => {
  tenants = generateTenants();
  clock = new ManualClock();
  store = new PeeringStore(tenants, { clock, pendingExpiryMs: SEVEN_DAYS_MS });
});

function value<T>(outcome: StoreResult<T>): T {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.refusal)}`);
  return outcome.value;
}

function refusedWith(outcome: StoreResult<unknown>): number | undefined {
  return outcome.ok ? undefined : outcome.refusal.status;
}

const sameProject = (): CreateBody => ({
  name: 'same',
  request_vpc_info: { vpc_id: tenants.requester.vpcIds[0]! },
  accept_vpc_info: { vpc_id: tenants.requester.vpcIds[1]! },
});

const crossProject = (): CreateBody => ({
  name: 'cross',
  request_vpc_info: { vpc_id: tenants.requester.vpcIds[0]! },
  accept_vpc_info: { vpc_id: tenants.accepter.vpcIds[0]!, tenant_id: tenants.accepter.projectId },
});

describe('create', () => {
  it('makes a same-project peering ACTIVE at once, with both tenant ids filled in', () => {
    const peering = value(store.create(tenants.requester, sameProject()));
    expect(peering).toMatchObject({
      name: 'same',
      status: 'ACTIVE',
      request_vpc_info: { vpc_id: tenants.requester.vpcIds[0], tenant_id: tenants.requester.projectId },
      accept_vpc_info: { vpc_id: tenants.requester.vpcIds[1], tenant_id: tenants.requester.projectId },
      created_at: '2026-11-26T08:00:00',
    });
  });

  it('makes a cross-project peering PENDING_ACCEPTANCE', () => {
    expect(value(store.create(tenants.requester, crossProject())).status).toBe('PENDING_ACCEPTANCE');
  });

  it.each([
    [
      'a cross-project peer without tenant_id',
      () => ({ ...crossProject(), accept_vpc_info: { vpc_id: tenants.accepter.vpcIds[0]! } }),
      400,
    ],
    [
      'a peer tenant_id that does not own the peer VPC',
      () => ({ ...crossProject(), accept_vpc_info: { vpc_id: tenants.accepter.vpcIds[0]!, tenant_id: tenants.outsider.projectId } }),
      400,
    ],
    [
      'an empty peer tenant_id',
      () => ({ ...crossProject(), accept_vpc_info: { vpc_id: tenants.accepter.vpcIds[0]!, tenant_id: '' } }),
      400,
    ],
    [
      'a request tenant_id that is not the caller',
      () => ({ ...sameProject(), request_vpc_info: { vpc_id: tenants.requester.vpcIds[0]!, tenant_id: tenants.accepter.projectId } }),
      400,
    ],
    ['a VPC peered with itself', () => ({ ...sameProject(), accept_vpc_info: { vpc_id: tenants.requester.vpcIds[0]! } }), 400],
    ['a peer VPC that does not exist', () => ({ ...sameProject(), accept_vpc_info: { vpc_id: randomUUID() } }), 404],
    ['a request VPC of another project', () => ({ ...sameProject(), request_vpc_info: { vpc_id: tenants.accepter.vpcIds[0]! } }), 404],
  ])('refuses %s', (_, body, status) => {
    expect(refusedWith(store.create(tenants.requester, body()))).toBe(status);
    expect(value(store.list(tenants.requester, {})).peerings).toEqual([]);
  });

  it('refuses a second peering between the same two VPCs, in either direction, until the first is deleted', () => {
    const first = value(store.create(tenants.requester, sameProject()));
    const reversed = { ...sameProject(), request_vpc_info: sameProject().accept_vpc_info, accept_vpc_info: sameProject().request_vpc_info };
    expect(refusedWith(store.create(tenants.requester, sameProject()))).toBe(400);
    expect(refusedWith(store.create(tenants.requester, reversed))).toBe(400);
    value(store.delete(tenants.requester, first.id));
    expect(value(store.create(tenants.requester, reversed)).status).toBe('ACTIVE');
  });
});

describe('accept and reject', () => {
  it('lets the accepting project accept a pending request, once', () => {
    const { id } = value(store.create(tenants.requester, crossProject()));
    clock.advance(5000);
    expect(value(store.accept(tenants.accepter, id))).toMatchObject({ status: 'ACTIVE', updated_at: '2026-11-26T08:00:05' });
    expect(value(store.show(tenants.requester, id)).status).toBe('ACTIVE');
    expect(refusedWith(store.accept(tenants.accepter, id))).toBe(409);
    expect(refusedWith(store.reject(tenants.accepter, id))).toBe(409);
  });

  it('lets the accepting project reject a pending request, and the rejection holds', () => {
    const { id } = value(store.create(tenants.requester, crossProject()));
    expect(value(store.reject(tenants.accepter, id)).status).toBe('REJECTED');
    expect(refusedWith(store.accept(tenants.accepter, id))).toBe(409);
    expect(value(store.show(tenants.accepter, id)).status).toBe('REJECTED');
  });

  it('refuses the requester answering its own request (403) and an outsider (404), leaving it pending', () => {
    const { id } = value(store.create(tenants.requester, crossProject()));
    expect(refusedWith(store.accept(tenants.requester, id))).toBe(403);
    expect(refusedWith(store.reject(tenants.requester, id))).toBe(403);
    expect(refusedWith(store.accept(tenants.outsider, id))).toBe(404);
    expect(value(store.show(tenants.requester, id)).status).toBe('PENDING_ACCEPTANCE');
  });

  it('refuses to accept a same-project peering, which is already ACTIVE', () => {
    const { id } = value(store.create(tenants.requester, sameProject()));
    expect(refusedWith(store.accept(tenants.requester, id))).toBe(409);
  });
});

describe('expiry', () => {
  it('turns a request still pending after the period into EXPIRED, which can no longer be answered', () => {
    const { id } = value(store.create(tenants.requester, crossProject()));
    clock.advance(SEVEN_DAYS_MS - 1);
    expect(value(store.show(tenants.accepter, id)).status).toBe('PENDING_ACCEPTANCE');
    clock.advance(1);
    expect(value(store.show(tenants.accepter, id))).toMatchObject({ status: 'EXPIRED', updated_at: '2026-12-03T08:00:00' });
    expect(refusedWith(store.accept(tenants.accepter, id))).toBe(409);
    expect(value(store.list(tenants.requester, { status: 'EXPIRED' })).peerings).toHaveLength(1);
  });

  it('leaves answered peerings alone', () => {
    const { id } = value(store.create(tenants.requester, crossProject()));
    value(store.accept(tenants.accepter, id));
    clock.advance(2 * SEVEN_DAYS_MS);
    expect(value(store.show(tenants.requester, id)).status).toBe('ACTIVE');
  });
});

describe('show, update and delete', () => {
  it('show, update and delete are open to both parties and to nobody else', () => {
    const { id } = value(store.create(tenants.requester, crossProject()));
    expect(refusedWith(store.show(tenants.outsider, id))).toBe(404);
    expect(refusedWith(store.update(tenants.outsider, id, { name: 'x' }))).toBe(404);
    expect(refusedWith(store.delete(tenants.outsider, id))).toBe(404);
    expect(value(store.update(tenants.accepter, id, { description: 'by the accepter' }))).toMatchObject({
      name: 'cross',
      description: 'by the accepter',
      status: 'PENDING_ACCEPTANCE',
    });
    expect(value(store.update(tenants.requester, id, { name: 'renamed' }))).toMatchObject({
      name: 'renamed',
      description: 'by the accepter',
    });
    value(store.delete(tenants.accepter, id));
    expect(refusedWith(store.show(tenants.requester, id))).toBe(404);
    expect(refusedWith(store.delete(tenants.requester, id))).toBe(404);
  });
});

describe('list', () => {
  it('shows each tenant exactly the peerings it is a party to', () => {
    const same = value(store.create(tenants.requester, sameProject()));
    const cross = value(store.create(tenants.requester, crossProject()));
    const ids = (tenant: keyof Tenants) =>
      value(store.list(tenants[tenant], {}))
        .peerings.map((p) => p.id)
        .sort();
    expect(ids('requester')).toEqual([same.id, cross.id].sort());
    expect(ids('accepter')).toEqual([cross.id]);
    expect(ids('outsider')).toEqual([]);
  });

  it('filters by id, name, status, tenant_id and vpc_id', () => {
    const same = value(store.create(tenants.requester, sameProject()));
    const cross = value(store.create(tenants.requester, crossProject()));
    const ids = (query: object) => value(store.list(tenants.requester, query)).peerings.map((p) => p.id);
    expect(ids({ id: cross.id })).toEqual([cross.id]);
    expect(ids({ name: 'same' })).toEqual([same.id]);
    expect(ids({ status: 'PENDING_ACCEPTANCE' })).toEqual([cross.id]);
    expect(ids({ tenant_id: tenants.accepter.projectId })).toEqual([cross.id]);
    expect(ids({ vpc_id: tenants.requester.vpcIds[1] })).toEqual([same.id]);
  });

  it('pages in ascending id order: limit cuts, the marker continues, and every peering comes once', () => {
    const requester = tenants.requester;
    const vpcs = requester.vpcIds;
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ] as const) {
      value(store.create(requester, { name: `p${a}${b}`, request_vpc_info: { vpc_id: vpcs[a]! }, accept_vpc_info: { vpc_id: vpcs[b]! } }));
    }
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = value(store.list(requester, { limit: 4, ...(marker && { marker }) }));
      expect(page.peerings.length).toBeLessThanOrEqual(4);
      seen.push(...page.peerings.map((p) => p.id));
      marker = page.nextMarker;
    } while (marker);
    expect(seen).toHaveLength(6);
    expect(seen).toEqual([...seen].sort());
    expect(value(store.list(requester, { limit: 0 })).peerings).toHaveLength(6);
  });

  it('refuses a marker the caller cannot see', () => {
    expect(refusedWith(store.list(tenants.requester, { marker: randomUUID() }))).toBe(400);
  });
});

describe('eventually consistent, as a real cloud', () => {
  // Fake timers move the wall clock the delays run on, so nothing here waits.
  beforeEach(() => {
    vi.useFakeTimers();
    store = new PeeringStore(tenants, { clock, pendingExpiryMs: SEVEN_DAYS_MS, consistency: EVENTUAL });
  });
  afterEach(() => vi.useRealTimers());

  const listedIds = () => value(store.list(tenants.requester, {})).peerings.map((p) => p.id);

  it('completes a delete in the background: DELETED meanwhile, a second delete 409, the pair held, then gone', () => {
    const { id } = value(store.create(tenants.requester, sameProject()));
    value(store.delete(tenants.requester, id));
    expect(value(store.show(tenants.requester, id)).status).toBe('DELETED');
    expect(refusedWith(store.delete(tenants.requester, id))).toBe(409);
    expect(refusedWith(store.create(tenants.requester, sameProject()))).toBe(400);
    vi.advanceTimersByTime(EVENTUAL.deleteDelayMs);
    expect(refusedWith(store.show(tenants.requester, id))).toBe(404);
    expect(store.create(tenants.requester, sameProject()).ok).toBe(true);
  });

  it('lists the writes only once the lag has passed, and each as it was until then', () => {
    const { id } = value(store.create(tenants.requester, crossProject()));
    expect(listedIds()).not.toContain(id);
    vi.advanceTimersByTime(EVENTUAL.listLagMs);
    expect(listedIds()).toContain(id);
    value(store.accept(tenants.accepter, id));
    expect(value(store.list(tenants.requester, { id })).peerings[0]!.status).toBe('PENDING_ACCEPTANCE');
    vi.advanceTimersByTime(EVENTUAL.listLagMs);
    expect(value(store.list(tenants.requester, { id })).peerings[0]!.status).toBe('ACTIVE');
    expect(value(store.show(tenants.requester, id)).status).toBe('ACTIVE');
  });
});

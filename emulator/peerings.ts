// The peering state machine, free of HTTP: who may do what to which peering, and what follows.
// Bodies reach it already checked against the document's schemas (server.ts does that).
import { randomUUID } from 'node:crypto';
import type {
  operations,
  SchemaCreatePeeringRequest,
  SchemaPeering,
  SchemaPeeringStatus,
  SchemaUpdatePeeringRequest,
} from '../generated/vpc-peering.ts';
import { formatTimestamp, type Clock } from './clock.ts';
import type { Tenants, Tenant } from './tenants.ts';
import { refuse, type StoreResult } from './refusals.ts';

export type CreateBody = SchemaCreatePeeringRequest['peering'];
export type UpdateBody = SchemaUpdatePeeringRequest['peering'];

export type StoreQuery = NonNullable<operations['listVpcPeerings']['parameters']['query']>;

export interface ListPage {
  peerings: SchemaPeering[];
  /** Set when `limit` cut the list short: the marker that continues it. */
  nextMarker?: string;
}

interface Side {
  vpcId: string;
  projectId: string;
}

export interface PeeringRecord {
  id: string;
  name: string;
  description: string;
  status: SchemaPeeringStatus;
  request: Side;
  accept: Side;
  createdAt: number;
  updatedAt: number;
}

export const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

export interface PeeringStoreOptions {
  clock: Clock;
  /** How long a request may stay PENDING_ACCEPTANCE before it becomes EXPIRED. */
  pendingExpiryMs: number;
  /** Absent: every write is seen at once. Given: writes settle as on a real cloud. */
  consistency?: Consistency;
}

/** How an eventually consistent cloud settles, in wall-clock time (the injectable clock is for
 * expiry, which no run could wait out). */
export interface Consistency {
  /** How long a delete takes to complete after its 204: meanwhile show gives the peering with
   * status DELETED, a second delete is answered 409, and the pair cannot be peered again. */
  deleteDelayMs: number;
  /** How far a list lags behind the writes. */
  listLagMs: number;
}

/** The eventually consistent server: deletes done 1.5 s after their 204, lists 0.5 s behind. */
export const EVENTUAL: Consistency = { deleteDelayMs: 1500, listLagMs: 500 };

/** A write, remembered for as long as a lagging list may not show it: what the peering was before. */
interface Write {
  at: number;
  id: string;
  before?: PeeringRecord;
}

/** Its internals are protected, not private, so that a variant (emulator/mutants.ts) can change
 * exactly one decision by overriding one method. */
export class PeeringStore {
  protected readonly peerings = new Map<string, PeeringRecord>();
  protected readonly vpcOwners = new Map<string, string>();
  private readonly recentWrites: Write[] = [];

  constructor(
    tenants: Tenants,
    protected readonly options: PeeringStoreOptions,
  ) {
    for (const tenant of Object.values(tenants)) {
      for (const vpcId of tenant.vpcIds) this.vpcOwners.set(vpcId, tenant.projectId);
    }
  }

  create(caller: Tenant, body: CreateBody): StoreResult<SchemaPeering> {
    const requestVpc = body.request_vpc_info.vpc_id;
    const acceptVpc = body.accept_vpc_info.vpc_id;
    if (this.vpcOwners.get(requestVpc) !== caller.projectId) {
      return refuse(404, 'VpcNotFound', `VPC ${requestVpc} could not be found in your project.`);
    }
    if (requestVpc === acceptVpc) {
      return refuse(400, 'InvalidInput', 'A VPC cannot be peered with itself.');
    }
    const acceptProject = this.vpcOwners.get(acceptVpc);
    if (acceptProject === undefined) {
      return refuse(404, 'VpcNotFound', `VPC ${acceptVpc} could not be found.`);
    }
    const requestTenantGiven = body.request_vpc_info.tenant_id;
    const acceptTenantGiven = body.accept_vpc_info.tenant_id;
    const crossProject = acceptProject !== caller.projectId;
    if (
      (requestTenantGiven !== undefined && requestTenantGiven !== caller.projectId) ||
      (acceptTenantGiven !== undefined && acceptTenantGiven !== acceptProject) ||
      (crossProject && acceptTenantGiven === undefined)
    ) {
      return refuse(400, 'InvalidInput', 'Accept VPC id or tenant id is incorrect.');
    }
    const existing = this.pairHolder(requestVpc, acceptVpc);
    if (existing) {
      return refuse(400, 'PeeringExists', `Peering ${existing.id} already connects these VPCs.`);
    }
    return { ok: true, value: present(this.insert(caller, body, acceptProject)) };
  }

  /** Stores a new peering: ACTIVE between two VPCs of one project, else awaiting the peer. */
  protected insert(caller: Tenant, body: CreateBody, acceptProject: string): PeeringRecord {
    const now = this.options.clock.now();
    const record: PeeringRecord = {
      id: this.newId(),
      name: body.name,
      description: body.description ?? '',
      status: acceptProject === caller.projectId ? 'ACTIVE' : 'PENDING_ACCEPTANCE',
      request: { vpcId: body.request_vpc_info.vpc_id, projectId: caller.projectId },
      accept: { vpcId: body.accept_vpc_info.vpc_id, projectId: acceptProject },
      createdAt: now,
      updatedAt: now,
    };
    this.remember(record.id);
    this.peerings.set(record.id, record);
    return record;
  }

  protected newId(): string {
    return randomUUID();
  }

  /** The peering that already connects two VPCs, in either direction. */
  protected pairHolder(a: string, b: string): PeeringRecord | undefined {
    return [...this.peerings.values()].find((p) => sameVpcPair(p, a, b));
  }

  list(caller: Tenant, query: StoreQuery): StoreResult<ListPage> {
    const visible = this.listable()
      .filter((p) => isParty(p, caller))
      .map((p) => this.withExpiry(p))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let start = 0;
    if (query.marker !== undefined) {
      const at = visible.findIndex((p) => p.id === query.marker);
      if (at < 0) return refuse(400, 'InvalidInput', `Marker ${query.marker} is not a peering you can see.`);
      start = at + 1;
    }
    const matching = visible.slice(start).filter((p) => matchesFilters(p, query));
    // Neutron reads a limit of 0 as "no limit".
    const limit = query.limit || Infinity;
    const page = matching.slice(0, limit);
    const last = page.at(-1);
    return {
      ok: true,
      value: {
        peerings: page.map(present),
        ...(matching.length > page.length && last && { nextMarker: last.id }),
      },
    };
  }

  show(caller: Tenant, id: string): StoreResult<SchemaPeering> {
    const found = this.find(caller, id);
    return found.ok ? { ok: true, value: present(found.value) } : found;
  }

  update(caller: Tenant, id: string, changes: UpdateBody): StoreResult<SchemaPeering> {
    const found = this.find(caller, id);
    if (!found.ok) return found;
    const record = found.value;
    this.remember(id);
    if (changes.name !== undefined) record.name = changes.name;
    if (changes.description !== undefined) record.description = changes.description;
    record.updatedAt = this.options.clock.now();
    return { ok: true, value: present(record) };
  }

  accept(caller: Tenant, id: string): StoreResult<SchemaPeering> {
    return this.answer(caller, id, 'ACTIVE');
  }

  reject(caller: Tenant, id: string): StoreResult<SchemaPeering> {
    return this.answer(caller, id, 'REJECTED');
  }

  delete(caller: Tenant, id: string): StoreResult<void> {
    const found = this.find(caller, id);
    if (!found.ok) return found;
    const delayMs = this.options.consistency?.deleteDelayMs;
    if (!delayMs) {
      this.forget(id);
      return { ok: true, value: undefined };
    }
    if (found.value.status === 'DELETED') return refuse(409, 'Conflict', `Peering ${id} is being deleted.`);
    this.remember(id);
    found.value.status = 'DELETED';
    found.value.updatedAt = this.options.clock.now();
    setTimeout(() => this.forget(id), delayMs).unref();
    return { ok: true, value: undefined };
  }

  private forget(id: string): void {
    this.remember(id);
    this.peerings.delete(id);
  }

  /** Notes, before a peering changes, what it was: a lagging list shows that until the lag ends. */
  protected remember(id: string): void {
    const lagMs = this.options.consistency?.listLagMs;
    if (!lagMs) return;
    const now = Date.now();
    while (this.recentWrites.length > 0 && this.recentWrites[0]!.at <= now - lagMs) this.recentWrites.shift();
    const before = this.peerings.get(id);
    this.recentWrites.push({
      at: now,
      id,
      ...(before && { before: { ...before, request: { ...before.request }, accept: { ...before.accept } } }),
    });
  }

  /** The peerings as a list shows them: as they were `listLagMs` ago, when lists lag. */
  protected listable(): PeeringRecord[] {
    const lagMs = this.options.consistency?.listLagMs;
    if (!lagMs) return [...this.peerings.values()];
    const cutoff = Date.now() - lagMs;
    const asOfCutoff = new Map(this.peerings);
    // The earliest write after the cutoff holds what the peering was at the cutoff.
    for (const write of [...this.recentWrites].reverse()) {
      if (write.at <= cutoff) break;
      if (write.before) asOfCutoff.set(write.id, write.before);
      else asOfCutoff.delete(write.id);
    }
    return [...asOfCutoff.values()];
  }

  /** Moves a peering's creation back in time, as if it had waited that long: the suite's way to
   * reach expiry without waiting, and without moving the clock under other tests' peerings. */
  age(id: string, ms: number): boolean {
    const record = this.peerings.get(id);
    if (record) record.createdAt -= ms;
    return record !== undefined;
  }

  protected answer(caller: Tenant, id: string, status: 'ACTIVE' | 'REJECTED'): StoreResult<SchemaPeering> {
    const found = this.find(caller, id);
    if (!found.ok) return found;
    const record = found.value;
    const verb = status === 'ACTIVE' ? 'accept' : 'reject';
    if (!this.mayAnswer(record, caller)) {
      return refuse(403, 'Forbidden', `Only the accepting project may ${verb} peering ${id}.`);
    }
    if (record.status !== 'PENDING_ACCEPTANCE') {
      return refuse(409, 'Conflict', `Peering ${id} is ${record.status}; only PENDING_ACCEPTANCE can be ${verb}ed.`);
    }
    this.remember(id);
    record.status = status;
    record.updatedAt = this.options.clock.now();
    return { ok: true, value: present(record) };
  }

  /** Only the project that owns the peer VPC answers a request. */
  protected mayAnswer(record: PeeringRecord, caller: Tenant): boolean {
    return record.accept.projectId === caller.projectId;
  }

  /** The peering, if the caller is a party to it; to anyone else it does not exist. */
  protected find(caller: Tenant, id: string): StoreResult<PeeringRecord> {
    const record = this.peerings.get(id);
    if (!record || !isParty(record, caller)) {
      return refuse(404, 'PeeringNotFound', `Peering ${id} could not be found.`);
    }
    return { ok: true, value: this.withExpiry(record) };
  }

  /** Expiry is applied when a peering is next looked at, so an injected clock decides it. */
  protected withExpiry(record: PeeringRecord): PeeringRecord {
    const expiresAt = record.createdAt + this.options.pendingExpiryMs;
    if (record.status === 'PENDING_ACCEPTANCE' && this.options.clock.now() >= expiresAt) {
      record.status = 'EXPIRED';
      record.updatedAt = expiresAt;
    }
    return record;
  }
}

export function isParty(p: PeeringRecord, tenant: Tenant): boolean {
  return p.request.projectId === tenant.projectId || p.accept.projectId === tenant.projectId;
}

export function sameVpcPair(p: PeeringRecord, a: string, b: string): boolean {
  return (p.request.vpcId === a && p.accept.vpcId === b) || (p.request.vpcId === b && p.accept.vpcId === a);
}

function matchesFilters(p: PeeringRecord, q: StoreQuery): boolean {
  return (
    (q.id === undefined || p.id === q.id) &&
    (q.name === undefined || p.name === q.name) &&
    (q.status === undefined || p.status === q.status) &&
    (q.tenant_id === undefined || p.request.projectId === q.tenant_id || p.accept.projectId === q.tenant_id) &&
    (q.vpc_id === undefined || p.request.vpcId === q.vpc_id || p.accept.vpcId === q.vpc_id)
  );
}

export function present(p: PeeringRecord): SchemaPeering {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    status: p.status,
    request_vpc_info: { vpc_id: p.request.vpcId, tenant_id: p.request.projectId },
    accept_vpc_info: { vpc_id: p.accept.vpcId, tenant_id: p.accept.projectId },
    created_at: formatTimestamp(p.createdAt),
    updated_at: formatTimestamp(p.updatedAt),
  };
}

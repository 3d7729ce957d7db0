// The model of the peering state machine: the peerings one sequence of commands created, who
// stands where in each, and what each tenant should see of them. It holds only what the spec
// decides; where the spec is silent (which refusal code, extra fields, the project-ID format,
// whether a rejected peering holds its pair) the commands accept every allowed answer, and the
// choice a server made is held in its ServerChoices.
import type { SchemaPeering } from '../../generated/vpc-peering.ts';
import type { ServerChoices } from './choices.ts';
import type { PeeringClient } from '../http/client.ts';
import type { VpcPair } from '../run/leases.ts';
import type { ResolvedTenant, TenantRole } from '../document/target-file.ts';
import type { Version } from './versions.ts';

/** The statuses a sequence can reach: EXPIRED needs 7 days, and once deleted a peering is gone
 * (show answers 404)... */
export type Status = 'PENDING_ACCEPTANCE' | 'ACTIVE' | 'REJECTED';
/** ...though a server completing a delete in the background may show it DELETED meanwhile: a state
 * the history keeps of a deleted peering, never the model's latest. */
type ShownStatus = Status | 'DELETED';

export interface ModelPeering {
  /** `#1`, `#2`, ... in order of creation within the sequence: how the printed script names it. */
  label: string;
  id: string;
  /** The leased pair it occupies, whichever direction it was created in. */
  pair: VpcPair;
  requestVpc: string;
  acceptVpc: string;
  /** The tenant that created it, and the one whose answer it awaits (the same one within a project). */
  requestedBy: TenantRole;
  answeredBy: TenantRole;
  status: ShownStatus;
  name: string;
  /** `''` when none was given: a server may leave an empty description out. */
  description: string;
  deleted: boolean;
  /** What the server wrote of its own when it created the peering. */
  stamp: Stamp;
}

/** What a server writes of its own into a peering it creates, which every later answer repeats:
 * when it was created, and the projects it names on each side (PEER-SHOW-002: either party sees
 * what the create returned; PEER-UPDATE-006: every field but those updated is unchanged). A field
 * the create's answer left out stays out. `updated_at` is no part of it: any change moves it. */
export interface Stamp {
  created_at?: string;
  request_tenant?: string;
  accept_tenant?: string;
}

export const stampOf = (p: SchemaPeering): Stamp => ({
  created_at: p.created_at,
  request_tenant: p.request_vpc_info.tenant_id,
  accept_tenant: p.accept_vpc_info.tenant_id,
});

export interface Model {
  /** The tenants the target names: requester and accepter, and the outsider when there is one. */
  roles: TenantRole[];
  /** The pairs the test leased, named `same-1`, `cross-1`, ... in the printed script. */
  pairs: { label: string; pair: VpcPair }[];
  peerings: ModelPeering[];
  /** Every name this test gives starts with it, so a list can tell a peering this sequence made
   * (even one the model does not know, such as a create that was refused but kept) from others'. */
  namePrefix: string;
  /** What the server chose where the spec is silent, held across the sequences of one test. */
  choices: ServerChoices;
  /** Per peering (by label), the states the sequence's own writes passed it through, oldest first:
   * what a read that lags may still show (src/model/history.ts); a peering stands `deleted` while it
   * does not exist, before its create and after its delete. */
  history: Map<string, Version<ModelPeering>[]>;
}

/** The system under test, as the commands reach it: each tenant's validating client and project. */
export interface Real {
  client(role: TenantRole): PeeringClient;
  tenant(role: TenantRole): ResolvedTenant;
  /** Reads again while `check` finds an older state (`olderState`), until the settle window ends. */
  settled(check: () => Promise<void>): Promise<void>;
  /** How long after a write a read may still show the state before it. */
  settleMs: number;
}

export function emptyModel(roles: TenantRole[], pairs: Model['pairs'], namePrefix: string, choices: ServerChoices): Model {
  return { roles, pairs, peerings: [], namePrefix, choices, history: new Map() };
}

export function live(model: Readonly<Model>): ModelPeering[] {
  return model.peerings.filter((p) => !p.deleted);
}

/** The pending or active peering that occupies a pair, in either direction: while there is one,
 * a create on the pair is refused. */
export function occupant(model: Readonly<Model>, pair: VpcPair): ModelPeering | undefined {
  return live(model).find((p) => p.pair === pair && p.status !== 'REJECTED');
}

/** A rejected peering still on the pair: whether it holds the pair is left open (SILENCE-003). */
export function rejectedOn(model: Readonly<Model>, pair: VpcPair): ModelPeering | undefined {
  return live(model).find((p) => p.pair === pair && p.status === 'REJECTED');
}

export function isParty(p: ModelPeering, role: TenantRole): boolean {
  return role === p.requestedBy || role === p.answeredBy;
}

/** The tenants party to a peering: one for a same-project peering, two across projects. */
export function partiesOf(p: ModelPeering): TenantRole[] {
  return [...new Set([p.requestedBy, p.answeredBy])];
}

/** What of a peering a list must show, as the model has it... The pages are silent on whether a
 * list shows every field show does, so a list is held to these alone. */
export function expectedListed(p: ModelPeering) {
  return { id: p.id, status: p.status, name: p.name, description: p.description, request_vpc: p.requestVpc, accept_vpc: p.acceptVpc };
}

/** ...and as a server lists it. */
export function listedView(p: SchemaPeering) {
  return {
    id: p.id,
    status: p.status,
    name: p.name,
    description: p.description ?? '',
    request_vpc: p.request_vpc_info.vpc_id,
    accept_vpc: p.accept_vpc_info.vpc_id,
  };
}

/** What of a peering every other answer must show, as the model has it... */
export function expectedView(p: ModelPeering) {
  return { ...expectedListed(p), ...viewOf(p.stamp) };
}

/** ...and as a server shows it. Anything else in the object is the server's business. */
export function shownView(p: SchemaPeering) {
  return { ...listedView(p), ...viewOf(stampOf(p)) };
}

/** A stamp with every field named, absent ones too, so that one left out differs from one given. */
const viewOf = ({ created_at, request_tenant, accept_tenant }: Stamp) => ({ created_at, request_tenant, accept_tenant });

// Create bodies that break exactly one rule, each made from a valid body by a named change and
// paired with the requirement that refuses it; and valid bodies across the same space.
import type { RequirementId } from '../../generated/requirement-ids.ts';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { SchemaCreatePeeringRequest } from '../../generated/vpc-peering.ts';
import { peeringBetween } from '../../src/suite/bodies.ts';
import type { VpcPair } from '../../src/suite/api.ts';
import type { ResolvedTenant } from '../../src/suite/api.ts';
import { safeCharacter, textOfLength } from './names.ts';

type Peering = SchemaCreatePeeringRequest['peering'];

export interface BrokenRule {
  /** What was changed, as a failure message says it. */
  reason: string;
  /** The requirement under which a conforming server refuses it. */
  refusedUnder: RequirementId;
  /** Only some rules can be broken on a same-project (or a cross-project) pair. */
  on?: VpcPair['kind'];
  apply(valid: Peering, pair: VpcPair, others: { requester: ResolvedTenant; accepter: ResolvedTenant }): unknown;
}

/** Printed by its reason in a counterexample, not as function source. */
const rule = (r: BrokenRule): BrokenRule => Object.assign(r, { [fc.toStringMethod]: () => r.reason });

export const BROKEN_RULES: BrokenRule[] = [
  rule({ reason: 'no `peering` wrapper', refusedUnder: 'PEER-CREATE-002', apply: (p) => p }),
  rule({ reason: 'no name', refusedUnder: 'PEER-CREATE-003', apply: ({ name: _, ...p }) => ({ peering: p }) }),
  rule({ reason: 'an empty name', refusedUnder: 'PEER-CREATE-004', apply: (p) => ({ peering: { ...p, name: '' } }) }),
  rule({
    reason: 'a 65-character name',
    refusedUnder: 'PEER-CREATE-004',
    apply: (p) => ({ peering: { ...p, name: p.name.padEnd(65, 'x') } }),
  }),
  rule({
    reason: 'a 256-character description',
    refusedUnder: 'PEER-CREATE-007',
    apply: (p) => ({ peering: { ...p, description: 'd'.repeat(256) } }),
  }),
  rule({ reason: 'a description with <', refusedUnder: 'PEER-CREATE-008', apply: (p) => ({ peering: { ...p, description: 'a <b> c' } }) }),
  rule({ reason: 'no request_vpc_info', refusedUnder: 'PEER-CREATE-009', apply: ({ request_vpc_info: _, ...p }) => ({ peering: p }) }),
  rule({
    reason: 'accept_vpc_info without vpc_id',
    refusedUnder: 'PEER-CREATE-009',
    apply: (p) => ({ peering: { ...p, accept_vpc_info: { tenant_id: p.accept_vpc_info.tenant_id } } }),
  }),
  rule({
    reason: 'a peer vpc_id that is not a UUID',
    refusedUnder: 'PEER-CREATE-010',
    apply: (p) => ({ peering: { ...p, accept_vpc_info: { ...p.accept_vpc_info, vpc_id: p.accept_vpc_info.vpc_id.slice(1) } } }),
  }),
  rule({
    reason: 'no peer tenant_id for another project',
    refusedUnder: 'PEER-CREATE-011',
    on: 'cross',
    apply: (p) => ({ peering: { ...p, accept_vpc_info: { vpc_id: p.accept_vpc_info.vpc_id } } }),
  }),
  rule({
    reason: "the requester's project as the peer's",
    refusedUnder: 'PEER-CREATE-012',
    on: 'cross',
    apply: (p, _, t) => ({ peering: { ...p, accept_vpc_info: { ...p.accept_vpc_info, tenant_id: t.requester.projectId } } }),
  }),
  rule({
    reason: "the accepter's project for a VPC of the caller's",
    refusedUnder: 'PEER-CREATE-012',
    on: 'same',
    apply: (p, _, t) => ({ peering: { ...p, accept_vpc_info: { ...p.accept_vpc_info, tenant_id: t.accepter.projectId } } }),
  }),
  rule({
    reason: 'a VPC peered with itself',
    refusedUnder: 'PEER-CREATE-018',
    on: 'same',
    apply: (p) => ({ peering: { ...p, accept_vpc_info: { vpc_id: p.request_vpc_info.vpc_id } } }),
  }),
  rule({
    reason: 'a peer VPC that does not exist',
    refusedUnder: 'PEER-CREATE-019',
    on: 'same',
    apply: (p) => ({ peering: { ...p, accept_vpc_info: { vpc_id: randomUUID() } } }),
  }),
  rule({
    reason: "another project's VPC as the request VPC",
    refusedUnder: 'PEER-CREATE-020',
    on: 'cross',
    apply: (p, pair, t) => ({
      peering: {
        ...p,
        request_vpc_info: { vpc_id: pair.acceptVpc },
        accept_vpc_info: { vpc_id: pair.requestVpc, tenant_id: t.requester.projectId },
      },
    }),
  }),
];

/** A valid name (run prefix, then letters and digits), and a description or none. */
export function validFields(prefix: string): fc.Arbitrary<{ name: string; description?: string }> {
  return fc.record(
    {
      name: fc.integer({ min: prefix.length, max: 64 }).chain((n) => textOfLength(prefix, n, safeCharacter)),
      description: fc.option(
        fc.integer({ min: 0, max: 255 }).chain((n) => textOfLength('', n, safeCharacter)),
        { nil: undefined },
      ),
    },
    { requiredKeys: ['name'] },
  );
}

export function validBody(pair: VpcPair, fields: { name: string; description?: string }): SchemaCreatePeeringRequest {
  return peeringBetween(pair, { name: fields.name, ...(fields.description !== undefined && { description: fields.description }) });
}

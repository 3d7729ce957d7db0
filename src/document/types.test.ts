/**
 * The generated types carry the document's rules into the compiler. These are type facts, checked
 * by `tsc` (part of `npm test`), not by running them: a line marked @ts-expect-error states what
 * the types must refuse, and tsc fails if it ever compiles; the line before it, which the types
 * must accept, shows that the refusal is for the reason given and no other.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { SchemaCreatePeeringRequest, SchemaPeering, SchemaUpdatePeeringRequest } from '../../generated/vpc-peering.ts';

/** A create body's two VPCs, without the name. */
type Vpcs = { request_vpc_info: { vpc_id: string }; accept_vpc_info: { vpc_id: string } };

describe('the generated types (checked by tsc)', () => {
  it('accept the create page example', () => {
    expectTypeOf({
      peering: {
        name: 'test',
        request_vpc_info: { vpc_id: '9daeac7c-a98f-430f-8e38-67f9c044e299' },
        accept_vpc_info: { vpc_id: 'f583c072-0bb8-4e19-afb2-afb7c1693be5' },
      },
    }).toExtend<SchemaCreatePeeringRequest>();
  });

  it('refuse a create body without `name` (PEER-CREATE-003)', () => {
    expectTypeOf<{ peering: Vpcs & { name: string } }>().toExtend<SchemaCreatePeeringRequest>();
    // @ts-expect-error PEER-CREATE-003: a create body without `name` is not a create body
    expectTypeOf<{ peering: Vpcs }>().toExtend<SchemaCreatePeeringRequest>();
  });

  it('refuse an update that changes neither name nor description (PEER-UPDATE-004)', () => {
    expectTypeOf<{ peering: { name: string } }>().toExtend<SchemaUpdatePeeringRequest>();
    expectTypeOf<{ peering: { description: string } }>().toExtend<SchemaUpdatePeeringRequest>();
    // @ts-expect-error PEER-UPDATE-004: an update must change at least one of name and description
    expectTypeOf({ peering: {} }).toExtend<SchemaUpdatePeeringRequest>();
  });

  it('give status as one of the five values, in capitals (PEER-OBJ-003)', () => {
    expectTypeOf<SchemaPeering['status']>().toEqualTypeOf<'PENDING_ACCEPTANCE' | 'REJECTED' | 'EXPIRED' | 'DELETED' | 'ACTIVE'>();
    // @ts-expect-error PEER-OBJ-003: status is one of the five values, in capitals
    expectTypeOf<'active'>().toExtend<SchemaPeering['status']>();
  });
});

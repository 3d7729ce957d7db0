/**
 * The generated types carry the document's rules into the compiler: `tsc` (part of `npm test`)
 * fails if a line marked @ts-expect-error ever compiles, so these are checked at type level.
 */
import { describe, expect, it } from 'vitest';
import type { SchemaCreatePeeringRequest, SchemaPeering, SchemaUpdatePeeringRequest } from '../../generated/vpc-peering.ts';

const seedRequest: SchemaCreatePeeringRequest = {
  peering: {
    name: 'test',
    request_vpc_info: { vpc_id: '9daeac7c-a98f-430f-8e38-67f9c044e299' },
    accept_vpc_info: { vpc_id: 'f583c072-0bb8-4e19-afb2-afb7c1693be5' },
  },
};

const withoutName: SchemaCreatePeeringRequest = {
  // @ts-expect-error PEER-CREATE-003: a create body without `name` is not a create body
  peering: {
    request_vpc_info: { vpc_id: '9daeac7c-a98f-430f-8e38-67f9c044e299' },
    accept_vpc_info: { vpc_id: 'f583c072-0bb8-4e19-afb2-afb7c1693be5' },
  },
};

// @ts-expect-error PEER-UPDATE-004: an update must change at least one of name and description
const emptyUpdate: SchemaUpdatePeeringRequest = { peering: {} };

// @ts-expect-error PEER-OBJ-003: status is one of the five values, in capitals
const lowercaseStatus: SchemaPeering['status'] = 'active';

describe('the generated types', () => {
  it('accept the create page example and reject what the document forbids (checked by tsc)', () => {
    expect(seedRequest.peering.name).toBe('test');
    expect([withoutName, emptyUpdate, lowercaseStatus]).toHaveLength(3);
  });
});

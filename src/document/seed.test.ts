/**
 * The create page's own example request and response, copied verbatim as data: the document
 * must accept both, and must carry them as its examples, so its transcription is checked
 * against the published page rather than against itself.
 */
import { describe, expect, it } from 'vitest';
import { documentValidators, describeErrors } from './validators.ts';

const SEED_REQUEST = {
  peering: {
    name: 'test',
    request_vpc_info: { vpc_id: '9daeac7c-a98f-430f-8e38-67f9c044e299' },
    accept_vpc_info: { vpc_id: 'f583c072-0bb8-4e19-afb2-afb7c1693be5' },
  },
};

const SEED_RESPONSE = {
  peering: {
    name: 'test',
    id: '22b76469-08e3-4937-8c1d-7aad34892be1',
    request_vpc_info: {
      vpc_id: '9daeac7c-a98f-430f-8e38-67f9c044e299',
      tenant_id: 'f65e9ebc-ed5d-418b-a931-9a723718ba4e',
    },
    accept_vpc_info: {
      vpc_id: 'f583c072-0bb8-4e19-afb2-afb7c1693be5',
      tenant_id: 'f65e9ebc-ed5d-418b-a931-9a723718ba4e',
    },
    status: 'ACTIVE',
  },
};

const validators = documentValidators();
const create = validators.document.paths['/v2.0/vpc/peerings'].post;

describe("the create page's examples", () => {
  it('PEER-CREATE-001 the example request is a valid create body', () => {
    const validate = validators.requestBody('createVpcPeering');
    expect(validate(SEED_REQUEST), describeErrors(validate.errors)).toBe(true);
  });

  it('PEER-CREATE-001 the example response is a valid 201 body', () => {
    const validate = validators.response('createVpcPeering', 201)!.validate!;
    expect(validate(SEED_RESPONSE), describeErrors(validate.errors)).toBe(true);
  });

  it('are the examples the document shows for create', () => {
    expect(create.requestBody.content['application/json'].examples.sameProject.value).toEqual(SEED_REQUEST);
    expect(create.responses['201'].content['application/json'].examples.sameProject.value).toEqual(SEED_RESPONSE);
  });
});

/**
 * The document is usable as a mock: Prism, serving it in-process, answers the seed's create with
 * a 201 that validates, and refuses a 65-character name with 400, as the document says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrism, type RunningPrism } from './prism.ts';
import { documentValidators, describeErrors } from '../document/validators.ts';

const validators = documentValidators();
const seedExample = validators.document.paths['/v2.0/vpc/peerings'].post.requestBody.content['application/json'].examples.sameProject.value;

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism();
});
afterAll(() => prism.close());

function create(body: unknown) {
  return fetch(`${prism.url}/v2.0/vpc/peerings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-auth-token': 'any' },
    body: JSON.stringify(body),
  });
}

describe('the document served by Prism', () => {
  it('PEER-CREATE-001 answers a valid create with 201 and a body that validates', async () => {
    const res = await create(seedExample);
    expect(res.status).toBe(201);
    const validate = validators.response('createVpcPeering', 201)!.validate!;
    expect(validate(await res.json()), describeErrors(validate.errors)).toBe(true);
  });

  it('PEER-CREATE-004 refuses a 65-character name with 400 and a Neutron error', async () => {
    const res = await create({ peering: { ...seedExample.peering, name: 'n'.repeat(65) } });
    expect(res.status).toBe(400);
    expect(res.headers.get('sl-violations')).toContain('peering.name');
    const validate = validators.response('createVpcPeering', 400)!.validate!;
    expect(validate(await res.json()), describeErrors(validate.errors)).toBe(true);
  });
});

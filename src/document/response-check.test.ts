// The validating client against a server that breaks the document in each way a vendor's might:
// every violation fails the call with the requirement IDs, the exchange, what was documented,
// and a curl line with the token masked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeeringClient } from '../http/client.ts';
import { ConformanceFailure } from '../http/failure.ts';
import { checkResponse } from './response-check.ts';

const TOKEN = 'secret-token-value-1234';
const PEERING = {
  id: '7a1c3f52-2e5b-4d0c-9c36-5f1f0d7d8e21',
  name: 'n',
  status: 'ACTIVE',
  request_vpc_info: { vpc_id: '9daeac7c-a98f-430f-8e38-67f9c044e299' },
  accept_vpc_info: { vpc_id: 'f583c072-0bb8-4e19-afb2-afb7c1693be5' },
};

let answer: { status: number; type?: string; body?: string };
let server: Server;
let client: PeeringClient;

beforeAll(async () => {
  server = createServer((_, res) => {
    res.writeHead(answer.status, answer.type ? { 'content-type': answer.type } : {}).end(answer.body);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  client = new PeeringClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { token: TOKEN });
});
afterAll(() => new Promise((closed) => server.close(closed)));

async function failureOf(call: () => Promise<unknown>): Promise<ConformanceFailure> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConformanceFailure);
  return error as ConformanceFailure;
}

const json = (status: number, body: unknown) => ({ status, type: 'application/json', body: JSON.stringify(body) });

describe('the validating client', () => {
  it('passes a response the document allows, extra fields included', async () => {
    answer = json(200, { peering: { ...PEERING, vendor_extension: true } });
    expect((await client.show(PEERING.id)).status).toBe(200);
  });

  it('fails a body that breaks the schema, naming only the requirements the broken schemas carry', async () => {
    answer = json(200, { peering: { ...PEERING, status: 'active', created_at: '2026-11-26T08:00:00Z' } });
    const failure = await failureOf(() => client.show(PEERING.id));
    expect([...(failure.details.breaks ?? [])].sort()).toEqual(['PEER-OBJ-003', 'PEER-OBJ-004']);
    expect(failure.message).toMatch(/Documented: .*\/peering\/status must be equal to one of the allowed values/);
    expect(failure.message).toMatch(/Received: +200 application\/json .*"active"/);
  });

  it('fails a create answered flat instead of wrapped in `peering`', async () => {
    answer = json(201, PEERING);
    const failure = await failureOf(() => client.createRaw({}));
    expect(failure.details.breaks).toContain('PEER-CREATE-001');
    expect(failure.message).toContain("must have required property 'peering'");
  });

  it('fails a status the operation does not document, and a success in another code as its success rule too', async () => {
    answer = json(200, {});
    const failure = await failureOf(() => client.delete(PEERING.id));
    expect(failure.details.breaks).toEqual(['PEER-ERR-002', 'PEER-DELETE-001']);
    expect(failure.message).toContain('deleteVpcPeering answers only 204, 400, 401, 403, 404, 409; 200 is not among them');
    answer = json(422, {});
    expect((await failureOf(() => client.delete(PEERING.id))).details.breaks).toEqual(['PEER-ERR-002']);
  });

  it('fails a JSON body sent as another content type, and an error sent as text', async () => {
    answer = { status: 200, type: 'text/plain', body: JSON.stringify({ peering: PEERING }) };
    expect((await failureOf(() => client.show(PEERING.id))).message).toContain('answers application/json, not text/plain');
    answer = { status: 404, type: 'text/plain', body: 'Not Found' };
    expect((await failureOf(() => client.show(PEERING.id))).details.breaks).toEqual(['PEER-ERR-002', 'PEER-ERR-001']);
  });

  it("blames a schema shared by several operations on the answering operation's rule, and on all of them elsewhere", () => {
    const described = { ...PEERING, description: 'd'.repeat(256) };
    const blamed = (operationId: string, status: number, body: unknown) =>
      checkResponse(operationId, status, 'application/json', JSON.stringify(body))?.ids;
    expect(blamed('createVpcPeering', 201, { peering: described })).toEqual(['PEER-CREATE-007']);
    expect(blamed('updateVpcPeering', 200, { peering: described })).toEqual(['PEER-UPDATE-003']);
    expect(blamed('showVpcPeering', 200, { peering: described })).toEqual(['PEER-CREATE-007', 'PEER-UPDATE-003']);
  });

  it('reads the media type as HTTP does: parameters and any case allowed, look-alikes refused', () => {
    const show = (type: string) => checkResponse('showVpcPeering', 200, type, JSON.stringify({ peering: PEERING }));
    expect(show('application/json; charset=utf-8')).toBeUndefined();
    expect(show('Application/JSON')).toBeUndefined();
    expect(show('application/jsonp')?.ids).toContain('PEER-ERR-002');
    expect(show('application/json-seq')?.ids).toContain('PEER-ERR-002');
  });

  it("fails a bodiless response that carries a body (checked directly: fetch drops a 204's body)", () => {
    expect(checkResponse('deleteVpcPeering', 204, 'application/json', '{}')?.ids).toEqual(['PEER-ERR-002', 'PEER-DELETE-001']);
    expect(checkResponse('deleteVpcPeering', 204, null, '')).toBeUndefined();
  });

  it('shows what was sent, and a curl line that replays it, with the token masked everywhere', async () => {
    answer = json(200, { peering: { ...PEERING, status: 'not-a-status' } });
    const failure = await failureOf(() => client.update(PEERING.id, { peering: { name: 'renamed' } }));
    expect(failure.message).toContain(`Sent:        PUT /v2.0/vpc/peerings/${PEERING.id}  {"peering":{"name":"renamed"}}`);
    expect(failure.message).toMatch(
      /Reproduce: +curl -X PUT 'http:\/\/127\.0\.0\.1:\d+\/v2\.0\/vpc\/peerings\/[^']+' .*-H 'x-auth-token: \*\*\*' -d '\{"peering":\{"name":"renamed"\}\}'/,
    );
    expect(failure.message).not.toContain(TOKEN);
    expect(JSON.stringify(failure.details)).not.toContain(TOKEN);
  });
});

// The emulator over HTTP, through the suite's validating client: every response it gives in
// these tests is checked against the document before an assertion sees it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeeringClient } from '../src/http/client.ts';
import { nextMarker } from '../src/http/paging.ts';
import { documentValidators } from '../src/document/validators.ts';
import { startEmulator, type RunningEmulator } from './server.ts';

let emulator: RunningEmulator;
let requester: PeeringClient;
let accepter: PeeringClient;

beforeAll(async () => {
  emulator = await startEmulator();
  requester = new PeeringClient(emulator.url, { token: emulator.tenants.requester.token });
  accepter = new PeeringClient(emulator.url, { token: emulator.tenants.accepter.token });
});
afterAll(() => emulator.close());

const seedRequest =
  documentValidators().document.paths['/v2.0/vpc/peerings'].post.requestBody.content['application/json'].examples.sameProject.value;

describe('the emulator over HTTP', () => {
  it("answers the create page's example request, with its own VPC ids, with 201 and an ACTIVE peering", async () => {
    const [a, b] = emulator.tenants.requester.vpcIds;
    const reply = await requester.create({
      peering: { ...seedRequest.peering, request_vpc_info: { vpc_id: a! }, accept_vpc_info: { vpc_id: b! } },
    });
    expect(reply.status).toBe(201);
    expect(reply.data?.peering).toMatchObject({ name: 'test', status: 'ACTIVE' });
    expect((await requester.delete(reply.data!.peering.id)).status).toBe(204);
  });

  it('runs a cross-project request through accept, update, list, show and delete', async () => {
    const { requester: r, accepter: a } = emulator.tenants;
    const created = await requester.create({
      peering: { name: 'x', request_vpc_info: { vpc_id: r.vpcIds[2]! }, accept_vpc_info: { vpc_id: a.vpcIds[1]!, tenant_id: a.projectId } },
    });
    const id = created.data!.peering.id;
    expect(created.data!.peering.status).toBe('PENDING_ACCEPTANCE');
    expect((await requester.accept(id)).status).toBe(403);
    expect((await accepter.accept(id)).data).toMatchObject({ id, status: 'ACTIVE' });
    expect((await accepter.reject(id)).status).toBe(409);
    expect((await accepter.update(id, { peering: { description: 'd' } })).data?.peering.description).toBe('d');
    expect((await accepter.list({ id })).data?.peerings.map((p) => p.id)).toEqual([id]);
    expect((await accepter.delete(id)).status).toBe(204);
    expect((await requester.show(id)).status).toBe(404);
  });

  it("refuses bodies that break the document with 400, from the document's own schemas", async () => {
    const [a, b] = emulator.tenants.requester.vpcIds;
    const valid = { name: 'n', request_vpc_info: { vpc_id: a }, accept_vpc_info: { vpc_id: b } };
    for (const broken of [
      {},
      { peering: { ...valid, name: 'n'.repeat(65) } },
      { peering: { ...valid, name: '' } },
      { peering: { ...valid, description: '<b>' } },
      { peering: { ...valid, accept_vpc_info: { vpc_id: 'not-a-uuid' } } },
      { peering: { name: 'n', request_vpc_info: { vpc_id: a } } },
    ]) {
      expect((await requester.createRaw(broken)).status, JSON.stringify(broken)).toBe(400);
    }
    expect((await requester.updateRaw(randomUUID(), { peering: {} })).status).toBe(400);
    expect((await requester.listRaw({ limit: '-1' })).status).toBe(400);
    expect((await requester.listRaw({ status: 'active' })).status).toBe(400);
  });

  it('pages through peerings_links, visiting each peering once', async () => {
    const vpcs = emulator.tenants.requester.vpcIds;
    const created: string[] = [];
    for (const [x, y] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const reply = await requester.create({
        peering: { name: 'page', request_vpc_info: { vpc_id: vpcs[x]! }, accept_vpc_info: { vpc_id: vpcs[y]! } },
      });
      created.push(reply.data!.peering.id);
    }
    const seen: string[] = [];
    let reply = await requester.list({ name: 'page', limit: 2 });
    seen.push(...reply.data!.peerings.map((p) => p.id));
    const marker = nextMarker(reply.data!.peerings_links, emulator.url);
    expect(marker).toBeDefined();
    reply = await requester.list({ name: 'page', limit: 2, marker: marker! });
    seen.push(...reply.data!.peerings.map((p) => p.id));
    expect(reply.data!.peerings_links).toBeUndefined();
    expect(seen.sort()).toEqual(created.sort());
    for (const id of created) await requester.delete(id);
  });

  it('answers 401 with the gateway body to a missing or unknown token, on every operation', async () => {
    const id = randomUUID();
    for (const client of [new PeeringClient(emulator.url, {}), new PeeringClient(emulator.url, { token: 'not-a-token' })]) {
      const replies = await Promise.all([
        client.createRaw({}),
        client.list(),
        client.show(id),
        client.updateRaw(id, {}),
        client.accept(id),
        client.reject(id),
        client.delete(id),
      ]);
      expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401]);
    }
  });
});

describe('what lies outside the API', () => {
  const raw = (path: string, init: RequestInit = {}) =>
    fetch(emulator.url + path, { ...init, headers: { 'x-auth-token': emulator.tenants.requester.token, ...init.headers } });

  it('answers an unknown path with 404 and a method a path does not take with 405 and Allow', async () => {
    expect((await raw('/v2.0/vpc/routers')).status).toBe(404);
    const wrongMethod = await raw('/v2.0/vpc/peerings', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST');
  });

  it('answers malformed JSON with 400 and an oversized body with 413, both as Neutron errors', async () => {
    const malformed = await raw('/v2.0/vpc/peerings', { method: 'POST', body: '{"peering":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ NeutronError: { type: 'MalformedRequestBody' } });
    const huge = await raw('/v2.0/vpc/peerings', { method: 'POST', body: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
  });
});

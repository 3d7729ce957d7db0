// The marker-as-position variant over HTTP: a well-formed marker naming no peering is a place in
// the order of IDs; every other marker is answered as the reference answers it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeeringClient } from '../src/http/client.ts';
import { nextMarker } from '../src/http/paging.ts';
import { MARKER_AS_POSITION } from './marker-as-position.ts';
import { startEmulator, type RunningEmulator } from './server.ts';

let emulator: RunningEmulator;
let requester: PeeringClient;
let accepter: PeeringClient;
/** The requester's three peerings, in ascending order of id. */
let ids: string[];

beforeAll(async () => {
  emulator = await startEmulator({ variant: MARKER_AS_POSITION });
  requester = new PeeringClient(emulator.url, { token: emulator.tenants.requester.token });
  accepter = new PeeringClient(emulator.url, { token: emulator.tenants.accepter.token });
  const vpcs = emulator.tenants.requester.vpcIds;
  ids = [];
  for (const [a, b] of [
    [0, 1],
    [0, 2],
    [1, 2],
  ] as const) {
    const reply = await requester.create({
      peering: { name: 'p', request_vpc_info: { vpc_id: vpcs[a]! }, accept_vpc_info: { vpc_id: vpcs[b]! } },
    });
    ids.push(reply.data!.peering.id);
  }
  ids.sort();
});
afterAll(() => emulator.close());

const listedIds = async (query: Parameters<PeeringClient['list']>[0]) => {
  const reply = await requester.list(query);
  expect(reply.status).toBe(200);
  return reply.data!.peerings.map((p) => p.id);
};

describe('marker-as-position', () => {
  it('lists, after a marker naming no peering, the peerings whose id sorts after it', async () => {
    // The first id with its last 12 hex digits raised to f: after it, and before the second unless
    // the two random ids share their first 24 characters.
    const between = `${ids[0]!.slice(0, 24)}ffffffffffff`;
    expect(ids).not.toContain(between);
    expect(await listedIds({ marker: between })).toEqual(ids.slice(1));
    expect(await listedIds({ marker: between.toUpperCase() })).toEqual(ids.slice(1));
    expect(await listedIds({ marker: '00000000-0000-4000-8000-000000000000' })).toEqual(ids);
    expect(await listedIds({ marker: 'ffffffff-ffff-4fff-bfff-ffffffffffff' })).toEqual([]);
  });

  it('pages from there with limit and next links, as from any marker', async () => {
    const first = await requester.list({ marker: '00000000-0000-4000-8000-000000000000', limit: 2 });
    expect(first.data!.peerings.map((p) => p.id)).toEqual(ids.slice(0, 2));
    const marker = nextMarker(first.data!.peerings_links, emulator.url);
    expect(marker).toBe(ids[1]);
    const second = await requester.list({ marker: marker!, limit: 2 });
    expect(second.data!.peerings.map((p) => p.id)).toEqual(ids.slice(2));
    expect(second.data!.peerings_links).toBeUndefined();
  });

  it('answers the markers the reference answers as the reference does', async () => {
    expect(await listedIds({ marker: ids[0]! })).toEqual(ids.slice(1));
    expect((await requester.listRaw({ marker: 'not-a-uuid' })).status).toBe(400);
    expect((await accepter.list({ marker: ids[0]! })).status).toBe(400);
    expect((await accepter.list({ marker: randomUUID() })).data?.peerings).toEqual([]);
  });
});

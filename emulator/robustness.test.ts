// Bad input never breaks the emulator: random methods, paths, headers and bodies (bytes, JSON,
// near-valid peerings) at every route get a 4xx or a success, never a 5xx, and it stays healthy.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './server.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const segment = fc.oneof(
  fc.uuid(),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('accept', 'reject', '..', '%', '%E0%A4%A', '', 'peerings'),
);
const path = fc.oneof(
  fc.tuple(fc.constant('/v2.0/vpc/peerings'), fc.array(segment, { maxLength: 3 })).map(([base, rest]) => [base, ...rest].join('/')),
  fc
    .tuple(fc.constant('/v2.0/vpc/peerings?'), fc.dictionary(fc.constantFrom('limit', 'marker', 'status', 'name', 'id', 'x'), fc.string()))
    .map(([base, q]) => base + new URLSearchParams(q)),
  fc.string({ maxLength: 30 }).map((s) => '/' + encodeURIComponent(s)),
);
const body = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
  fc.json().map((text) => Buffer.from(text)),
  fc
    .record({
      peering: fc.record(
        { name: fc.anything(), request_vpc_info: fc.anything(), accept_vpc_info: fc.anything(), description: fc.anything() },
        { requiredKeys: [] },
      ),
    })
    .map((value) => Buffer.from(JSON.stringify(value))),
);

it('answers every malformed request with less than 500 and stays healthy', async () => {
  const tokens = [emulator.tenants.requester.token, emulator.tenants.accepter.token, '', 'nope'];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      path,
      fc.option(body),
      fc.constantFrom(...tokens),
      async (method, target, payload, token) => {
        const canCarryBody = method !== 'GET';
        const res = await fetch(emulator.url + target, {
          method,
          headers: { 'x-auth-token': token, 'content-type': 'application/json' },
          ...(canCarryBody && payload && { body: payload }),
        });
        await res.arrayBuffer();
        expect(res.status, `${method} ${target}`).toBeLessThan(500);
      },
    ),
    { numRuns: 400 },
  );
  const health = await fetch(`${emulator.url}/v2.0/vpc/peerings`, { headers: { 'x-auth-token': emulator.tenants.requester.token } });
  expect(health.status).toBe(200);
});

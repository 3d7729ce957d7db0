// The emulator checks AK/SK signatures made by the vendor SDK's own signer: a signed request is
// accepted as its tenant's, and any change after signing (body, path, time, project) is a 401.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './server.ts';

const { AKSKSigner } = createRequire(import.meta.url)('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js');

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

/** Signs with the SDK, then sends exactly what `tamper` leaves of it. */
async function sendSigned(
  method: string,
  path: string,
  data: unknown,
  tamper: (r: { path: string; headers: Record<string, string>; body?: string }) => void = () => {},
) {
  const { requester } = emulator.tenants;
  const headers: Record<string, string> = {
    'X-Project-Id': requester.projectId,
    ...(data !== undefined && { 'Content-Type': 'application/json' }),
  };
  const signed: Record<string, string> = AKSKSigner.sign(
    { endpoint: emulator.url + path, method, headers, queryParams: {}, data },
    { getAk: () => requester.ak, getSk: () => requester.sk },
  );
  const request = { path, headers: signed, ...(data !== undefined && { body: JSON.stringify(data) }) };
  tamper(request);
  return fetch(emulator.url + request.path, {
    method,
    headers: request.headers,
    ...(request.body !== undefined && { body: request.body }),
  });
}

it('accepts a list and a create signed by the vendor SDK, as the signing tenant', async () => {
  const { requester } = emulator.tenants;
  expect((await sendSigned('GET', '/v2.0/vpc/peerings', undefined)).status).toBe(200);
  const body = {
    peering: { name: 'signed', request_vpc_info: { vpc_id: requester.vpcIds[0] }, accept_vpc_info: { vpc_id: requester.vpcIds[1] } },
  };
  const created = await sendSigned('POST', '/v2.0/vpc/peerings', body);
  expect(created.status).toBe(201);
  const { peering } = (await created.json()) as { peering: { id: string; request_vpc_info: { tenant_id: string } } };
  expect(peering.request_vpc_info.tenant_id).toBe(requester.projectId);
  expect(emulator.store.delete(requester, peering.id).ok).toBe(true);
});

it.each([
  [
    'the body changed',
    (r: { body?: string }) => {
      r.body = r.body!.replace('signed', 'forged');
    },
  ],
  [
    'the path changed',
    (r: { path: string }) => {
      r.path = '/v2.0/vpc/peerings?limit=1';
    },
  ],
  [
    'another project named',
    (r: { headers: Record<string, string> }) => {
      r.headers['X-Project-Id'] = emulator.tenants.accepter.projectId;
    },
  ],
  [
    'a signing time an hour old',
    (r: { headers: Record<string, string> }) => {
      r.headers['X-Sdk-Date'] = '20200101T000000Z';
    },
  ],
  [
    'the signature altered',
    (r: { headers: Record<string, string> }) => {
      r.headers.Authorization = r.headers.Authorization!.replace(
        /Signature=(.)/,
        (_, digit: string) => `Signature=${digit === '0' ? '1' : '0'}`,
      );
    },
  ],
])('refuses a signed request with %s, with 401 and the gateway body', async (_, tamper) => {
  const { requester } = emulator.tenants;
  const body = {
    peering: { name: 'signed', request_vpc_info: { vpc_id: requester.vpcIds[2] }, accept_vpc_info: { vpc_id: requester.vpcIds[3] } },
  };
  const res = await sendSigned('POST', '/v2.0/vpc/peerings', body, tamper as never);
  expect(res.status).toBe(401);
  expect(await res.json()).toMatchObject({ error_code: 'APIGW.0301' });
});

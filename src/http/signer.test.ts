// The suite's signer against the vendor SDK's own (a dev dependency only), on fixed requests:
// both must produce the very same Authorization header.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { sign } from './signer.ts';

const { AKSKSigner } = createRequire(import.meta.url)('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js');

const AK = 'HPUAEXAMPLEACCESSKEY1';
const SK = 'exampleSecretKeyValue0123456789abcdefGHIJ';
const NOW = Date.UTC(2026, 10, 26, 8, 0, 0);
const PROJECT = '059b5c937100d3e40ff0c00a7675a0a0';

const vectors: { method: string; path: string; query: Record<string, string>; data?: object }[] = [
  { method: 'GET', path: '/v2.0/vpc/peerings', query: {} },
  { method: 'GET', path: '/v2.0/vpc/peerings', query: { limit: '2', name: 'cf-ab12 été/x', status: 'ACTIVE' } },
  {
    method: 'POST',
    path: '/v2.0/vpc/peerings',
    query: {},
    data: {
      peering: {
        name: 'test',
        request_vpc_info: { vpc_id: '9daeac7c-a98f-430f-8e38-67f9c044e299' },
        accept_vpc_info: { vpc_id: 'f583c072-0bb8-4e19-afb2-afb7c1693be5' },
      },
    },
  },
  { method: 'PUT', path: '/v2.0/vpc/peerings/22b76469-08e3-4937-8c1d-7aad34892be1/accept', query: {} },
  { method: 'DELETE', path: '/v2.0/vpc/peerings/22b76469-08e3-4937-8c1d-7aad34892be1', query: {} },
];

it.each(vectors)('signs $method $path as the vendor SDK does', ({ method, path, query, data }) => {
  const endpoint = 'https://vpc.example.com:8443';
  const headers: Record<string, string> = { 'X-Project-Id': PROJECT, ...(data && { 'Content-Type': 'application/json' }) };
  const url = `${endpoint}${path}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;
  const ours = sign({ method, url, headers, ...(data && { body: JSON.stringify(data) }) }, { ak: AK, sk: SK }, NOW);

  const theirs = AKSKSigner.sign(
    { endpoint: `${endpoint}${path}`, method, headers: { ...headers, 'X-Sdk-Date': ours['X-Sdk-Date'] }, queryParams: query, data },
    { getAk: () => AK, getSk: () => SK },
  );
  expect(ours['X-Sdk-Date']).toBe('20261126T080000Z');
  expect(ours.Authorization).toBe(theirs.Authorization);
});

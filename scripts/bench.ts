// `npm run bench`: throughput figures measured side by side in one run. The machine is noisy,
// so each measurement is repeated in interleaved rounds and reported as a median; ratios are
// only ever taken between figures of the same run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { startEmulator } from '../emulator/server.ts';

const ROUNDS = 5;
const SECONDS_PER_ROUND = 2;
const CONNECTIONS = 10;

interface Row {
  measure: string;
  value: number;
  unit: string;
  goal?: string;
  met?: boolean;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Requests per second for one URL, the load generated in a worker thread so that it does not
 * share the server's event loop. */
async function requestsPerSecond(url: string, headers: Record<string, string>): Promise<number> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS_PER_ROUND, workers: 1 });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  return result.requests.average;
}

async function emulatorVersusBareNode(): Promise<Row[]> {
  const emulator = await startEmulator();
  const { requester } = emulator.fixtures;
  const headers = { 'x-auth-token': requester.token };
  const created = await fetch(`${emulator.url}/v2.0/vpc/peerings`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ peering: { name: 'bench', request_vpc_info: { vpc_id: requester.vpcIds[0] }, accept_vpc_info: { vpc_id: requester.vpcIds[1] } } }),
  });
  const { peering } = (await created.json()) as { peering: { id: string } };
  const showUrl = `${emulator.url}/v2.0/vpc/peerings/${peering.id}`;

  // The bare server answers the very bytes the emulator answers, so only the work differs.
  const fixed = await (await fetch(showUrl, { headers })).text();
  const bare = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixed) }).end(fixed);
  });
  await new Promise<void>((ready) => bare.listen(0, '127.0.0.1', ready));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/v2.0/vpc/peerings/${peering.id}`;

  const emulatorRates: number[] = [];
  const bareRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    emulatorRates.push(await requestsPerSecond(showUrl, headers));
    bareRates.push(await requestsPerSecond(bareUrl, headers));
  }
  await emulator.close();
  bare.close();

  const emulatorRate = median(emulatorRates);
  const bareRate = median(bareRates);
  const ratio = bareRate / emulatorRate;
  return [
    { measure: 'emulator: show, keep-alive', value: Math.round(emulatorRate), unit: 'req/s', goal: '>= 5000', met: emulatorRate >= 5000 },
    { measure: 'bare node:http, same bytes', value: Math.round(bareRate), unit: 'req/s' },
    { measure: 'bare node:http / emulator', value: Number(ratio.toFixed(2)), unit: 'x', goal: '<= 2', met: ratio <= 2 },
  ];
}

const rows = await emulatorVersusBareNode();
const table = rows.map((r) => ({
  measure: r.measure,
  value: `${r.value} ${r.unit}`,
  goal: r.goal ?? '',
  met: r.met === undefined ? '' : r.met ? 'yes' : 'NO',
}));
console.table(table);
console.log(`medians of ${ROUNDS} interleaved rounds of ${SECONDS_PER_ROUND} s, ${CONNECTIONS} connections; load from a worker thread.`);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n');
console.log('wrote reports/bench.json');
process.exitCode = rows.every((r) => r.met !== false) ? 0 : 1;

// `npm run bench`: the suite's performance figures, measured side by side in one run. The machine is noisy,
// so each measurement is repeated in interleaved rounds and reported as a median; ratios are
// only ever taken between figures of the same run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Agent, request } from 'undici';
import { startEmulator } from '../emulator/server.ts';
import { PeeringClient } from '../tests/support/client.ts';
import { runConformance } from '../tests/support/conformance-process.ts';
import { startPrism } from '../tests/support/prism.ts';
import type { TargetFile } from '../tests/support/target-file.ts';

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

  const prism = await startPrism();
  const prismUrl = `${prism.url}/v2.0/vpc/peerings/${peering.id}`;

  const emulatorRates: number[] = [];
  const bareRates: number[] = [];
  const prismRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    emulatorRates.push(await requestsPerSecond(showUrl, headers));
    bareRates.push(await requestsPerSecond(bareUrl, headers));
    prismRates.push(await requestsPerSecond(prismUrl, headers));
  }
  await emulator.close();
  await prism.close();
  bare.close();

  const emulatorRate = median(emulatorRates);
  const bareRate = median(bareRates);
  const ratio = bareRate / emulatorRate;
  return [
    { measure: 'emulator: show, keep-alive', value: Math.round(emulatorRate), unit: 'req/s', goal: '>= 5000', met: emulatorRate >= 5000 },
    { measure: 'bare node:http, same bytes', value: Math.round(bareRate), unit: 'req/s' },
    { measure: 'bare node:http / emulator', value: Number(ratio.toFixed(2)), unit: 'x', goal: '<= 2', met: ratio <= 2 },
    { measure: 'Prism mock: show, same requests', value: Math.round(median(prismRates)), unit: 'req/s' },
    { measure: 'emulator / Prism mock', value: Number((emulatorRate / median(prismRates)).toFixed(2)), unit: 'x' },
  ];
}

/** Microseconds per request, one request at a time, for each of two ways of sending it. */
async function perRequest(send: () => Promise<unknown>, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await send();
  return ((performance.now() - started) / count) * 1000;
}

/** Two ways to show the same peering: through the validating client, and with bare undici. */
async function showPeering(baseUrl: string, token: string, vpcs: string[]): Promise<{ viaClient: () => Promise<unknown>; bare: () => Promise<unknown> }> {
  const client = new PeeringClient(baseUrl, { token });
  const created = await client.create({ peering: { name: 'bench', request_vpc_info: { vpc_id: vpcs[0]! }, accept_vpc_info: { vpc_id: vpcs[1]! } } });
  const url = `${baseUrl}/v2.0/vpc/peerings/${created.data!.peering.id}`;
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const id = created.data!.peering.id;
  return {
    viaClient: () => client.show(id),
    bare: async () => (await request(url, { headers: { 'x-auth-token': token }, dispatcher: agent })).body.text(),
  };
}

/** The emulator as `npm run emulator` starts it, in its own process, as a real run meets a server. */
async function standaloneEmulator(): Promise<{ target: TargetFile; stop: () => void }> {
  const targetPath = join(mkdtempSync(join(tmpdir(), 'bench-')), 'target.json');
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', '0', '--write-target', targetPath]);
  await new Promise<void>((ready) => child.stdout.on('data', (chunk: Buffer) => { if (String(chunk).includes('Ctrl-C')) ready(); }));
  return { target: JSON.parse(readFileSync(targetPath, 'utf8')), stop: () => child.kill() };
}

const SHOWS_PER_ROUND = 2000;
/** More rounds than elsewhere: single rounds of this ratio range from 1.1 to 1.7 on this machine. */
const OVERHEAD_ROUNDS = 9;

async function harnessOverhead(): Promise<Row[]> {
  const measure = async (baseUrl: string, token: string, vpcs: string[]) => {
    const { viaClient, bare } = await showPeering(baseUrl, token, vpcs);
    await perRequest(bare, 500);
    await perRequest(viaClient, 500);
    const bareTimes: number[] = [];
    const clientTimes: number[] = [];
    for (let round = 0; round < OVERHEAD_ROUNDS; round++) {
      bareTimes.push(await perRequest(bare, SHOWS_PER_ROUND));
      clientTimes.push(await perRequest(viaClient, SHOWS_PER_ROUND));
    }
    return { bare: median(bareTimes), client: median(clientTimes) };
  };

  const standalone = await standaloneEmulator();
  const { requester } = standalone.target;
  const apart = await measure(standalone.target.baseUrl, requester.token as string, requester.vpcIds);
  standalone.stop();

  const inProcess = await startEmulator();
  const together = await measure(inProcess.url, inProcess.fixtures.requester.token, inProcess.fixtures.requester.vpcIds);
  await inProcess.close();

  const ratio = apart.client / apart.bare;
  return [
    { measure: 'bare undici request, show', value: Math.round(apart.bare), unit: 'µs' },
    { measure: 'validating client, show', value: Math.round(apart.client), unit: 'µs' },
    { measure: 'validating client / bare undici', value: Number(ratio.toFixed(2)), unit: 'x', goal: '<= 1.3', met: ratio <= 1.3 },
    { measure: 'the same, server on the client\'s thread', value: Number((together.client / together.bare).toFixed(2)), unit: 'x' },
  ];
}

/** Whole conformance runs as a user starts them, timed from outside, with what each reports. */
async function conformanceRun(args: string[]): Promise<{ wallMs: number; durationMs: number; traffic: { sent: number; validated: number; busyMs: number } }> {
  const started = performance.now();
  const run = await runConformance(args);
  const wallMs = performance.now() - started;
  if (run.code !== 0) throw new Error(`npm run conformance -- ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  const { durationMs, traffic } = run.report().run;
  return { wallMs, durationMs, traffic };
}

const DEFAULT_RUNS = 3;

async function conformanceRuns(roundTripUs: number): Promise<Row[]> {
  const defaults = [];
  const startups = [];
  for (let i = 0; i < DEFAULT_RUNS; i++) {
    defaults.push(await conformanceRun([]));
    startups.push((await conformanceRun(['-t', 'a name no test has'])).wallMs);
  }
  const byWall = [...defaults].sort((a, b) => a.wallMs - b.wallMs);
  const typical = byWall[Math.floor(byWall.length / 2)]!;
  const startup = median(startups);
  const floorMs = startup + (typical.traffic.sent * roundTripUs) / 1000;
  const full = await conformanceRun(['--emulator-latency', '50']);
  const quick = await conformanceRun(['--emulator-latency', '50', '--profile', 'quick']);
  const inFlight = (r: typeof full) => Number((r.traffic.busyMs / r.durationMs).toFixed(1));
  return [
    { measure: 'default run: wall time', value: Number((typical.wallMs / 1000).toFixed(1)), unit: 's', goal: '< 10', met: typical.wallMs < 10_000 },
    { measure: 'default run: validated responses', value: typical.traffic.validated, unit: '', goal: '>= 2000', met: typical.traffic.validated >= 2000 },
    { measure: 'default run: requests sent', value: typical.traffic.sent, unit: '' },
    { measure: 'default run: requests per second of wall time', value: Math.round(typical.traffic.sent / (typical.wallMs / 1000)), unit: 'req/s' },
    { measure: 'start-up: a run that selects no test', value: Number((startup / 1000).toFixed(1)), unit: 's' },
    { measure: 'floor: start-up + requests x round trip', value: Number((floorMs / 1000).toFixed(1)), unit: 's' },
    { measure: '50 ms latency, full profile: wall time', value: Number((full.wallMs / 1000).toFixed(1)), unit: 's', goal: '< 120', met: full.wallMs < 120_000 },
    { measure: '50 ms latency, full profile: requests in flight', value: inFlight(full), unit: 'avg' },
    { measure: '50 ms latency, quick profile: wall time', value: Number((quick.wallMs / 1000).toFixed(1)), unit: 's', goal: '< 60', met: quick.wallMs < 60_000 },
    { measure: '50 ms latency, quick profile: requests in flight', value: inFlight(quick), unit: 'avg' },
  ];
}

const overhead = await harnessOverhead();
const roundTrip = overhead.find((r) => r.measure === 'bare undici request, show')!.value;
const rows = [...await emulatorVersusBareNode(), ...overhead, ...await conformanceRuns(roundTrip)];
const table = rows.map((r) => ({
  measure: r.measure,
  value: `${r.value} ${r.unit}`,
  goal: r.goal ?? '',
  met: r.met === undefined ? '' : r.met ? 'yes' : 'NO',
}));
console.table(table);
console.log(`Medians of ${ROUNDS} interleaved rounds. Throughput: ${SECONDS_PER_ROUND} s rounds, ${CONNECTIONS} connections, load from a worker thread.`);
console.log(`Conformance runs: the default run ${DEFAULT_RUNS} times (median by wall time), each beside a run that selects no test (start-up); then each profile once against the emulator answering after 50 ms. The floor is the sequential lower bound: start-up plus every request at the measured round trip.`);
console.log(`Harness overhead: medians of ${OVERHEAD_ROUNDS} interleaved rounds of ${SHOWS_PER_ROUND} shows one at a time against the standalone emulator in its own process, as a conformance run meets its server; the last row puts the server on the client's thread, where it shares the CPU the client is measured on.`);
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n');
console.log('wrote reports/bench.json');
// Goals are reported here, not enforced: on a noisy machine a figure near its goal would turn
// CI red at random. An unmet goal reads NO in the table and is listed below it.
for (const r of rows.filter((row) => row.met === false)) console.log(`goal not met: ${r.measure} is ${r.value} ${r.unit}, goal ${r.goal}`);

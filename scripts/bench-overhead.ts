// One process's measurement of the harness overhead, spawned by `npm run bench` several times:
// shows one at a time through the validating client and through bare undici, in interleaved
// rounds, against the server a target file names (or, with --in-process, an emulator on this
// process's own thread). Prints the two medians, in microseconds per show, as JSON.
//
// A fresh process per measurement because the figure varies from process to process (how V8
// happened to compile the client's path), not only from round to round.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { startEmulator } from '../emulator/server.ts';
import { parseOptions } from '../src/cli/command-line.ts';
import { PeeringClient } from '../src/http/client.ts';

const SHOWS_PER_ROUND = 2000;
const ROUNDS = 9;

const { values: options } = parseOptions({
  command: 'node --import tsx scripts/bench-overhead.ts',
  summary:
    "One process's measurement of the harness overhead, for npm run bench: shows one at a time through the validating client and through bare undici, in interleaved rounds. Prints the two medians, in microseconds per show, as JSON.",
  options: {
    target: { type: 'string', value: 'FILE', description: 'measure against the server this target file names' },
    'in-process': { type: 'boolean', default: false, description: "measure against an emulator on this process's own thread instead" },
  },
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function perRequest(send: () => Promise<unknown>, count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count; i++) await send();
  return ((performance.now() - started) / count) * 1000;
}

const inProcess = options['in-process'] ? await startEmulator() : undefined;
const { baseUrl, token, vpcs } = inProcess
  ? { baseUrl: inProcess.url, token: inProcess.tenants.requester.token, vpcs: inProcess.tenants.requester.vpcIds }
  : (({ baseUrl, requester }) => ({ baseUrl, token: requester.token, vpcs: requester.vpcIds }))(
      JSON.parse(readFileSync(options.target!, 'utf8')),
    );

const client = new PeeringClient(baseUrl, { token });
const created = await client.create({
  peering: { name: 'bench', request_vpc_info: { vpc_id: vpcs[0] }, accept_vpc_info: { vpc_id: vpcs[1] } },
});
const id = created.data!.peering.id;
const url = `${baseUrl}/v2.0/vpc/peerings/${id}`;
const agent = new Agent({ keepAliveTimeout: 10_000 });
const viaClient = () => client.show(id);
const bare = async () => (await request(url, { headers: { 'x-auth-token': token }, dispatcher: agent })).body.text();

await perRequest(bare, 500);
await perRequest(viaClient, 500);
const bareTimes: number[] = [];
const clientTimes: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  bareTimes.push(await perRequest(bare, SHOWS_PER_ROUND));
  clientTimes.push(await perRequest(viaClient, SHOWS_PER_ROUND));
}
await client.delete(id);
await agent.close();
await inProcess?.close();
console.log(JSON.stringify({ bareUs: median(bareTimes), clientUs: median(clientTimes), rounds: ROUNDS, showsPerRound: SHOWS_PER_ROUND }));

// `npm run emulator -- --port 8080 --write-target target.json`: the emulator on its own, for
// developing a client against it or pointing any tool at it through the target file.
import { writeFileSync } from 'node:fs';
import { generateFixtures, loadFixtures, toTargetFile } from './fixtures.ts';
import { EVENTUAL } from './peerings.ts';
import { startEmulator } from './server.ts';
import { parseOptions, stopWith } from '../src/cli/command-line.ts';

const USAGE = 'usage: npm run emulator -- [--port N] [--host ADDRESS] [--write-target FILE] [--fixtures FILE] [--pending-expiry SECONDS] [--latency MS] [--eventual] [--page-size N]';

const args = parseOptions({
  port: { type: 'string', default: '8080' },
  host: { type: 'string', default: '127.0.0.1' },
  'write-target': { type: 'string' },
  fixtures: { type: 'string' },
  'pending-expiry': { type: 'string' },
  latency: { type: 'string', default: '0' },
  eventual: { type: 'boolean', default: false },
  'page-size': { type: 'string' },
}, USAGE);

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) stopWith(`--port must be a whole number from 0 to 65535, not "${args.port}".`);
const expirySeconds = args['pending-expiry'] === undefined ? undefined : Number(args['pending-expiry']);
if (expirySeconds !== undefined && !(expirySeconds > 0)) stopWith(`--pending-expiry must be a number of seconds above 0, not "${args['pending-expiry']}".`);

let fixtures;
try {
  fixtures = args.fixtures ? loadFixtures(args.fixtures) : generateFixtures();
} catch (error) {
  stopWith(`Could not read the fixtures file: ${(error as Error).message}`);
}

const pageSize = args['page-size'] === undefined ? undefined : Number(args['page-size']);
if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) stopWith(`--page-size must be a whole number above 0, not "${args['page-size']}".`);

const latencyMs = Number(args.latency);
if (!(latencyMs >= 0)) stopWith(`--latency must be a number of milliseconds, not "${args.latency}".`);
const emulator = await startEmulator({
  port,
  latencyMs,
  host: args.host,
  fixtures,
  ...(args.eventual && { consistency: EVENTUAL }),
  ...(pageSize && { pageSize }),
  ...(expirySeconds !== undefined && { pendingExpiryMs: expirySeconds * 1000 }),
}).catch((error: NodeJS.ErrnoException) =>
  stopWith(error.code === 'EADDRINUSE' ? `Port ${port} is in use: choose another with --port, or --port 0 for any free one.` : `Could not start: ${error.message}`));

const eventual = args.eventual ? `; eventually consistent: deletes complete ${EVENTUAL.deleteDelayMs} ms after their 204, lists lag ${EVENTUAL.listLagMs} ms` : '';
console.log(`VPC peering emulator listening on ${emulator.url}${eventual}${pageSize ? `; lists page at ${pageSize}` : ''}`);
for (const tenant of Object.values(emulator.fixtures)) {
  console.log(`  ${tenant.role.padEnd(9)} project ${tenant.projectId}  token ${tenant.token}${tenant.ak ? `  ak ${tenant.ak}  sk ${tenant.sk}` : ''}`);
  console.log(`  ${''.padEnd(9)} VPCs ${tenant.vpcIds.join(', ') || '(none)'}`);
}
if (args['write-target']) {
  writeFileSync(args['write-target'], JSON.stringify(toTargetFile(emulator.fixtures, emulator.url), null, 2) + '\n');
  console.log(`Target file written to ${args['write-target']}`);
}
console.log('Ctrl-C stops it.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void emulator.close().then(() => {
      console.log('Emulator stopped.');
      process.exit(0);
    });
  });
}

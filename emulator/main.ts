// The emulator on its own, for developing a client against it or pointing any tool at it through
// the target file.
import { writeFileSync } from 'node:fs';
import { generateTenants, loadTenants, toTargetFile } from './tenants.ts';
import { EVENTUAL } from './peerings.ts';
import { startEmulator } from './server.ts';
import { parseOptions, stopWith } from '../src/cli/command-line.ts';

const { values: args } = parseOptions({
  command: 'npm run emulator',
  summary:
    "Starts the reference emulator on its own: a stateful implementation of the whole VPC peering API, to develop a client against or to point any tool at. It prints each tenant's project, token, AK/SK and VPC IDs, and runs until Ctrl-C.",
  options: {
    port: { type: 'string', value: 'N', default: '8080', description: 'the port to listen on; 0 picks a free one' },
    host: { type: 'string', value: 'ADDRESS', default: '127.0.0.1', description: 'the address to listen on' },
    'write-target': {
      type: 'string',
      value: 'FILE',
      description: "write a target file naming the emulator and its tenants, for npm run conformance's --target",
    },
    tenants: {
      type: 'string',
      value: 'FILE',
      description: "read the tenants from a file in the target file's shape (default: new ones each start)",
    },
    'pending-expiry': {
      type: 'string',
      value: 'SECONDS',
      description: 'how long a request may go unanswered before it is EXPIRED (default: 7 days)',
    },
    latency: { type: 'string', value: 'MS', default: '0', description: 'answer every request this many milliseconds late' },
    eventual: {
      type: 'boolean',
      default: false,
      description: 'be eventually consistent: deletes complete in the background and lists lag',
    },
    'page-size': { type: 'string', value: 'N', description: 'answer at most N peerings a page, whatever the limit asked' },
  },
});

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) stopWith(`--port must be a whole number from 0 to 65535, not "${args.port}".`);
const expirySeconds = args['pending-expiry'] === undefined ? undefined : Number(args['pending-expiry']);
if (expirySeconds !== undefined && !(expirySeconds > 0))
  stopWith(`--pending-expiry must be a number of seconds above 0, not "${args['pending-expiry']}".`);

let tenants;
try {
  tenants = args.tenants ? loadTenants(args.tenants) : generateTenants();
} catch (error) {
  stopWith(`Could not read the tenants file: ${(error as Error).message}`);
}

const pageSize = args['page-size'] === undefined ? undefined : Number(args['page-size']);
if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0))
  stopWith(`--page-size must be a whole number above 0, not "${args['page-size']}".`);

const latencyMs = Number(args.latency);
if (!(latencyMs >= 0)) stopWith(`--latency must be a number of milliseconds, not "${args.latency}".`);
const emulator = await startEmulator({
  port,
  latencyMs,
  host: args.host,
  tenants,
  ...(args.eventual && { consistency: EVENTUAL }),
  ...(pageSize && { pageSize }),
  ...(expirySeconds !== undefined && { pendingExpiryMs: expirySeconds * 1000 }),
}).catch((error: NodeJS.ErrnoException) =>
  stopWith(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is in use: choose another with --port, or --port 0 for any free one.`
      : `Could not start: ${error.message}`,
  ),
);

const eventual = args.eventual
  ? `; eventually consistent: deletes complete ${EVENTUAL.deleteDelayMs} ms after their 204, lists lag ${EVENTUAL.listLagMs} ms`
  : '';
console.log(`VPC peering emulator listening on ${emulator.url}${eventual}${pageSize ? `; lists page at ${pageSize}` : ''}`);
for (const tenant of Object.values(emulator.tenants)) {
  console.log(
    `  ${tenant.role.padEnd(9)} project ${tenant.projectId}  token ${tenant.token}${tenant.ak ? `  ak ${tenant.ak}  sk ${tenant.sk}` : ''}`,
  );
  console.log(`  ${''.padEnd(9)} VPCs ${tenant.vpcIds.join(', ') || '(none)'}`);
}
if (args['write-target']) {
  writeFileSync(args['write-target'], JSON.stringify(toTargetFile(emulator.tenants, emulator.url), null, 2) + '\n');
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

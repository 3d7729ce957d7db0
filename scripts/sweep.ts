// `npm run sweep -- --target FILE [--dry-run]`: deletes what earlier runs left behind (a run
// killed with SIGKILL, a machine that died) and nothing else: a peering goes only if its name
// carries a run's prefix (`cf-<run id>-`) and both its VPCs are the target file's.
import { parseOptions, stopWith } from '../tests/support/command-line.ts';
import { PeeringClient } from '../tests/support/client.ts';
import { ANY_RUN_NAME } from '../tests/support/run-files.ts';
import { credentialsOf, readTargetFile, resolveTenants, TargetFileError } from '../tests/support/target-file.ts';

const options = parseOptions({
  target: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
}, 'usage: npm run sweep -- --target FILE [--dry-run]');
const file = options.target ?? process.env.PEERING_TARGET;
if (!file) stopWith('Name the target file: npm run sweep -- --target FILE.');

let baseUrl: string;
let tenants;
try {
  const target = readTargetFile(file);
  baseUrl = target.baseUrl.replace(/\/+$/, '');
  tenants = resolveTenants(target).filter((t) => t.role !== 'outsider');
} catch (error) {
  stopWith(error instanceof TargetFileError ? error.message : String(error));
}

const fixtureVpcs = new Set(tenants.flatMap((t) => t.vpcIds));
const left = new Map<string, { client: PeeringClient; line: string }>();
for (const tenant of tenants) {
  const client = new PeeringClient(baseUrl, credentialsOf(tenant));
  const listed = await client.list().catch((error: Error) => stopWith(`Could not list ${tenant.role}'s peerings at ${baseUrl}: ${error.message.split('\n')[0]}`));
  if (listed.status !== 200) stopWith(`Listing the ${tenant.role}'s peerings answered ${listed.status}: check the target file's credentials and baseUrl.`);
  for (const p of listed.data!.peerings) {
    const ours = ANY_RUN_NAME.test(p.name) && fixtureVpcs.has(p.request_vpc_info.vpc_id) && fixtureVpcs.has(p.accept_vpc_info.vpc_id);
    if (ours && !left.has(p.id)) left.set(p.id, { client, line: `${p.id} "${p.name}" ${p.status}, ${p.request_vpc_info.vpc_id} to ${p.accept_vpc_info.vpc_id}` });
  }
}

if (left.size === 0) console.log('Nothing to sweep: no peering between the fixture VPCs carries a run\'s name.');
let failed = 0;
for (const [id, { client, line }] of left) {
  if (options['dry-run']) {
    console.log(`would delete ${line}`);
    continue;
  }
  const reply = await client.delete(id).catch(() => undefined);
  if (reply?.status === 204 || reply?.status === 404) console.log(`deleted ${line}`);
  else {
    failed++;
    console.log(`could NOT delete ${line} (answered ${reply?.status ?? 'nothing'})`);
  }
}
process.exit(failed ? 1 : 0);

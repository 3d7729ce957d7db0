// Deletes what earlier runs left behind (a run killed with SIGKILL, a machine that died) and
// nothing else: a peering goes only if its name carries a run's prefix (`cf-<run id>-`) and both
// its VPCs are the target file's.
import { parseOptions, stopWith } from '../src/cli/command-line.ts';
import { peeringsBetweenTargetVpcs } from '../src/run/target-peerings.ts';
import { ANY_RUN_NAME } from '../src/run/run-files.ts';
import { readTargetFile, resolveTenants, TargetFileError } from '../src/document/target-file.ts';

const { values: options } = parseOptions({
  command: 'npm run sweep',
  summary:
    "Deletes what earlier conformance runs left behind (a run killed outright, a machine that died) and nothing else: a peering goes only if its name carries a run's prefix (cf-<run id>-) and both its VPCs are the target file's. Exit 1 when a peering could not be deleted.",
  options: {
    target: {
      type: 'string',
      value: 'FILE',
      description: 'the target file whose target VPCs are swept (default: $PEERING_TARGET; one of the two is needed)',
    },
    'dry-run': { type: 'boolean', default: false, description: 'list what would be deleted, and delete nothing' },
  },
});
const file = options.target ?? process.env.PEERING_TARGET;
if (!file) stopWith('Name the target file: npm run sweep -- --target FILE.');

let baseUrl: string;
let tenants;
try {
  const target = readTargetFile(file);
  baseUrl = target.baseUrl;
  tenants = resolveTenants(target);
} catch (error) {
  stopWith(error instanceof TargetFileError ? error.message : String(error));
}

const between = await peeringsBetweenTargetVpcs(baseUrl, tenants).catch((error: Error) =>
  stopWith(`Cannot sweep (${error.message}): check the target file's credentials and baseUrl.`),
);
const left = between.filter(({ peering }) => ANY_RUN_NAME.test(peering.name));

if (left.length === 0) console.log("Nothing to sweep: no peering between the target's VPCs carries a run's name.");
let failed = 0;
for (const { peering: p, client } of left) {
  const line = `${p.id} "${p.name}" ${p.status}, ${p.request_vpc_info.vpc_id} to ${p.accept_vpc_info.vpc_id}`;
  if (options['dry-run']) {
    console.log(`would delete ${line}`);
    continue;
  }
  const reply = await client.delete(p.id).catch(() => undefined);
  if (reply?.status === 204 || reply?.status === 404) console.log(`deleted ${line}`);
  else {
    failed++;
    console.log(`could NOT delete ${line} (answered ${reply?.status ?? 'nothing'})`);
  }
}
process.exit(failed ? 1 : 0);

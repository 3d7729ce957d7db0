// Checks the project as `npm test` does before its self-tests: the document, the types, the
// import rules, the format and what is unused. Each tool runs in turn; the first to fail ends it.
import { spawnSync } from 'node:child_process';
import { parseOptions } from '../src/cli/command-line.ts';

parseOptions({
  command: 'npm run lint',
  summary:
    "Lints the project: Spectral on the OpenAPI document, tsc, eslint (with the import rules of eslint.config.js), prettier's check and knip (unused files, exports and dependencies). Exit 0 when all pass; 1 at the first that fails.",
  options: {},
});

const TOOLS: [what: string, command: string[]][] = [
  ['Spectral, on the document', ['spectral', 'lint', '--fail-severity=warn', '--ruleset', '.spectral.mjs', 'openapi/vpc-peering.yaml']],
  ['tsc', ['tsc', '-p', 'tsconfig.json']],
  ['eslint', ['eslint', '.']],
  ["prettier's check", ['prettier', '--check', '.']],
  ['knip', ['knip']],
];

for (const [what, [tool, ...args]] of TOOLS) {
  // npm puts node_modules/.bin on the PATH of every script it runs.
  const { status } = spawnSync(tool!, args, { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`npm run lint: ${what} failed.`);
    process.exit(1);
  }
}

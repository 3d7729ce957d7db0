// `npm run conformance [-- --target prism|FILE] [--via-prism] [-t PATTERN] [--seed N] [--reports DIR]`
// Resolves the target, runs the conformance suite against it, sweeps what the run created and
// writes the reports. Exit 0: every applicable check passed; 1: something failed or leaked;
// 2: the run could not start, with one sentence saying what to fix.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalogue } from '../tests/support/document.ts';
import { Ledger } from '../tests/support/ledger.ts';
import { outcomes, verdict, warnings, writeReports, type RunSummary } from '../tests/support/reports.ts';
import { ResultCollector } from '../tests/support/results.ts';
import { sweepRun } from '../tests/support/sweep.ts';
import { openTarget, StartupProblem } from '../tests/support/target.ts';
import { parseOptions, stopWith } from '../tests/support/command-line.ts';
import type { RunContext } from '../tests/support/conformance.ts';

const USAGE = 'usage: npm run conformance -- [--target prism|FILE] [--via-prism] [-t PATTERN] [--seed N] [--reports DIR] [--emulator-variant NAME] [--bail]';

const options = parseOptions({
  target: { type: 'string' },
  'via-prism': { type: 'boolean', default: false },
  'test-name-pattern': { type: 'string', short: 't' },
  seed: { type: 'string' },
  reports: { type: 'string', default: 'reports' },
  'emulator-variant': { type: 'string' },
  bail: { type: 'boolean', default: false },
}, USAGE);

const REPORTS_DIR = options.reports;
const seedText = options.seed ?? process.env.PEERING_SEED;
const seed = seedText === undefined ? randomInt(2 ** 31) : Number(seedText);
if (!Number.isInteger(seed)) stopWith(`The seed must be a whole number, not "${seedText}".`);
const propertyRuns = Number(process.env.PEERING_PROPERTY_RUNS ?? 50);

const startedAt = new Date();
const runId = randomBytes(4).toString('hex');
const runDir = mkdtempSync(join(tmpdir(), `peering-run-${runId}-`));

const opened = await openTarget(options.target ?? process.env.PEERING_TARGET, { viaPrism: options['via-prism'], ...(options['emulator-variant'] && { variant: options['emulator-variant'] }) })
  .catch((error: unknown) => stopWith(error instanceof StartupProblem ? error.message : `Could not start: ${(error as Error).message}`));
const { target } = opened;

console.log(`Conformance run ${runId} against ${target.description}`);
console.log(`Seed ${seed} (replay with PEERING_SEED=${seed}); ${propertyRuns} runs per property`);

const collector = new ResultCollector();
const { createVitest } = await import('vitest/node');
const vitest = await createVitest('test', {
  config: 'vitest.conformance.config.ts',
  watch: false,
  ...(options['test-name-pattern'] && { testNamePattern: options['test-name-pattern'] }),
  ...(options.bail && { bail: 1 }),
  reporters: ['default', ['junit', { outputFile: join(REPORTS_DIR, 'junit.xml') }], collector],
});
const context: RunContext = { target, runId, runDir, seed, propertyRuns };
vitest.provide('run', context);
await vitest.start();
await vitest.close();

const { leaks, stuck } = await sweepRun(target, new Ledger(join(runDir, 'ledger.jsonl')), `cf-${runId}-`);
await opened.close();
rmSync(runDir, { recursive: true, force: true });

const summary: RunSummary = {
  runId,
  target: target.description,
  kind: target.kind,
  startedAt: startedAt.toISOString(),
  durationMs: Date.now() - startedAt.getTime(),
  seed,
  propertyRuns,
  leaks,
};
const requirements = outcomes(loadCatalogue(), collector.tests);
const reasons = verdict(requirements, collector.tests, summary);
if (stuck.length) reasons.push(`the sweep could not delete: ${stuck.join(', ')}: delete them by hand`);
writeReports(REPORTS_DIR, requirements, summary, reasons);

const count = (result: string) => requirements.filter((r) => r.result === result).length;
console.log(`\nRequirements: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped, ${count('not covered')} not covered`);
for (const r of requirements.filter((r) => r.result === 'skipped')) console.log(`  skipped ${r.id}: ${r.why}`);
for (const t of warnings(requirements, collector.tests)) console.log(`  warning (SHOULD/MAY only, does not fail the run): ${t.name}`);
for (const r of requirements.filter((r) => r.result === 'not covered')) {
  console.log(`  not covered ${r.id} (${r.level})${r.level === 'MUST' ? '' : ': allowed for a ' + r.level + ' requirement, reported only'}`);
}
console.log(`Reports: ${REPORTS_DIR}/conformance.md, ${REPORTS_DIR}/conformance.json, ${REPORTS_DIR}/junit.xml`);
console.log(reasons.length ? `FAIL: ${reasons.join('; ')}` : 'PASS: every applicable check passed and the run left nothing behind.');
process.exit(reasons.length ? 1 : 0);

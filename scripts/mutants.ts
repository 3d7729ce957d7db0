// `npm run mutants`: runs the suite against every mutant of the emulator (each breaks exactly
// one requirement) and against the tolerant variant (which breaks none). Every mutant must be
// killed and the tolerant variant must pass; anything else fails the command.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MUTANTS } from '../emulator/mutants.ts';
import { TOLERANT } from '../emulator/tolerant.ts';
import { parseOptions } from '../tests/support/command-line.ts';
import { runConformance } from '../tests/support/conformance-process.ts';

const options = parseOptions({
  list: { type: 'boolean', default: false },
  only: { type: 'string' },
  jobs: { type: 'string', default: String(availableParallelism()) },
}, 'usage: npm run mutants -- [--list] [--only NAME] [--jobs N]');

if (options.list) {
  for (const m of MUTANTS) console.log(`${m.name.padEnd(32)} breaks ${m.breaks}: ${m.summary}`);
  process.exit(0);
}

interface Outcome {
  mutant: string;
  breaks: string;
  result: 'killed' | 'survived';
  killedBy: string;
  byItsRequirement: boolean;
  seconds: number;
}

async function attack(name: string, breaks: string): Promise<Outcome> {
  const started = performance.now();
  const run = await runConformance(['--emulator-variant', name, '--bail']);
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const failed = run.code === 1 ? run.report().requirements.flatMap((r: { tests: { state: string; name: string; ids: string[] }[] }) => r.tests).filter((t: { state: string }) => t.state === 'failed') : [];
  if (run.code !== 0 && run.code !== 1) throw new Error(`the run against ${name} could not start:\n${run.stderr}`);
  return {
    mutant: name,
    breaks,
    result: run.code === 1 ? 'killed' : 'survived',
    killedBy: failed[0]?.name ?? (run.code === 1 ? 'the end-of-run sweep' : ''),
    byItsRequirement: failed.some((t: { ids: string[] }) => t.ids.includes(breaks)),
    seconds,
  };
}

/** Runs `work` over `items`, at most `jobs` at a time. */
async function inParallel<T, R>(items: T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  }));
  return results;
}

const started = performance.now();
const chosen = MUTANTS.filter((m) => !options.only || m.name === options.only);
const [outcomes, tolerant] = await Promise.all([
  inParallel(chosen, Math.max(1, Number(options.jobs) - 1), (m) => attack(m.name, m.breaks!)),
  options.only ? undefined : runConformance(['--emulator-variant', TOLERANT.name]),
]);

console.table(outcomes.map((o) => ({
  mutant: o.mutant,
  breaks: o.breaks,
  result: o.result === 'killed' ? 'killed' : 'SURVIVED',
  'killed by': o.killedBy.slice(0, 70),
  'its requirement': o.byItsRequirement ? 'yes' : 'no',
  'time to kill': `${o.seconds} s`,
})));
const survivors = outcomes.filter((o) => o.result === 'survived');
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(`${outcomes.length - survivors.length} of ${outcomes.length} mutants killed in ${total} s. The time to kill is the run's wall time with --bail, start-up included.`);
if (tolerant) {
  console.log(tolerant.code === 0
    ? `The tolerant variant (${TOLERANT.summary}) passes.`
    : `The tolerant variant FAILS: the suite is stricter than the spec.\n${tolerant.stdout.split('\n').filter((l) => /×|FAIL|Expected|Received/.test(l)).join('\n')}`);
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/mutants.json', JSON.stringify({ date: new Date().toISOString(), seconds: Number(total), outcomes, tolerantPasses: tolerant?.code === 0 }, null, 2) + '\n');
process.exit(survivors.length === 0 && (!tolerant || tolerant.code === 0) ? 0 : 1);

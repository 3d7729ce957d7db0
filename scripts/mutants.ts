// `npm run mutants`: runs the suite against every mutant of the emulator (each breaks exactly
// one requirement) and against the tolerant variants (which break none, each making other legal
// choices where the spec is silent). Every mutant must be killed and every tolerant variant must
// pass; anything else fails the command.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MUTANTS } from '../emulator/mutants.ts';
import { INDEPENDENT } from '../emulator/independent.ts';
import { MARKER_AS_POSITION } from '../emulator/marker-as-position.ts';
import { TOLERANT } from '../emulator/tolerant.ts';
import { parseOptions } from '../src/cli/command-line.ts';
import { loadCatalogue } from '../src/document/document.ts';
import { runConformance, type ConformanceOutput } from '../src/cli/child-scripts.ts';

const { values: options } = parseOptions({
  command: 'npm run mutants',
  summary:
    'Runs the suite against every mutant of the emulator, each breaking exactly one requirement, and against the tolerant variants, which break none. Exit 0 when every mutant is killed and every tolerant variant passes, 1 otherwise; the table goes to the console and reports/mutants.json.',
  options: {
    list: { type: 'boolean', default: false, description: 'list the mutants and the requirement each breaks, and run nothing' },
    only: { type: 'string', value: 'NAME', description: 'run only this mutant, and no tolerant variant' },
    jobs: { type: 'string', value: 'N', description: 'runs at once (default: the number of cores, twice that with --eventual)' },
    eventual: {
      type: 'boolean',
      default: false,
      description: 'make the emulator eventually consistent, as a real cloud may be; the table goes to reports/mutants-eventual.json',
    },
  },
});

// The emulator settles within 2 s even when eventually consistent: a mutant that never settles
// (a delete that never completes) is killed after this window, not after a real cloud's minute.
const runOptions = ['--settle-timeout', '10', ...(options.eventual ? ['--emulator-eventual'] : [])];
// A kill needs a counterexample, not its smallest form: shrinking, bounded by the property's
// budget, is most of a kill's time when every run waits for deletes to complete.
const PROPERTY_BUDGET_S = 20;
const mutantOptions = [...runOptions, '--property-budget', String(PROPERTY_BUDGET_S)];
// Eventually consistent runs spend their time waiting, not computing: twice as many fit.
const jobs = Number(options.jobs ?? availableParallelism() * (options.eventual ? 2 : 1));

if (options.list) {
  for (const m of MUTANTS) console.log(`${m.name.padEnd(32)} breaks ${m.breaks}: ${m.summary}`);
  process.exit(0);
}

interface MutantResult {
  mutant: string;
  breaks: string;
  result: 'killed' | 'survived';
  killedBy: string;
  byItsRequirement: boolean;
  /** For a race mutant: whether every test but the race tests passed, as they must... */
  sequentialTestsPass?: boolean;
  /** ...and whether the concurrent lifecycle property, run alone, killed it too. */
  killedByProperty?: boolean;
  seconds: number;
}

/** A race mutant breaks a rule only for requests sent together: only the race tests may kill it. */
const RACE = 'PEER-RACE-';
const ALL_BUT_RACE_TESTS = ['--requirement', `!${RACE}*`];
const CONCURRENT_PROPERTY = ['-t', 'any batch sent together after any short sequence'];

const failedTests = (run: ConformanceOutput) =>
  run
    .report()
    .requirements.flatMap((r) => r.tests)
    .filter((t) => t.state === 'failed');

async function attack(name: string, breaks: string): Promise<MutantResult> {
  const started = performance.now();
  let run = await runConformance(['--emulator-variant', name, '--bail', ...mutantOptions]);
  if (run.code !== 0 && run.code !== 1) throw new Error(`the run against ${name} could not start:\n${run.stderr}`);
  // --bail stops at the first failure, a SHOULD's warning too: when that warning was not about the
  // mutant's own requirement, the tests that name it are run on their own.
  if (run.code === 0 && !failedTests(run).some((t) => t.blamed?.includes(breaks))) {
    run = await runConformance(['--emulator-variant', name, '--requirement', breaks, ...mutantOptions]);
  }
  const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const [sequential, property] = breaks.startsWith(RACE)
    ? await Promise.all(
        [ALL_BUT_RACE_TESTS, CONCURRENT_PROPERTY].map((tests) => runConformance(['--emulator-variant', name, ...tests, ...mutantOptions])),
      )
    : [];
  const failed = failedTests(run);
  // A mutant of a SHOULD requirement fails no run: it is killed when the run reports it broken.
  const warned = run.code === 0 && failed.some((t) => t.blamed?.includes(breaks));
  return {
    mutant: name,
    breaks,
    result: run.code === 1 || warned ? 'killed' : 'survived',
    killedBy: failed[0]?.name ?? (run.code === 1 ? 'the end-of-run sweep' : ''),
    byItsRequirement: failed.some((t) => t.ids.includes(breaks)),
    ...(sequential && property && { sequentialTestsPass: sequential.code === 0, killedByProperty: property.code === 1 }),
    seconds,
  };
}

/** Runs `work` over `items`, at most `jobs` at a time. */
async function inParallel<T, R>(items: T[], jobs: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
}

const levels = new Map(loadCatalogue().map((r) => [r.id, r.level]));
const started = performance.now();
const chosen = MUTANTS.filter((m) => !options.only || m.name === options.only);
const tolerantVariants = options.only ? [] : [TOLERANT, INDEPENDENT, MARKER_AS_POSITION];
const [outcomes, tolerantRuns] = await Promise.all([
  inParallel(chosen, Math.max(1, jobs - tolerantVariants.length), (m) => attack(m.name, m.breaks!)),
  Promise.all(tolerantVariants.map((v) => runConformance(['--emulator-variant', v.name, ...runOptions]))),
]);

// Eventually consistent, every batch of the property waits out its deletes, and within its budget
// the property sends a fraction of the batches it sends otherwise: a miss there is a budget spent,
// not a blind check (no verdict from the clock). Its kills are required where it runs freely.
const propertyMustKill = !options.eventual;
console.table(
  outcomes.map((o) => ({
    mutant: o.mutant,
    breaks: o.breaks,
    result: o.result === 'killed' ? 'killed' : 'SURVIVED',
    level: levels.get(o.breaks),
    'killed by': o.killedBy.slice(0, 70),
    'its requirement': o.byItsRequirement ? 'yes' : 'no',
    'time to kill': `${o.seconds} s`,
    'sequential tests': o.sequentialTestsPass === undefined ? '' : o.sequentialTestsPass ? 'pass' : 'KILL IT',
    'concurrent property':
      o.killedByProperty === undefined ? '' : o.killedByProperty ? 'kills it' : propertyMustKill ? 'MISSES IT' : 'missed it in its budget',
  })),
);
const survivors = outcomes.filter((o) => o.result === 'survived');
const seenSequentially = outcomes.filter((o) => o.sequentialTestsPass === false);
const missedByProperty = outcomes.filter((o) => o.killedByProperty === false);
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${outcomes.length - survivors.length} of ${outcomes.length} mutants killed in ${total} s${options.eventual ? ', the emulator eventually consistent' : ''}. The time to kill is the run's wall time with --bail, start-up included.`,
);
console.log(
  `Race mutants (${RACE}*) are also run against every other test, which must pass ("sequential tests"; "KILL IT" means the mutant is no race at all), and against the concurrent lifecycle property alone, which ${propertyMustKill ? 'must kill them too' : `is shown, not required, here: eventually consistent, it sends few batches within its ${PROPERTY_BUDGET_S} s budget`}.`,
);
for (const o of seenSequentially)
  console.log(`The race mutant ${o.mutant} is killed by tests that send one request at a time: its race window is not one.`);
for (const o of missedByProperty)
  console.log(
    `The concurrent lifecycle property did not kill the race mutant ${o.mutant}${propertyMustKill ? '.' : ` within its ${PROPERTY_BUDGET_S} s budget (shown, not required, in eventual mode).`}`,
  );
const tolerantPasses = tolerantVariants.map((v, i) => ({ variant: v.name, passes: tolerantRuns[i]!.code === 0 }));
tolerantVariants.forEach((v, i) => {
  const run = tolerantRuns[i]!;
  console.log(
    run.code === 0
      ? `The ${v.name} variant (${v.summary}) passes.`
      : `The ${v.name} variant FAILS: the suite is stricter than the spec. Its run printed:\n${run.stdout}`,
  );
});
mkdirSync('reports', { recursive: true });
writeFileSync(
  options.eventual ? 'reports/mutants-eventual.json' : 'reports/mutants.json',
  JSON.stringify({ date: new Date().toISOString(), seconds: Number(total), outcomes, tolerantPasses }, null, 2) + '\n',
);
const failedByProperty = propertyMustKill ? missedByProperty : [];
process.exit(survivors.length + seenSequentially.length + failedByProperty.length === 0 && tolerantPasses.every((t) => t.passes) ? 0 : 1);

// `npm run mutants`: proves each requirement's tests by a server that breaks it. A run against the
// emulator as it is finds, for each requirement, the tests that judge it; each mutant of the
// emulator (each breaking one requirement) is then run against those tests only, and is killed
// only when its own requirement is reported failed. Every MUST must have a mutant so killed, and
// every tolerant variant (each making other legal choices where the spec is silent) must pass;
// anything else fails the command. A mutant that also fails requirements it does not declare is
// a finding, shown for each MUST it leaves without a clean proof: the suite's blame is too wide
// there (issue 25), which the command reports and does not yet fail on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { randomInt } from 'node:crypto';
import pLimit from 'p-limit';
import { MUTANTS } from '../emulator/mutants.ts';
import { INDEPENDENT } from '../emulator/independent.ts';
import { MARKER_AS_POSITION } from '../emulator/marker-as-position.ts';
import { TOLERANT } from '../emulator/tolerant.ts';
import { parseOptions } from '../src/cli/command-line.ts';
import { loadCatalogue } from '../src/document/document.ts';
import { namePatternOf, testsJudging } from '../src/reports/judging-tests.ts';
import { mutantVerdict, requirementProofs, type Mutant, type MutantVerdict, type RequirementProof } from '../src/reports/mutant-verdict.ts';
import type { ConformanceOutput } from './support/child-scripts.ts';
// Every run in this process: each has its own vitest, workers and emulator, and none pays a
// process's start-up.
import { runConformance } from './support/in-process.ts';
import { checkout } from './support/checkout.ts';

const { values: options } = parseOptions({
  command: 'npm run mutants',
  summary:
    'Runs each mutant of the emulator, each breaking one requirement, against the tests that judge that requirement, and the tolerant variants, which break none, against the whole suite. A mutant is killed only when its own requirement is reported failed. Exit 0 when every mutant is killed so, every MUST has such a mutant, and every tolerant variant passes; 1 otherwise. A mutant that also fails requirements it does not declare is shown as a finding. The tables go to the console and reports/mutants.json.',
  options: {
    list: { type: 'boolean', default: false, description: 'list the mutants and the requirement each breaks, and run nothing' },
    only: { type: 'string', value: 'NAME', description: 'run only this mutant, and no tolerant variant' },
    jobs: { type: 'string', value: 'N', description: 'runs at once (default: the number of cores, eight times that with --eventual)' },
    eventual: {
      type: 'boolean',
      default: false,
      description: 'make the emulator eventually consistent, as a real cloud may be; the tables go to reports/mutants-eventual.json',
    },
  },
});

if (options.list) {
  for (const m of MUTANTS) console.log(`${m.name.padEnd(32)} breaks ${m.breaks}: ${m.summary}`);
  process.exit(0);
}

// A read showing an older state is read again within the settle window. The emulator as it is
// serves no older state at all, and settles within 2 s when eventually consistent: a mutant that
// never settles (a delete that never completes, a list that never shows) is killed after this
// window, not after a real cloud's minute. The reference run and the tolerant variants must pass
// within the same window, which proves it wide enough.
const SETTLE_S = options.eventual ? 10 : 2;
// A kill needs a counterexample, not its smallest form (--no-shrink): shrinking, bounded by the
// property's budget, was most of a kill's time when each smaller case waits out a settle window.
const PROPERTY_BUDGET_S = 20;
// Every run, the reference and the tolerant variants included, is judged with the same settings:
// what proves a kill is also what proves a tolerant variant passes.
const runOptions = [
  '--settle-timeout',
  String(SETTLE_S),
  '--property-budget',
  String(PROPERTY_BUDGET_S),
  '--no-shrink',
  ...(options.eventual ? ['--emulator-eventual'] : []),
];
// Every run generates the same cases as the reference run that chose its tests.
const seed = Number(process.env.PEERING_SEED ?? randomInt(2 ** 31));
// Eventually consistent runs spend their time waiting for deletes, not computing: six runs per
// core kept a quarter of the cores busy, twelve (each with eight test files at once) all of them.
const jobs = Number(options.jobs ?? availableParallelism() * (options.eventual ? 8 : 1));
// Every run, whichever it is, takes one of the command's slots.
const slot = pLimit(jobs);
// Each vitest listens for the process's exit and unhandled rejections until its run ends: as many
// pairs of listeners as runs at once, which is no leak.
process.setMaxListeners(jobs + 10);
const run = (args: string[]) =>
  slot(async () => {
    const started = performance.now();
    const output = await runConformance(args, { PEERING_SEED: String(seed) });
    return { ...output, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
  });

/** A race mutant breaks a rule only for requests sent together: only the race tests may kill it. */
const RACE = 'PEER-RACE-';
const ALL_BUT_RACE_TESTS = ['--requirement', `!${RACE}*`];
const CONCURRENT_PROPERTY = ['-t', 'any batch sent together after any short sequence'];

/** What the command writes to reports/mutants.json (or mutants-eventual.json), and the bench reads. */
export interface MutantsReport {
  date: string;
  /** The commit measured at, and whether tracked files differed from it; none outside git. */
  commit?: string;
  uncommitted?: boolean;
  jobs: number;
  /** From the first run to the tables, start-up excluded. */
  seconds: number;
  seed: number;
  outcomes: MutantOutcome[];
  requirements: RequirementProof[];
  tolerantPasses: { variant: string; passes: boolean }[];
}

interface MutantOutcome extends MutantVerdict {
  /** The tests run against it: those that judge its requirement in the reference run. */
  tests: number;
  /** For a race mutant: whether every test but the race tests passed, as they must... */
  sequentialTestsPass?: boolean;
  /** ...and whether the concurrent lifecycle property, run alone, killed it too. */
  killedByProperty?: boolean;
  seconds: number;
}

function requireStarted<Run extends ConformanceOutput>(run: Run, against: string): Run {
  if (run.code !== 0 && run.code !== 1) throw new Error(`the run against ${against} could not start:\n${run.stderr || run.stdout}`);
  return run;
}

/** Runs a mutant against the tests that judge its requirement, and a race mutant against the
 * other tests and the concurrent property as well: all its runs are asked for at once. */
async function attack(mutant: Mutant, judgingTests: string[]): Promise<MutantOutcome> {
  const { name, breaks } = mutant;
  const against = (tests: string[]) => run(['--emulator-variant', name, ...tests, ...runOptions]);
  const race = breaks.startsWith(RACE);
  const [attacked, sequential, property] = await Promise.all([
    judgingTests.length === 0 ? undefined : against(['-t', namePatternOf(judgingTests)]).then((r) => requireStarted(r, name)),
    race ? against(ALL_BUT_RACE_TESTS) : undefined,
    race ? against(CONCURRENT_PROPERTY) : undefined,
  ]);
  return {
    ...mutantVerdict(mutant, attacked?.report().requirements ?? []),
    tests: judgingTests.length,
    ...(sequential && property && { sequentialTestsPass: sequential.code === 0, killedByProperty: property.code === 1 }),
    seconds: attacked?.seconds ?? 0,
  };
}

const catalogue = loadCatalogue();
const levels = new Map(catalogue.map((r) => [r.id, r.level]));
const started = performance.now();
const mode = options.eventual ? ', the emulator eventually consistent' : '';

// The reference run: the emulator as it is must pass, and its evidence says which tests judge
// which requirement. The tolerant variants need nothing from it: they start with it.
const referenceRun = run(runOptions);
const tolerantVariants = options.only ? [] : [TOLERANT, INDEPENDENT, MARKER_AS_POSITION];
const tolerantRuns = Promise.all(tolerantVariants.map((v) => run(['--emulator-variant', v.name, ...runOptions])));
const reference = requireStarted(await referenceRun, 'the emulator');
if (reference.code !== 0) {
  console.log(
    `The emulator itself fails the suite${mode} (seed ${seed}), so no mutant can be judged. Its run printed:\n${reference.stdout}`,
  );
  process.exit(1);
}
const judging = reference.report();

const chosen = MUTANTS.filter((m) => !options.only || m.name === options.only);
// Slots are given in the order runs are asked for: the longest first (the race mutants, each also
// run against every other test, then the mutants judged by the most tests), so that none is left
// to run alone at the end. The tables keep the catalogue's order.
const judgedBy = new Map(chosen.map((m) => [m.name, testsJudging(judging, m.breaks!)]));
const longestFirst = [...chosen].sort(
  (a, b) =>
    Number(b.breaks!.startsWith(RACE)) - Number(a.breaks!.startsWith(RACE)) || judgedBy.get(b.name)!.length - judgedBy.get(a.name)!.length,
);
const attacks = new Map(
  longestFirst.map((m) => [m.name, attack({ name: m.name, breaks: m.breaks!, consequences: m.consequences }, judgedBy.get(m.name)!)]),
);
const [outcomes, tolerantResults] = await Promise.all([Promise.all(chosen.map((m) => attacks.get(m.name)!)), tolerantRuns]);
const proofs = requirementProofs(catalogue, outcomes).filter((p) => !options.only || p.mutants.length > 0);

// Eventually consistent, every batch of the property waits out its deletes, and within its budget
// the property sends a fraction of the batches it sends otherwise: a miss there is a budget spent,
// not a blind check (no verdict from the clock). Its kills are required where it runs freely.
const propertyMustKill = !options.eventual;
console.table(
  outcomes.map((o) => ({
    mutant: o.mutant,
    breaks: o.breaks,
    level: levels.get(o.breaks),
    result: o.result === 'killed' ? 'killed' : 'SURVIVED',
    'also broke': o.alsoBroken.join(' '),
    tests: o.tests,
    time: `${o.seconds} s`,
    'sequential tests': o.sequentialTestsPass === undefined ? '' : o.sequentialTestsPass ? 'pass' : 'KILL IT',
    'concurrent property':
      o.killedByProperty === undefined ? '' : o.killedByProperty ? 'kills it' : propertyMustKill ? 'MISSES IT' : 'missed it in its budget',
  })),
);
console.table(
  proofs.map((p) => ({
    requirement: p.requirement,
    level: p.level,
    'killed by it': p.killedBy.join(' ') || (p.level === 'MUST' ? 'NOTHING' : 'nothing'),
    'proven cleanly by': p.provenBy.join(' '),
  })),
);

const survivors = outcomes.filter((o) => o.result === 'survived');
const flagged = outcomes.filter((o) => o.alsoBroken.length > 0);
const unproven = proofs.filter((p) => p.level === 'MUST' && p.killedBy.length === 0);
const uncleanlyProven = proofs.filter((p) => p.level === 'MUST' && p.killedBy.length > 0 && p.provenBy.length === 0);
const seenSequentially = outcomes.filter((o) => o.sequentialTestsPass === false);
const missedByProperty = outcomes.filter((o) => o.killedByProperty === false);
const total = ((performance.now() - started) / 1000).toFixed(1);
const musts = proofs.filter((p) => p.level === 'MUST');
console.log(
  `${outcomes.length - survivors.length} of ${outcomes.length} mutants killed by their own requirement, ${musts.length - unproven.length} of ${musts.length} MUSTs proven by a mutant their own failure kills (${musts.length - unproven.length - uncleanlyProven.length} by one that breaks nothing it does not declare), in ${total} s${mode} (seed ${seed}). Each mutant ran only the tests that judge its requirement in the reference run; its time is the run's wall time, start-up included.`,
);
for (const o of survivors)
  console.log(
    o.tests === 0
      ? `The mutant ${o.mutant} SURVIVED: no test judges ${o.breaks}.`
      : `The mutant ${o.mutant} SURVIVED: ${o.breaks} was not reported failed${o.alsoBroken.length ? `, only ${o.alsoBroken.join(', ')}: the mutant breaks more than it says, or the tests of ${o.breaks} are blind` : ''}.`,
  );
for (const o of flagged.filter((o) => o.result === 'killed'))
  console.log(`Finding: the mutant ${o.mutant} breaks more than ${o.breaks}: ${o.alsoBroken.join(', ')} failed too.`);
for (const p of unproven) console.log(`The MUST ${p.requirement} is proven by no mutant: none is killed by its failure.`);
for (const p of uncleanlyProven)
  console.log(
    `Finding: the MUST ${p.requirement} is proven only by a mutant that fails other requirements too (${p.killedBy.join(', ')}); the suite's blame is wider than the rule there.`,
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
const tolerantPasses = tolerantVariants.map((v, i) => ({ variant: v.name, passes: tolerantResults[i]!.code === 0 }));
tolerantVariants.forEach((v, i) => {
  const run = tolerantResults[i]!;
  console.log(
    run.code === 0
      ? `The ${v.name} variant (${v.summary}) passes.`
      : `The ${v.name} variant FAILS: the suite is stricter than the spec. Its run printed:\n${run.stdout}`,
  );
});
mkdirSync('reports', { recursive: true });
writeFileSync(
  options.eventual ? 'reports/mutants-eventual.json' : 'reports/mutants.json',
  JSON.stringify(
    {
      date: new Date().toISOString(),
      ...checkout(),
      jobs,
      seconds: Number(total),
      seed,
      outcomes,
      requirements: proofs,
      tolerantPasses,
    } satisfies MutantsReport,
    null,
    2,
  ) + '\n',
);
const failedByProperty = propertyMustKill ? missedByProperty : [];
const findings = survivors.length + unproven.length + seenSequentially.length + failedByProperty.length;
process.exit(findings === 0 && tolerantPasses.every((t) => t.passes) ? 0 : 1);

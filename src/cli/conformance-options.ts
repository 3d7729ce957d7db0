// The options of `npm run conformance` and what they come to: the run's settings (src/run/
// conformance-run.ts), the target to open, and the known failures, baseline and reports folder the
// verdict and the reports take. Any value that cannot be used is BadInput, one sentence saying
// what to fix, before anything starts.
import { randomInt } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { loadCatalogue } from '../document/document.ts';
import type { RunSettings } from '../run/conformance-run.ts';
import { PROFILES, PROPERTY_BUDGET_MS, type Profile } from '../run/profiles.ts';
import { BaselineError, readBaseline, type Baseline } from '../verdict/baseline.ts';
import { KnownFailuresError, readKnownFailures, type KnownFailure } from '../verdict/known-failures.ts';
import { asksForHelp, BadInput, parseArguments, usageOf, type CommandDefinition, type OptionDefinition } from './command-line.ts';
import type { TargetOptions } from './targets.ts';

const CONFORMANCE = {
  command: 'npm run conformance',
  summary:
    'Runs the conformance suite against a target (the embedded reference emulator unless told otherwise), deletes what the run created and writes the reports. Exit 0: every applicable check passed and nothing was left behind; 1: a check failed or something was left; 2: the run could not start, with one sentence saying what to fix.',
  options: {
    target: {
      type: 'string',
      value: 'prism|FILE',
      description:
        "what to test: Prism's mock of the document (stateless checks only), or the endpoint a target file names (default: $PEERING_TARGET, else the embedded emulator)",
    },
    'via-prism': {
      type: 'boolean',
      default: false,
      description: "put Prism's validating proxy in front of the target, as a second validator",
    },
    requirement: {
      type: 'string',
      short: 'r',
      value: 'ID|EXPR',
      description:
        "run only the tests that check these requirements: an ID (PEER-CREATE-004), a pattern ('PEER-LIST-*') or an expression of them ('!PEER-RACE-*', 'PEER-CREATE-004 || PEER-CREATE-005')",
    },
    'test-name-pattern': {
      type: 'string',
      short: 't',
      value: 'PATTERN',
      description: 'run only the tests whose title matches this regular expression',
    },
    seed: {
      type: 'string',
      value: 'N',
      description: 'the seed of the generated cases, to replay a run (default: $PEERING_SEED, else a random one)',
    },
    reports: {
      type: 'string',
      value: 'DIR',
      default: 'reports',
      description: 'where junit.xml, conformance.json and conformance.md are written',
    },
    'emulator-variant': {
      type: 'string',
      value: 'NAME',
      description: 'test a variant of the embedded emulator: tolerant, independent, a fault, or a mutant (npm run mutants -- --list)',
    },
    bail: { type: 'boolean', default: false, description: 'stop at the first failed test' },
    'request-timeout': { type: 'string', value: 'SECONDS', default: '30', description: 'the deadline of every request' },
    'run-timeout': {
      type: 'string',
      value: 'SECONDS',
      default: '3600',
      description: 'the deadline of the whole run, after which it stops, sweeps and reports',
    },
    profile: {
      type: 'string',
      value: 'quick|full|deep',
      default: 'full',
      description: 'how hard the generated tests search: cases per property and the length of lifecycles',
    },
    'emulator-latency': {
      type: 'string',
      value: 'MS',
      default: '0',
      description: 'the embedded emulator answers every request this many milliseconds late',
    },
    'emulator-eventual': {
      type: 'boolean',
      default: false,
      description: 'the embedded emulator is eventually consistent: deletes complete in the background and lists lag',
    },
    'emulator-page-size': {
      type: 'string',
      value: 'N',
      description: 'the embedded emulator answers at most N peerings a page, whatever the limit asked',
    },
    'settle-timeout': {
      type: 'string',
      value: 'SECONDS',
      default: '60',
      description: 'how long a read that may lag behind a write is tried again until it agrees',
    },
    'property-budget': {
      type: 'string',
      value: 'SECONDS',
      default: String(PROPERTY_BUDGET_MS / 1000),
      description: 'after this long a property starts no more cases; its completed cases are what it checked',
    },
    'no-shrink': {
      type: 'boolean',
      default: false,
      description: "report a property's first counterexample as found, unshrunk: a verdict sooner, a longer case to read",
    },
    'known-failures': {
      type: 'string',
      value: 'FILE',
      description:
        'a YAML list of failures with a ticket ({requirement or test, reason, tracker, expires}): reported as known and not failing the run until their date',
    },
    baseline: {
      type: 'string',
      value: 'FILE',
      description: "a previous run's conformance.json: the requirements that newly fail and newly pass are listed first",
    },
    shard: {
      type: 'string',
      value: 'I/N',
      description: "run the I-th of N parts of the suite's files, each against its own target file; npm run merge-reports joins the parts",
    },
    concurrency: {
      type: 'string',
      value: 'N',
      description:
        'test files run at once; VPC-pair leases keep them from colliding (default: 4, for a run bound by latency; against the embedded emulator answering at once, bound by cores, one per core up to 4)',
    },
  },
} satisfies CommandDefinition<Record<string, OptionDefinition>>;

/** What a conformance command is asked to do, every value checked. */
export interface ConformanceSettings {
  /** What --target named: nothing (the emulator), `prism`, or a target file's path. */
  targetArgument: string | undefined;
  targetOptions: TargetOptions;
  /** The run's settings, but for the target, which is opened from the two above. */
  run: Omit<RunSettings, 'target'>;
  reportsDir: string;
  /** Failures with a ticket, each until its date: reported, not failing the run. */
  knownFailures?: KnownFailure[] | undefined;
  /** A previous run's results: what newly fails and newly passes is listed first. */
  baseline?: Baseline | undefined;
}

/** The settings `args` and `env` give, or the usage when --help asks for it. */
export function conformanceSettings(args: string[], env: NodeJS.ProcessEnv): ConformanceSettings | { usage: string } {
  const parsed = parseArguments(CONFORMANCE, args);
  if (asksForHelp(parsed)) return { usage: usageOf(CONFORMANCE) };
  const options = parsed.values;
  if (options.requirement) checkRequirementFilter(options.requirement);
  const seedText = options.seed ?? env.PEERING_SEED;
  const seed = seedText === undefined ? randomInt(2 ** 31) : Number(seedText);
  if (!Number.isInteger(seed)) throw new BadInput(`The seed must be a whole number, not "${seedText}".`);
  const profile = PROFILES[options.profile as Profile['name']];
  if (!profile) throw new BadInput(`--profile is quick, full or deep, not "${options.profile}".`);
  const runsText = env.PEERING_PROPERTY_RUNS;
  const propertyRuns = runsText === undefined ? profile.propertyRuns : Number(runsText);
  // Fewer runs than the minimum could never make a verdict; none, or no number, would pass untested.
  if (runsText !== undefined && !(/^\d+$/.test(runsText) && propertyRuns >= profile.minimumPropertyRuns))
    throw new BadInput(
      `PEERING_PROPERTY_RUNS must be a whole number of at least ${profile.minimumPropertyRuns} (the fewest cases that make a verdict in the ${profile.name} profile), not "${runsText}".`,
    );
  const seconds = (option: 'request-timeout' | 'run-timeout' | 'settle-timeout' | 'property-budget') => {
    const value = Number(options[option]);
    if (value > 0) return value * 1000;
    throw new BadInput(`--${option} must be a number of seconds above 0, not "${options[option]}".`);
  };
  const deadlineMs = seconds('request-timeout');
  const target = options.target ?? env.PEERING_TARGET;
  const concurrency = options.concurrency === undefined ? defaultConcurrency(target, options) : Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new BadInput(`--concurrency must be a whole number of at least 1, not "${options.concurrency}".`);
  const runDeadlineMs = seconds('run-timeout');
  const pageSize = options['emulator-page-size'] === undefined ? undefined : Number(options['emulator-page-size']);
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0))
    throw new BadInput(`--emulator-page-size must be a whole number above 0, not "${options['emulator-page-size']}".`);
  const settleMs = seconds('settle-timeout');
  const propertyBudgetMs = seconds('property-budget');
  const shard = options.shard;
  const shardParts = shard?.match(/^(\d+)\/(\d+)$/)?.map(Number);
  if (shard !== undefined && !(shardParts && shardParts[1]! >= 1 && shardParts[1]! <= shardParts[2]!))
    throw new BadInput(`--shard is I/N, the I-th of N parts with 1 <= I <= N (as 2/3), not "${shard}".`);
  return {
    targetArgument: target,
    targetOptions: {
      viaPrism: options['via-prism'],
      latencyMs: Number(options['emulator-latency']),
      eventual: options['emulator-eventual'],
      ...(pageSize && { pageSize }),
      ...(options['emulator-variant'] && { variant: options['emulator-variant'] }),
    },
    run: {
      seed,
      profile,
      propertyRuns,
      replayPath: env.PEERING_PATH,
      testNamePattern: options['test-name-pattern'],
      requirement: options.requirement,
      shard,
      bail: options.bail,
      concurrency,
      deadlineMs,
      runDeadlineMs,
      settleMs,
      propertyBudgetMs,
      shrink: !options['no-shrink'],
    },
    reportsDir: options.reports,
    knownFailures: readOrRefuse(options['known-failures'], (file) => readKnownFailures(file, requirementIds()), KnownFailuresError),
    baseline: readOrRefuse(options.baseline, readBaseline, BaselineError),
  };
}

/** Test files at once, when --concurrency does not say. Against a distant endpoint (or an emulator
 * made to answer late, or to settle in the background) a run mostly waits, so four files run at
 * once even on two cores. The embedded emulator answering at once keeps the cores busy itself: a
 * worker past the cores only adds its start-up, a second or more of a run on two cores. */
function defaultConcurrency(target: string | undefined, options: { 'emulator-latency': string; 'emulator-eventual': boolean }): number {
  const atOnce = (!target || target === 'emulator') && Number(options['emulator-latency']) === 0 && !options['emulator-eventual'];
  return atOnce ? Math.min(4, availableParallelism()) : 4;
}

/** What a file option names, read; a file that cannot be used is BadInput. */
function readOrRefuse<T>(file: string | undefined, read: (file: string) => T, expected: new (...args: never[]) => Error): T | undefined {
  if (file === undefined) return undefined;
  try {
    return read(file);
  } catch (error) {
    throw new BadInput(error instanceof expected ? error.message : `${file}: ${(error as Error).message}`);
  }
}

function requirementIds(): Set<string> {
  return new Set(
    loadCatalogue()
      .filter((r) => !r.withdrawn)
      .map((r) => r.id),
  );
}

/** Every ID or pattern the filter names matches some requirement: vitest would fail every file. */
function checkRequirementFilter(expression: string): void {
  const ids = [...requirementIds()];
  for (const word of expression.split(/[\s()!&|]+/).filter((w) => w && !/^(and|or|not)$/i.test(w))) {
    const pattern = new RegExp(`^${word.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`);
    if (!ids.some((id) => pattern.test(id)))
      throw new BadInput(`--requirement names "${word}", which matches no requirement of openapi/requirements.yaml.`);
  }
}

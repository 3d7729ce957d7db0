// Known failures: the failures a team has a ticket for, each listed until a date, so that one known
// bug on staging does not fail every deploy until it is fixed (Schemathesis' baseline with expiry,
// wpt-metadata's failures beside their tracker links). A listed failure is reported, never counted
// as a pass; an entry past its date fails the run again, and an entry whose failure is gone is
// reported fixed, to be removed.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

/** One entry of the file: a requirement or a test (its title, or its describe names and title
 * joined by " > "), why it fails, the ticket, and the last day it may. */
export interface KnownFailure {
  requirement?: string;
  test?: string;
  reason: string;
  tracker: string;
  /** YYYY-MM-DD, the last day the entry holds. */
  expires: string;
}

export class KnownFailuresError extends Error {}

// Compiled when a file is first read: a run given no known failures does not pay for an Ajv instance.
let validateFile: ValidateFunction | undefined;
const compileFileSchema = () =>
  new Ajv2020({ allErrors: false }).compile({
    type: 'array',
    items: {
      type: 'object',
      oneOf: [{ required: ['requirement'] }, { required: ['test'] }],
      required: ['reason', 'tracker', 'expires'],
      additionalProperties: false,
      properties: {
        requirement: { type: 'string', minLength: 1 },
        test: { type: 'string', minLength: 1 },
        reason: { type: 'string', minLength: 1 },
        tracker: { type: 'string', pattern: '^https?://' },
        expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      },
    },
  });

/** The entries of the file, each checked: one sentence saying what to fix when one is wrong. */
export function readKnownFailures(path: string, requirementIds: ReadonlySet<string>): KnownFailure[] {
  let parsed: unknown;
  try {
    // YAML 1.2 reads 2027-01-31 as a string; 1.1 would make it a date, which the schema refuses.
    parsed = parse(readFileSync(path, 'utf8'), { version: '1.2' });
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message.split('\n')[0];
    throw new KnownFailuresError(`--known-failures ${path} cannot be read (${why}): give a YAML list of known failures.`);
  }
  const validate = (validateFile ??= compileFileSchema());
  if (!validate(parsed)) {
    const error = validate.errors![0]!;
    const where = error.instancePath ? `entry ${Number(error.instancePath.split('/')[1]) + 1}` : 'the file';
    throw new KnownFailuresError(
      `${path}: ${where} ${error.schemaPath.includes('oneOf') ? 'must name either a requirement or a test' : error.message}: each entry is {requirement or test, reason, tracker (a URL), expires (YYYY-MM-DD)}.`,
    );
  }
  const entries = parsed as KnownFailure[];
  for (const [i, entry] of entries.entries()) {
    if (!isCalendarDay(entry.expires))
      throw new KnownFailuresError(`${path}: entry ${i + 1} expires on "${entry.expires}", which is not a date.`);
    if (entry.requirement && !requirementIds.has(entry.requirement))
      throw new KnownFailuresError(
        `${path}: entry ${i + 1} names ${entry.requirement}, which is not a requirement of openapi/requirements.yaml.`,
      );
  }
  return entries;
}

/** 2027-01-31 is; 2027-02-30, which Date would roll over into March, is not. */
function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

/** What an entry came to in a run. */
type KnownFailureStatus =
  /** It covered a failure, which the run reports and does not fail on. */
  | 'known'
  /** Past its date while its failure is still there: the failure counts again. */
  | 'expired'
  /** Past its date, but a live entry covers its failure now: the old one is to be removed. */
  | 'replaced'
  /** What it names passed: the entry is to be removed. */
  | 'fixed'
  /** What it names was not run (not selected, another shard, not reached). */
  | 'not checked';

export interface KnownFailureOutcome extends KnownFailure {
  status: KnownFailureStatus;
  /** In a merge across targets: the target whose run was given the entry, and whose results judged it. */
  target?: string;
}

/** "PEER-LIST-004" or "test \"...\"": what an entry names, as a person reads it. */
export const subjectOf = (entry: KnownFailure) => entry.requirement ?? `test "${entry.test}"`;

/** The entry's last day is over on `day` (YYYY-MM-DD, the run's start, UTC). */
export const hasExpired = (entry: KnownFailure, day: string) => entry.expires < day;

// A run's report directory, as merge-reports reads it: its conformance.json, checked for what the
// merge reads of it, and its junit.xml, checked to be well-formed XML. Anything else is a sentence
// saying which file and what is wrong with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLValidator } from 'fast-xml-parser';
import { MergeError } from './merge.ts';
import type { ConformanceReport } from './reports.ts';

const list = (items: object = {}) => ({ type: 'array', items });
const strings = (...names: string[]) => Object.fromEntries(names.map((n) => [n, { type: 'string' }]));
const numbers = (...names: string[]) => Object.fromEntries(names.map((n) => [n, { type: 'number' }]));

const RUN_LISTS = ['leaks', 'sweptAfterStop', 'budgets', 'problems'];

const validateReport = new Ajv2020({ allErrors: false }).compile<ConformanceReport>({
  type: 'object',
  required: ['verdict', 'reasons', 'run', 'knownFailures', 'requirements'],
  properties: {
    verdict: { enum: ['pass', 'fail'] },
    reasons: list({ type: 'string' }),
    run: {
      type: 'object',
      required: [...RUN_LISTS, 'runId', 'target', 'kind', 'startedAt', 'durationMs', 'seed', 'profile', 'propertyRuns', 'retries', 'traffic'],
      properties: {
        ...strings('runId', 'target', 'kind', 'profile', 'stopped'),
        ...numbers('durationMs', 'seed', 'propertyRuns'),
        startedAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T' },
        shard: { type: 'string', pattern: '^\\d+/\\d+$' },
        retries: { type: 'object', required: ['total', 'byStatus'] },
        traffic: { type: 'object', required: ['sent', 'byRun', 'validated', 'unvalidated', 'busyMs', 'perTest'] },
        ...Object.fromEntries(RUN_LISTS.map((n) => [n, list()])),
      },
    },
    knownFailures: list({ type: 'object', required: ['reason', 'tracker', 'expires'] }),
    requirements: list({
      type: 'object',
      required: ['id', 'level', 'result', 'tests'],
      properties: {
        ...strings('id', 'level', 'result'),
        tests: list({ type: 'object', required: ['name', 'fullName', 'ids', 'file', 'state'] }),
      },
    }),
  },
});

/** The report and JUnit document a run wrote to `dir`. */
export function readReportDir(dir: string): { report: ConformanceReport; junit: string } {
  const report = parsed(join(dir, 'conformance.json'), (text) => JSON.parse(text) as unknown);
  if (!validateReport(report)) {
    const { instancePath, message } = validateReport.errors![0]!;
    throw new MergeError(`${join(dir, 'conformance.json')} is not a run's report: ${instancePath || 'its top'} ${message}.`);
  }
  const junit = parsed(join(dir, 'junit.xml'), (text) => {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(`line ${valid.err.line}: ${valid.err.msg}`);
    return text;
  });
  return { report, junit };
}

/** A file of the directory, read and parsed, or one sentence on why it cannot be. */
function parsed<T>(file: string, parse: (text: string) => T): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MergeError(
      code === 'ENOENT'
        ? `There is no ${file}: give the report directories of conformance runs (their --reports).`
        : `${file} cannot be read (${code}).`,
    );
  }
  try {
    return parse(text);
  } catch (error) {
    throw new MergeError(`${file} is not valid ${file.endsWith('.xml') ? 'XML' : 'JSON'} (${(error as Error).message}).`);
  }
}

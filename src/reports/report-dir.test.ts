// A report directory merge-reports cannot use is refused in one sentence naming the file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../scripts/support/child-scripts.ts';
import { readReportDir } from './report-dir.ts';

const JUNIT = '<?xml version="1.0" encoding="UTF-8" ?>\n<testsuites name="vitest tests" tests="0" failures="0" errors="0" time="0"></testsuites>\n';
const REPORT = {
  verdict: 'pass',
  reasons: [],
  run: {
    ...{ runId: 'r1', target: 't', kind: 'emulator', startedAt: '2026-12-03T10:00:00.000Z', durationMs: 1, seed: 1, profile: 'quick', propertyRuns: 10 },
    ...{ leaks: [], sweptAfterStop: [], budgets: [], problems: [], retries: { total: 0, byStatus: {} } },
    traffic: { sent: 0, byRun: 0, validated: 0, unvalidated: 0, busyMs: 0, perTest: [] },
  },
  knownFailures: [],
  requirements: [{ id: 'PEER-A-001', level: 'MUST', result: 'passed', tests: [{ name: 'n', fullName: 'n', ids: ['PEER-A-001'], file: 'f', state: 'passed' }] }],
};

function dir(files: Record<string, string>): string {
  const made = join(scratchDir(), 'reports');
  mkdirSync(made);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(made, name), text);
  return made;
}

describe('a report directory', () => {
  it("of a run is read: its report and its JUnit document", () => {
    expect(readReportDir(dir({ 'conformance.json': JSON.stringify(REPORT), 'junit.xml': JUNIT }))).toEqual({ report: REPORT, junit: JUNIT });
  });

  it.each([
    ['without a conformance.json', { 'junit.xml': JUNIT }, /^There is no .*reports\/conformance\.json: give the report directories of conformance runs/],
    ['with a conformance.json that is not JSON', { 'conformance.json': '{"verdict":', 'junit.xml': JUNIT }, /conformance\.json is not valid JSON \(/],
    [
      'with a JSON file that is not a report',
      { 'conformance.json': JSON.stringify({ ...REPORT, run: { ...REPORT.run, traffic: undefined } }), 'junit.xml': JUNIT },
      /conformance\.json is not a run's report: \/run must have required property 'traffic'\.$/,
    ],
    ['without a junit.xml', { 'conformance.json': JSON.stringify(REPORT) }, /^There is no .*reports\/junit\.xml/],
    ['with a junit.xml that is not XML', { 'conformance.json': JSON.stringify(REPORT), 'junit.xml': '<testsuites>' }, /junit\.xml is not valid XML \(line 1: /],
  ])('%s is refused, naming the file', (_, files, sentence) => {
    expect(() => readReportDir(dir(files))).toThrow(sentence);
  });
});

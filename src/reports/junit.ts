// junit.xml, for CI's test view: one suite per test file, one case per test, named as vitest names
// it (its describe blocks' names and its own, joined by " > "), with its requirement IDs as a
// property, and a failure's full text: the exchange, what was expected, and the replay.
import { hostname } from 'node:os';
import { XMLBuilder } from 'fast-xml-parser';
import type { TestRecord } from '../run/test-records.ts';

const seconds = (ms: number) => String(ms / 1000);

function testCase(t: TestRecord) {
  return {
    '@_classname': t.file,
    '@_name': t.fullName,
    '@_time': seconds(t.durationMs),
    properties: { property: { '@_name': 'requirements', '@_value': t.ids.join(' ') } },
    ...(t.state === 'failed' && { failure: { '@_message': t.failure?.split('\n')[0] ?? '', '#text': t.failure ?? '' } }),
    ...(t.state === 'skipped' && { skipped: t.skipReason ? { '@_message': t.skipReason } : '' }),
  };
}

/** The JUnit document of a run's tests; `startedAt` stamps each suite. */
export function junitXml(tests: TestRecord[], startedAt: string): string {
  const count = (of: TestRecord[], state: TestRecord['state']) => String(of.filter((t) => t.state === state).length);
  const time = (of: TestRecord[]) => seconds(of.reduce((sum, t) => sum + t.durationMs, 0));
  const suites = [...new Set(tests.map((t) => t.file))].map((file) => {
    const cases = tests.filter((t) => t.file === file);
    return {
      '@_name': file,
      '@_timestamp': startedAt,
      '@_hostname': hostname(),
      '@_tests': String(cases.length),
      '@_failures': count(cases, 'failed'),
      '@_errors': '0',
      '@_skipped': count(cases, 'skipped'),
      '@_time': time(cases),
      testcase: cases.map(testCase),
    };
  });
  const document = {
    testsuites: {
      '@_name': 'VPC peering conformance',
      '@_tests': String(tests.length),
      '@_failures': count(tests, 'failed'),
      '@_errors': '0',
      '@_skipped': count(tests, 'skipped'),
      '@_time': time(tests),
      testsuite: suites,
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: '    ', suppressEmptyNode: true });
  return `<?xml version="1.0" encoding="UTF-8" ?>\n${builder.build(document) as string}`;
}

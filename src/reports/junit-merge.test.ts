// The merged JUnit document: every run's suites under one <testsuites> whose counts are the sums,
// well-formed, text kept as written, and each suite named with its target when runs name one.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { mergeJunit } from './junit-merge.ts';
import { MergeError } from './merge.ts';

const junit = (file: string, cases: string, counts: string) => `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" ${counts} time="1.5">
    <testsuite name="${file}" tests="2" failures="0" errors="0" skipped="0" time="1.5">${cases}</testsuite>
</testsuites>`;
const shard1 = junit('a.test.ts', '<testcase classname="a.test.ts" name="a &gt; takes &lt;64&gt; &amp; more" time="1"/>', 'tests="2" failures="0" errors="0"');
const shard2 = junit(
  'b.test.ts',
  '<testcase classname="b.test.ts" name="b" time="0.5"><failure message="expected 201">Sent: POST &lt;x&gt;</failure></testcase>',
  'tests="3" failures="1" errors="1"',
);

const parsed = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);

describe('merged junit.xml', () => {
  it('is valid XML with summed counts and every suite, its text kept', () => {
    const merged = mergeJunit([
      { dir: 's1', xml: shard1 },
      { dir: 's2', xml: shard2 },
    ]);
    expect(XMLValidator.validate(merged)).toBe(true);
    const { testsuites } = parsed(merged);
    expect(testsuites).toMatchObject({ name: 'vitest tests', tests: '5', failures: '1', errors: '1', time: '3' });
    expect(testsuites.testsuite.map((s: { name: string }) => s.name)).toEqual(['a.test.ts', 'b.test.ts']);
    expect(testsuites.testsuite[0].testcase.name).toBe('a > takes <64> & more');
    expect(testsuites.testsuite[1].testcase.failure).toEqual({ message: 'expected 201', '#text': 'Sent: POST <x>' });
  });

  it("names each suite and test case's class with its run's target, when named", () => {
    const { testsuites } = parsed(mergeJunit([{ dir: 's1', xml: shard1, target: 'eu-de' }]));
    expect(testsuites.testsuite).toMatchObject({ name: 'eu-de: a.test.ts', testcase: { classname: 'eu-de: a.test.ts' } });
  });

  it('refuses a document that is not a JUnit report', () => {
    expect(() => mergeJunit([{ dir: 's1', xml: '<report/>' }])).toThrow(new MergeError('s1/junit.xml is not a JUnit report: it has no <testsuites>.'));
  });
});

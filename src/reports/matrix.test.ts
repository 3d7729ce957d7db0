// The requirement-by-target matrix: a row per requirement with its level, a column per target and
// one over all, each cell the result; the HTML escapes every text it shows and colours each cell.
import { describe, expect, it } from 'vitest';
import { matrixHtml, matrixMarkdown } from './matrix.ts';
import type { RequirementOutcome } from '../verdict/judgement.ts';
import type { ConformanceReport } from './reports.ts';

const row = (id: string, level: RequirementOutcome['level'], result: RequirementOutcome['result'], rule = 'a rule'): RequirementOutcome => ({
  id,
  level,
  rule,
  source: 's',
  result,
  tests: [],
  checks: result === 'passed' || result === 'failed' ? 1 : 0,
});
const report = {
  verdict: 'fail',
  reasons: ['us: 1 test(s) of MUST requirements failed'],
  requirements: [row('PEER-A-001', 'MUST', 'failed', 'a description with <b> & "quotes" | pipes'), row('PEER-C-001', 'SHOULD', 'passed')],
  targets: [
    { name: 'eu <1>', verdict: 'pass', reasons: [], results: { 'PEER-A-001': 'passed', 'PEER-C-001': 'passed' } },
    { name: 'us', verdict: 'fail', reasons: ['1 test(s) of MUST requirements failed'], results: { 'PEER-A-001': 'failed', 'PEER-C-001': 'not checked' } },
  ],
} as unknown as ConformanceReport & { targets: NonNullable<ConformanceReport['targets']> };

describe('the matrix', () => {
  it('in Markdown: each target and all of them, each verdict, a row per requirement', () => {
    expect(matrixMarkdown(report).split('\n').slice(2, 7)).toEqual([
      '| Requirement | Level | eu <1> | us | all targets |',
      '| --- | --- | --- | --- | --- |',
      '| Verdict |  | PASS | FAIL | FAIL |',
      '| PEER-A-001 | MUST | passed | failed | failed |',
      '| PEER-C-001 | SHOULD | passed | not checked | passed |',
    ]);
  });

  it('in HTML: self-contained, every text escaped, each cell coloured by its result', () => {
    const html = matrixHtml(report);
    expect(html).not.toMatch(/<(script|link|img)\b|https?:/);
    expect(html).toContain('<th>eu &lt;1&gt;</th>');
    expect(html).toContain('a description with &lt;b&gt; &amp; &quot;quotes&quot; | pipes');
    expect(html).not.toContain('<b> &');
    const cells = [...html.matchAll(/<td style="background:(#\w+)">(\w[\w ]*)<\/td>/g)].map(([, colour, text]) => `${text} ${colour}`);
    expect(cells).toEqual(['passed #c8f0c8', 'failed #f5b5b5', 'failed #f5b5b5', 'passed #c8f0c8', 'not checked #e4e4e4', 'passed #c8f0c8']);
    expect(html).toContain('<td style="background:#f5b5b5"><b>FAIL</b></td>');
  });
});

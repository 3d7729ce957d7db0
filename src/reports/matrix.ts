// The matrix of a merge over several targets, as wpt.fyi shows browsers: a row per requirement
// (with its level), a column per target, each cell that target's result, and each target's
// verdict above; the last column is the result over every target. matrix.md for a review,
// matrix.html (self-contained, coloured cells) to open from a CI artifact.
import type { RequirementResult } from '../verdict/judgement.ts';
import type { ConformanceReport, TargetResult } from './reports.ts';

type MergedReport = ConformanceReport & { targets: TargetResult[] };

const ALL = 'all targets';

/** Every target was judged on the one catalogue (src/reports/merge.ts checks it), so each has every row. */
const resultOf = (target: TargetResult, id: string): RequirementResult => target.results[id]!;

export function matrixMarkdown({ verdict, targets, requirements }: MergedReport): string {
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    '# VPC peering conformance by target',
    '',
    row(['Requirement', 'Level', ...targets.map((t) => t.name), ALL]),
    row(['---', '---', ...targets.map(() => '---'), '---']),
    row(['Verdict', '', ...targets.map((t) => t.verdict.toUpperCase()), verdict.toUpperCase()]),
    ...requirements.map((r) => row([r.id, r.level, ...targets.map((t) => resultOf(t, r.id)), r.result])),
    '',
  ].join('\n');
}

const COLOURS: Record<RequirementResult | 'pass' | 'fail', string> = {
  passed: '#c8f0c8',
  pass: '#c8f0c8',
  failed: '#f5b5b5',
  fail: '#f5b5b5',
  'known failure': '#f8dca0',
  'not checked': '#e4e4e4',
  'not applicable': '#f4f4f4',
  'not covered': '#fff6b0',
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function matrixHtml({ verdict, targets, requirements }: MergedReport): string {
  const result = (value: RequirementResult) => `<td style="background:${COLOURS[value]}">${value}</td>`;
  const verdictCell = (value: 'pass' | 'fail') => `<td style="background:${COLOURS[value]}"><b>${value.toUpperCase()}</b></td>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>VPC peering conformance by target</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; position: sticky; top: 0; }
td.rule { max-width: 40rem; font-size: 0.85em; color: #444; }
</style>
</head>
<body>
<h1>VPC peering conformance by target</h1>
<table>
<thead><tr><th>Requirement</th><th>Level</th><th>Rule</th>${[...targets.map((t) => t.name), ALL].map((name) => `<th>${escape(name)}</th>`).join('')}</tr></thead>
<tbody>
<tr><th colspan="3">Verdict</th>${targets.map((t) => verdictCell(t.verdict)).join('')}${verdictCell(verdict)}</tr>
${requirements
  .map(
    (r) =>
      `<tr><td>${escape(r.id)}</td><td>${r.level}</td><td class="rule">${escape(r.rule)}</td>${targets.map((t) => result(resultOf(t, r.id))).join('')}${result(r.result)}</tr>`,
  )
  .join('\n')}
</tbody>
</table>
</body>
</html>
`;
}

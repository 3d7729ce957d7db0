// `npm run merge-reports`: reads the report directories of shards (and of runs against several
// targets), merges them (src/reports/merge.ts) and writes one set of reports with one verdict, and
// their exchanges.har as one (src/reports/har-merge.ts). A matrix or exchanges.har left in the
// directory by an earlier run or merge, which this merge does not write, is removed: it would be
// taken for this one's.
// Exit 0: the merged verdict passes; 1: it fails; 2: the directories cannot be merged, with one
// sentence saying why.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT, parseOptions, stopWith } from '../src/cli/command-line.ts';
import { loadCatalogue } from '../src/document/document.ts';
import { BaselineError, readBaseline } from '../src/verdict/baseline.ts';
import { HAR_FILE } from '../src/http/exchange-record.ts';
import { mergedHar } from '../src/reports/har-merge.ts';
import { mergeJunit } from '../src/reports/junit-merge.ts';
import { matrixHtml, matrixMarkdown } from '../src/reports/matrix.ts';
import { MergeError, mergeReports } from '../src/reports/merge.ts';
import { readReportDir } from '../src/reports/report-dir.ts';
import { changeLines, resultCounts, writeReports } from '../src/reports/reports.ts';

const { values: options, positionals } = parseOptions({
  command: 'npm run merge-reports',
  summary:
    'Merges the reports of conformance runs into one conformance.json, conformance.md and junit.xml with one verdict, as if one run had made them: the shards of a run (--shard I/N), each given once, or runs against several targets, each named (NAME=DIR), which also writes matrix.md and matrix.html, requirement by target; and, when every run has one, their exchanges.har as one. A requirement passes only if every run that checked it passed it. Exit 0: the merged verdict passes; 1: it fails; 2: the reports cannot be merged, with one sentence saying why.',
  options: {
    reports: { type: 'string', value: 'DIR', default: 'reports', description: 'where the merged reports are written' },
    baseline: {
      type: 'string',
      value: 'FILE',
      description: "a previous run's conformance.json: the requirements that newly fail and newly pass are listed first",
    },
  },
  positionals: {
    'DIR...': "the runs' report directories (their --reports); NAME=DIR names the target a run was against",
  },
});

if (positionals.length === 0) stopWith('Give the report directories to merge: npm run merge-reports -- DIR...');
const out = options.reports;
const exitCode = merge();
process.exit(exitCode);

function merge() {
  try {
    const runs = positionals.map((argument) => {
      // A target's name is a word; a directory with `=` in its path is given as ./path.
      const [, target, dir] = /^([\w.-]+)=(.+)$/.exec(argument) ?? [undefined, undefined, argument];
      return { dir: dir!, ...(target && { target }), ...readReportDir(dir!) };
    });
    const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline);
    const report = mergeReports({ runs, catalogue: loadCatalogue(), baseline });
    const withoutHar = runs.filter(({ dir }) => !existsSync(join(dir, HAR_FILE)));
    const har = withoutHar.length ? undefined : mergedHar(runs.map(({ dir }) => join(dir, HAR_FILE)));
    const written = [
      'conformance.md',
      'conformance.json',
      'junit.xml',
      ...(report.targets ? ['matrix.md', 'matrix.html'] : []),
      ...(har ? [HAR_FILE] : []),
    ];
    for (const file of ['matrix.md', 'matrix.html', HAR_FILE].filter((f) => !written.includes(f))) rmSync(join(out, file), { force: true });
    // Makes the directory the files below go into, too.
    writeReports(out, report);
    writeFileSync(
      join(out, 'junit.xml'),
      mergeJunit(runs.map(({ dir, junit, target }) => ({ dir, xml: junit, ...(target && { target }) }))),
    );
    if (report.targets) {
      writeFileSync(join(out, 'matrix.md'), matrixMarkdown({ ...report, targets: report.targets }));
      writeFileSync(join(out, 'matrix.html'), matrixHtml({ ...report, targets: report.targets }));
    }
    if (har) writeFileSync(join(out, HAR_FILE), har);
    console.log(
      `Merged ${runs.length} runs: ${report.run.merged!.map((m) => `${m.dir}${m.shard ? ` (shard ${m.shard})` : ''}`).join(', ')}`,
    );
    if (report.changes) for (const line of changeLines(report.changes)) console.log(line);
    console.log(`Requirements: ${resultCounts(report.requirements)}`);
    for (const t of report.targets ?? []) console.log(`  ${t.name}: ${t.verdict.toUpperCase()}`);
    console.log(`Reports: ${written.map((file) => join(out, file)).join(', ')}`);
    if (withoutHar.length)
      console.log(
        `No ${HAR_FILE} written: ${withoutHar.map((r) => r.dir).join(', ')} ${withoutHar.length > 1 ? 'have' : 'has'} none, and a merged record must hold every run's exchanges.`,
      );
    console.log(report.verdict === 'pass' ? 'PASS: every run that checked a requirement passed it.' : `FAIL: ${report.reasons.join('; ')}`);
    return report.verdict === 'pass' ? EXIT.passed : EXIT.failed;
  } catch (error) {
    if (error instanceof MergeError || error instanceof BaselineError) return stopWith(error.message);
    throw error;
  }
}

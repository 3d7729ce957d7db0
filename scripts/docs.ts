// `npm run docs`: the API reference rendered from the document (Redocly), and a requirements
// page: every requirement, its level, source and quoted words (each passage linked to its line
// in the docs repository at the commit the quotes were last checked at), the tests that check it
// (linked to their source lines in the public repository at the commit checked out) and its latest
// result, from DIR/conformance.json (a run is made when there is none); then what the spec leaves
// to the server. Both go to DIR/docs/; DIR is reports/ unless --reports says otherwise. A run
// stopped early, or one that ran part of the suite, is refused: its rows would read "not checked"
// where the suite was never asked.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startEmbeddedEmulator } from '../emulator/embedded.ts';
import { parseOptions, stopWith } from '../src/cli/command-line.ts';
import { conformanceCommand } from '../src/cli/conformance-command.ts';
import { loadCatalogue, loadDocsRepository, loadSilences, type Requirement } from '../src/document/document.ts';
import { passageHref } from '../src/document/passage-link.ts';
import { NOT_IN_SHARD, type RequirementOutcome } from '../src/verdict/judgement.ts';
import { NOT_SELECTED } from '../src/run/test-records.ts';
import { sourceLinks } from '../src/reports/source-links.ts';

const { reports } = parseOptions({
  command: 'npm run docs',
  summary:
    'Writes the API reference, rendered from the document by Redocly, and a requirements page: every requirement with its source, its latest result and the tests that check it (linked into the public repository at the commit checked out, or relative to the page without a remote), then what the spec leaves to the server. Both go to DIR/docs/; the results come from DIR/conformance.json, which must be of a whole run, not one stopped early or filtered; the suite runs against the embedded emulator first when there is none.',
  options: {
    reports: {
      type: 'string',
      value: 'DIR',
      default: 'reports',
      description: 'the reports folder the results are read from and the pages written under',
    },
  },
}).values;
const OUT = join(reports, 'docs');
const RESULTS = join(reports, 'conformance.json');

if (!existsSync(RESULTS)) {
  console.log(`No ${RESULTS} yet: running the suite against the embedded emulator for the latest results.`);
  // In this process, quietly: its status is the run's verdict, which the page shows; only a run that
  // wrote no results stops the docs.
  await conformanceCommand(['--reports', reports], {
    print: () => {},
    printError: () => {},
    env: process.env,
    atTerminal: false,
    startEmulator: startEmbeddedEmulator,
  });
  if (!existsSync(RESULTS)) stopWith(`The run against the embedded emulator wrote no ${RESULTS}: run npm run conformance to see why.`);
}
const results = readResults();
const { run } = results;
if (run.stopped)
  stopWith(
    `${RESULTS} is of run ${run.runId}, which stopped before every test had run (${run.stopped}): run npm run conformance to its end, then npm run docs.`,
  );
const partial = results.requirements.find((r: RequirementOutcome) => r.why === NOT_SELECTED || r.why === NOT_IN_SHARD);
if (partial)
  stopWith(
    `${RESULTS} is of run ${run.runId}, which ran part of the suite (${partial.id}: ${partial.why}): run npm run conformance without -t, --requirement or --shard (or merge the shards), then npm run docs.`,
  );
console.log(`Rendering run ${run.runId} of ${run.startedAt} against ${run.target} (verdict ${results.verdict}).`);
const links = sourceLinks(OUT);
mkdirSync(OUT, { recursive: true });

const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
// --inlineBundle puts Redoc itself in the page: without it the page fetches Redoc from a CDN and,
// offline, never shows the operations.
execFileSync(process.execPath, [redocly, 'build-docs', 'openapi/vpc-peering.yaml', '--inlineBundle', '-o', join(OUT, 'reference.html')], {
  stdio: 'ignore',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});

const outcomes = new Map<string, RequirementOutcome>(results.requirements.map((r: RequirementOutcome) => [r.id, r]));

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const docsRepository = loadDocsRepository();
// Each passage links to its words, so that a reader goes from a failure to the sentence in one click.
const quoted = (r: Requirement) =>
  (r.passages ?? [])
    .map((p) => `<a class="quote" href="${escape(passageHref(p, docsRepository))}"><q>${escape(p.text)}</q></a>`)
    .join(' [...] ');
const rows = loadCatalogue()
  .map((r) => {
    const outcome = outcomes.get(r.id);
    const tests = (outcome?.tests ?? [])
      .map((t) => `<li><a href="${escape(links.href(t.file, t.line))}">${escape(t.file)}:${t.line ?? ''}</a> ${escape(t.name)}</li>`)
      .join('');
    return `<tr id="${r.id}" class="${outcome?.result.replace(' ', '-') ?? 'not-run'}">
  <td><a href="#${r.id}">${r.id}</a></td><td>${r.level}</td><td>${escape(r.rule.trim())}<div class="source">${r.passages ? `${quoted(r)} ` : ''}${escape(r.source)}</div></td>
  <td>${outcome ? `${outcome.result}${outcome.why ? `<div class="why">${escape(outcome.why)}</div>` : ''}` : 'not run'}</td><td><ul>${tests}</ul></td></tr>`;
  })
  .join('\n');

const silences = loadSilences()
  .map(
    (s) => `<tr id="${s.id}"><td><a href="#${s.id}">${s.id}</a></td><td>${escape(s.point)}<div class="source">${escape(s.said)}</div></td>
  <td><ul>${Object.entries(s.choices)
    .map(([name, choice]) => `<li><b>${escape(name)}</b>: ${escape(choice)}</li>`)
    .join('')}</ul></td>
  <td>${s.requirements.map((id) => `<a href="#${id}">${id}</a>`).join(' ')}</td></tr>`,
  )
  .join('\n');

writeFileSync(
  join(OUT, 'requirements.html'),
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>VPC peering requirements</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #ccc; padding: .4rem; vertical-align: top; text-align: left; }
.source, .why { color: #666; font-size: 12px; } ul { margin: 0; padding-left: 1rem; }
tr.passed td:nth-child(4) { color: #176f2c; } tr.failed td:nth-child(4) { color: #b00020; font-weight: bold; }
</style></head><body>
<h1>VPC peering requirements</h1>
<p>Every requirement of <code>openapi/requirements.yaml</code>, the tests that check it, and the latest result:
${escape(results.run.target)}, run ${escape(results.run.runId)} of ${escape(results.run.startedAt)}, verdict <b>${escape(results.verdict)}</b>.
Test links lead into ${escape(links.base)}. Quotes link to their words: into
<a href="${escape(docsRepository.url)}">${escape(docsRepository.url.replace(/^https:\/\/github\.com\//, ''))}</a> at commit
<code>${escape(docsRepository.checked_commit)}</code>, the commit at which <code>npm run sources</code> last found every quote, or to the page
outside it that they come from. The API itself: <a href="reference.html">the reference</a>.</p>
<table><thead><tr><th>ID</th><th>Level</th><th>Rule (source)</th><th>Result</th><th>Tests</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2 id="silences">What the spec leaves to you</h2>
<p>Where the public sources are silent, a conforming server may make any of these choices. The suite accepts each,
and holds a server to the one it made: answering the same question two ways within a test file fails.</p>
<table><thead><tr><th>ID</th><th>Point (what the sources say)</th><th>Choices accepted</th><th>Requirements</th></tr></thead>
<tbody>
${silences}
</tbody></table></body></html>
`,
);
console.log(`Wrote ${join(OUT, 'reference.html')} and ${join(OUT, 'requirements.html')} (results of run ${results.run.runId}).`);

/** The run's conformance.json; one that cannot be read stops the docs before anything is written. */
function readResults() {
  try {
    return JSON.parse(readFileSync(RESULTS, 'utf8'));
  } catch (error) {
    return stopWith(`${RESULTS} cannot be read (${(error as Error).message}): run npm run conformance again, then npm run docs.`);
  }
}

// `npm run sources -- check DIR`: finds every quote of the catalogue in DIR, a checkout of the
// docs repository the catalogue quotes (opentelekomcloud-docs/virtual-private-cloud), and says per
// requirement whether it is still there, moved to another page, changed (the old words and the
// new) or gone. The docs move under the suite; this is how it learns of it. With --record it
// writes where each passage was found, and the commit, into the catalogue, for the requirements
// page to link to.
// Exit 0: every MUST's quote is still there (or moved); 1: one changed or went, or --record could
// record nothing; 2: DIR, the catalogue or an option cannot be read, with one sentence saying why.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXIT, parseOptions, stopWith } from '../src/cli/command-line.ts';
import { isInDocsRepository, loadCatalogue, loadDocsRepository } from '../src/document/document.ts';
import { brokenMusts, checkQuotes } from '../src/document/sources-check.ts';
import { DocsCheckoutError, openDocsCheckout, type DocsCheckout } from '../src/document/sources-checkout.ts';
import { recordedCatalogue, whyNotRecordable } from '../src/document/sources-record.ts';
import { sourcesReport } from '../src/document/sources-report.ts';

const { values: options, positionals } = parseOptions({
  command: 'npm run sources',
  summary:
    "Checks the catalogue's quotes against DIR, a checkout of the docs repository they come from (opentelekomcloud-docs/virtual-private-cloud): per requirement, whether each quote is still there, moved to another page, changed (the quoted words and the page's words now) or gone. Passages from pages outside the repository are listed as not checked. Exit 0: every MUST's quote is still there; 1: one changed or went; 2: DIR or an option cannot be read, with one sentence saying why.",
  options: {
    record: {
      type: 'boolean',
      default: false,
      description:
        "write the line each passage was found at, its page where it moved whole, and DIR's commit into the catalogue; nothing, and exit 1, when a quote changed or went",
    },
    commit: {
      type: 'string',
      value: 'SHA',
      description: "the commit DIR's pages are at, when DIR is a copy and not a git checkout",
    },
    catalogue: {
      type: 'string',
      value: 'FILE',
      default: 'openapi/requirements.yaml',
      description: 'the catalogue whose quotes are checked, and where --record writes',
    },
  },
  positionals: {
    check: 'what to do: check the quotes (the one command there is)',
    DIR: 'a checkout of the docs repository',
  },
});

const [command, dir, ...extra] = positionals;
if (command !== 'check' || dir === undefined || extra.length)
  stopWith(
    `Give the command and the docs checkout, and nothing else: npm run sources -- check DIR (given: ${positionals.join(' ') || 'nothing'}).`,
  );
const { requirements, checkedCommit } = readCatalogue(options.catalogue);
const docs = openCheckout(dir);
if (options.record && !docs.commit) stopWith(`Nothing recorded, as the commit is unknown: ${docs.commitUnknown}.`);

const check = checkQuotes(requirements, docs);
for (const line of sourcesReport(check, checkedCommit)) console.log(line);
let exitCode: number = brokenMusts(check).length ? EXIT.failed : EXIT.passed;
if (options.record) {
  const why = [...new Set(whyNotRecordable(check))];
  if (why.length) {
    console.log(`Nothing recorded in ${options.catalogue}: ${why.join('; ')}.`);
    exitCode = EXIT.failed;
  } else {
    writeFileSync(options.catalogue, recordedCatalogue(readFileSync(options.catalogue, 'utf8'), check));
    console.log(`Recorded commit ${check.commit} and the line of every passage found, in ${options.catalogue}.`);
  }
}
process.exit(exitCode);

function readCatalogue(file: string) {
  try {
    const url = pathToFileURL(resolve(file));
    const checked = loadDocsRepository(url)?.checked_commit;
    if (!checked) return stopWith(`${file} records no docs_repository.checked_commit: it is not the catalogue.`);
    return { requirements: loadCatalogue(url), checkedCommit: checked };
  } catch (error) {
    return stopWith(`${file} cannot be read as the catalogue (${(error as Error).message}).`);
  }
}

function openCheckout(dir: string): DocsCheckout {
  const quotedPaths = [...new Set(requirements.flatMap((r) => (r.passages ?? []).filter(isInDocsRepository).map((p) => p.from)))];
  try {
    return openDocsCheckout(dir, quotedPaths, options.commit);
  } catch (error) {
    if (error instanceof DocsCheckoutError) return stopWith(error.message);
    throw error;
  }
}

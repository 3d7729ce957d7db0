// The record edits the catalogue value by value: recording what it already records leaves every
// character of it, comments and layout included, as it was.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CATALOGUE_PATH, isInDocsRepository, loadCatalogue, loadDocsRepository } from './document.ts';
import type { QuoteCheck } from './sources-check.ts';
import { recordedCatalogue, whyNotRecordable } from './sources-record.ts';

it('recording what the catalogue records changes nothing in it', () => {
  const check: QuoteCheck = {
    dir: 'docs',
    commit: loadDocsRepository().checked_commit,
    requirements: loadCatalogue()
      .filter((r) => r.passages)
      .map((r) => ({
        id: r.id,
        level: r.level,
        passages: r.passages!.map((passage) =>
          isInDocsRepository(passage) ? { passage, pieces: [{ state: 'there', words: passage.text, line: passage.line! }] } : { passage },
        ),
      })),
  };
  expect(whyNotRecordable(check)).toEqual([]);
  const catalogue = readFileSync(CATALOGUE_PATH, 'utf8');
  expect(recordedCatalogue(catalogue, check)).toBe(catalogue);
});

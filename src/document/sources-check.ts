// Whether the catalogue's quotes still stand in the docs: each passage is cut at its `[...]` into
// pieces, and each piece is looked for in the page it names; if it is not there, verbatim in any
// other page (moved), then as a sentence on its own page like enough to be it edited (changed),
// and else it is gone. A passage from a page outside the docs repository cannot be read here,
// and is reported as not checked, never as found. The check returns data; sources-report.ts
// words it.
import { closestSentence } from './closest-sentence.ts';
import { isInDocsRepository, type QuotedPassage, type Requirement } from './document.ts';
import type { DocsCheckout } from './sources-checkout.ts';
import { indexOfWords, shownWords, type PageText } from './source-text.ts';

/** What became of the words between two `[...]` of a passage. */
export type PieceFinding =
  | { state: 'there'; words: string; line: number }
  /** Verbatim on another page (and on `alsoOn` more besides), no longer on its own. */
  | { state: 'moved'; words: string; to: string; line: number; alsoOn: number }
  /** Not verbatim anywhere; its own page has `now` where it stood. */
  | { state: 'changed'; words: string; now: string; line: number }
  | { state: 'gone'; words: string };

export interface PassageCheck {
  passage: QuotedPassage;
  /** Absent for a page outside the docs repository, which the check cannot read. */
  pieces?: PieceFinding[];
}

export interface RequirementCheck {
  id: string;
  level: Requirement['level'];
  withdrawn?: string;
  passages: PassageCheck[];
}

export interface QuoteCheck {
  dir: string;
  commit?: string;
  commitUnknown?: string;
  requirements: RequirementCheck[];
}

export function checkQuotes(requirements: Requirement[], docs: DocsCheckout): QuoteCheck {
  const findPiece = pieceFinder(docs);
  return {
    dir: docs.dir,
    ...(docs.commit ? { commit: docs.commit } : { commitUnknown: docs.commitUnknown }),
    requirements: requirements
      .filter((r) => r.passages)
      .map((r) => ({
        id: r.id,
        level: r.level,
        ...(r.withdrawn && { withdrawn: r.withdrawn }),
        passages: r.passages!.map((passage) =>
          isInDocsRepository(passage) ? { passage, pieces: piecesOf(passage).map((words) => findPiece(words, passage)) } : { passage },
        ),
      })),
  };
}

/** The words of a passage, piece by piece, as a reader sees them. */
function piecesOf(passage: QuotedPassage): string[] {
  return passage.text
    .split('[...]')
    .map(shownWords)
    .filter((words) => words !== '');
}

function pieceFinder(docs: DocsCheckout) {
  const found = (page: PageText | undefined, words: string) => (page ? indexOfWords(page.text, words) : -1);
  return (words: string, { from: path, line: lastLine }: QuotedPassage): PieceFinding => {
    const page = docs.page(path);
    const at = found(page, words);
    if (at >= 0) return { state: 'there', words, line: page!.lineAt(at) };
    const elsewhere = docs.pagePaths().filter((other) => other !== path && found(docs.page(other), words) >= 0);
    if (elsewhere.length) {
      const to = elsewhere[0]!;
      const other = docs.page(to)!;
      return { state: 'moved', words, to, line: other.lineAt(found(other, words)), alsoOn: elsewhere.length - 1 };
    }
    const closest = page && closestSentence(words, page, lastLine);
    return closest ? { state: 'changed', words, now: closest.text, line: closest.line } : { state: 'gone', words };
  };
}

/** A piece no longer found verbatim on any page. */
export function isLost(piece: PieceFinding): boolean {
  return piece.state === 'changed' || piece.state === 'gone';
}

/** The MUSTs (not withdrawn) whose quote changed or went: what fails the check. */
export function brokenMusts(check: QuoteCheck): RequirementCheck[] {
  return check.requirements.filter((r) => r.level === 'MUST' && !r.withdrawn && r.passages.some((p) => p.pieces?.some(isLost)));
}

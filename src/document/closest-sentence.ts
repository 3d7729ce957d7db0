// Where on a page quoted words went when they are no longer there verbatim: the run of the page's
// sentences most like them, word for word, if it is like enough to be the same sentence edited
// (a range widened, a word changed) rather than another sentence altogether. A page often says a
// thing twice in like words, so a run like enough where the words last stood is taken before a
// likelier one elsewhere on the page.
import type { PageText } from './source-text.ts';

/** Two word sequences alike by at least this share (twice their common words in order, over their
 * lengths) are taken for one sentence edited. */
const SAME_SENTENCE = 0.6;
/** A run within this many lines of where the words last stood is where they stood: a blank line
 * or two may have come or gone. */
const SAME_PLACE = 3;

export interface ClosestSentence {
  text: string;
  line: number;
}

export function closestSentence(words: string, page: PageText, lastLine?: number): ClosestSentence | undefined {
  const wanted = words.split(' ');
  // A run may be somewhat longer than the words, to meet a sentence that gained a clause.
  const longest = wanted.length * 2 + 3;
  const atSamePlace = (line: number) => lastLine !== undefined && Math.abs(line - lastLine) <= SAME_PLACE;
  let best: (ClosestSentence & { score: number }) | undefined;
  page.sentences.forEach(({ line }, start) => {
    const run: string[] = [];
    for (const sentence of page.sentences.slice(start)) {
      run.push(...sentence.text.split(' '));
      const samePlace = atSamePlace(line) && atSamePlace(sentence.line);
      if (run.length > longest) break;
      const likeness = (2 * commonInOrder(wanted, run)) / (wanted.length + run.length);
      // A likeness is at most 1, so any run at the same place ranks above every run elsewhere.
      const score = likeness + (samePlace ? 1 : 0);
      if (likeness >= SAME_SENTENCE && score > (best?.score ?? -Infinity)) best = { text: run.join(' '), line, score };
    }
  });
  return best && { text: best.text, line: best.line };
}

/** The length of the longest common subsequence of two word sequences. */
function commonInOrder(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const word of a) {
    const current = [0];
    b.forEach((other, j) => current.push(word === other ? previous[j]! + 1 : Math.max(previous[j + 1]!, current[j]!)));
    previous = current;
  }
  return previous[b.length]!;
}

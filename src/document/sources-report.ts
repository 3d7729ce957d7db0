// The source check as `npm run sources` prints it: per requirement, whether its quote is still
// there, moved to another page, changed (the quoted words and the page's words now) or gone, and
// which passages lie outside the docs repository and so were not checked; then the counts and the
// verdict, which names every MUST that fails it.
import { brokenMusts, type PieceFinding, type QuoteCheck, type RequirementCheck } from './sources-check.ts';

const WORST_FIRST = ['gone', 'changed', 'moved', 'there'] as const;
const STATE_WORDS: Record<PieceFinding['state'], string> = { gone: 'GONE', changed: 'CHANGED', moved: 'MOVED', there: 'still there' };
const OUTSIDE = 'outside the docs repository, not checked here';

export function sourcesReport(check: QuoteCheck, lastCheckedCommit: string): string[] {
  const at = check.commit ? `commit ${check.commit}` : `a commit it cannot tell (${check.commitUnknown})`;
  const pieces = check.requirements.flatMap((r) => r.passages.flatMap((p) => p.pieces ?? []));
  const count = (state: PieceFinding['state']) => pieces.filter((p) => p.state === state).length;
  const outside = check.requirements.flatMap((r) => r.passages.filter((p) => !p.pieces));
  const broken = brokenMusts(check);
  return [
    `Quotes of ${check.requirements.length} requirements, against ${check.dir} at ${at}; the catalogue was last checked at commit ${lastCheckedCommit}.`,
    ...check.requirements.flatMap(requirementLines),
    `${count('there')} quoted cells and sentences still there, ${count('moved')} moved, ${count('changed')} changed, ${count('gone')} gone; ${outside.length} ${OUTSIDE}.`,
    broken.length
      ? `FAIL: the quotes of ${broken.length} MUST requirement(s) changed or went: ${broken.map((r) => r.id).join(', ')}.`
      : `PASS: every MUST's quote is still in ${check.dir}${count('moved') ? ', some on other pages than the catalogue names (--record follows them)' : ''}.`,
  ];
}

function requirementLines(r: RequirementCheck): string[] {
  const states = r.passages.flatMap((p) => p.pieces ?? []).map((piece) => piece.state);
  const worst = WORST_FIRST.find((state) => states.includes(state));
  const outside = r.passages.filter((p) => !p.pieces);
  const summary = [...(worst ? [STATE_WORDS[worst]] : []), ...(outside.length ? [`${outside.length} passage(s) ${OUTSIDE}`] : [])].join(
    '; ',
  );
  return [
    `${r.id} (${r.level}${r.withdrawn ? ', withdrawn' : ''}): ${summary}`,
    ...r.passages.flatMap(({ passage, pieces }) =>
      pieces ? pieces.flatMap((piece) => pieceLines(piece, passage.from)) : [`  not checked here: ${passage.from}`],
    ),
  ];
}

function pieceLines(piece: PieceFinding, from: string): string[] {
  switch (piece.state) {
    case 'there':
      return [];
    case 'moved':
      return [
        `  moved from ${from} to ${piece.to}:${piece.line}${piece.alsoOn ? ` (and ${piece.alsoOn} other pages)` : ''}: "${piece.words}"`,
      ];
    case 'changed':
      return [`  changed in ${from}:${piece.line}`, `    was: ${piece.words}`, `    now: ${piece.now}`];
    case 'gone':
      return [`  gone from ${from}, and on no other page: "${piece.words}"`];
  }
}

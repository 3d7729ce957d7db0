// What `npm run sources -- check DIR --record` writes into the catalogue after a check: the line
// each passage of the docs repository was found at, its new page where it moved there whole, and
// the commit checked. The catalogue is edited in place, value by value, so that its comments and
// layout stay as written. A check that found a quote changed or gone, or a passage split between
// pages, records nothing: only a person can say what the quote should now be, and the commit
// recorded is the one at which every quote was found.
import { isMap, isScalar, isSeq, parse, parseDocument, type Node, type Scalar, type YAMLMap } from 'yaml';
import { isLost, type PassageCheck, type QuoteCheck } from './sources-check.ts';

/** Why the check cannot be recorded; empty when it can. */
export function whyNotRecordable(check: QuoteCheck): string[] {
  return [
    ...(check.commit ? [] : [`the commit is unknown: ${check.commitUnknown}`]),
    ...check.requirements.flatMap((r) =>
      r.passages.flatMap(({ passage, pieces }) => {
        if (pieces?.some(isLost)) return [`a quote of ${r.id} changed or went`];
        return pieces && !destinationOf({ passage, pieces }) ? [`a passage of ${r.id} is now on several pages: quote each on its own`] : [];
      }),
    ),
  ];
}

/** Where a passage is now, when every piece of it is on one page. */
function destinationOf({ passage, pieces = [] }: PassageCheck): { from: string; line: number } | undefined {
  const pages = new Set(pieces.map((p) => (p.state === 'moved' ? p.to : passage.from)));
  const first = pieces[0];
  if (pages.size !== 1 || !first || isLost(first)) return undefined;
  return { from: [...pages][0]!, line: (first as { line: number }).line };
}

/** The catalogue's text with the check recorded; the check must be recordable. */
export function recordedCatalogue(catalogueText: string, check: QuoteCheck): string {
  const document = parseDocument(catalogueText);
  const edits: { at: number; end: number; text: string }[] = [];
  const replace = (node: Node | undefined, text: string) => {
    const [at, end] = rangeOf(node);
    edits.push({ at, end, text });
  };
  // A hash of digits alone would read back as a number, unless quoted.
  const commit = parse(check.commit!) === check.commit ? check.commit! : `'${check.commit}'`;
  replace(document.getIn(['docs_repository', 'checked_commit'], true) as Node | undefined, commit);
  const entries = document.get('requirements', true);
  if (!isSeq(entries)) throw new Error('the catalogue has no list of requirements');
  const byId = new Map(entries.items.filter(isMap).map((entry) => [String(entry.get('id')), entry]));
  for (const r of check.requirements) {
    const quote = byId.get(r.id)?.get('quote', true);
    if (!isSeq(quote)) throw new Error(`${r.id} has no list of passages in the catalogue`);
    r.passages.forEach((checked, index) => {
      if (!checked.pieces) return;
      const passage = quote.items[index] as YAMLMap;
      const { from, line } = destinationOf(checked)!;
      const fromNode = passage.get('from', true) as Scalar;
      if (from !== checked.passage.from) replace(fromNode, from);
      const lineNode = passage.get('line', true) as Scalar | undefined;
      if (lineNode) replace(lineNode, String(line));
      else {
        const end = rangeOf(fromNode)[1];
        edits.push({ at: end, end, text: `\n${' '.repeat(columnOfKey(catalogueText, passage, 'from'))}line: ${line}` });
      }
    });
  }
  return edits
    .sort((a, b) => b.at - a.at)
    .reduce((text, { at, end, text: inserted }) => text.slice(0, at) + inserted + text.slice(end), catalogueText);
}

function rangeOf(node: Node | undefined): [number, number] {
  if (!isScalar(node) || !node.range) throw new Error('the catalogue lacks a value the record writes');
  return [node.range[0], node.range[1]];
}

function columnOfKey(text: string, map: YAMLMap, key: string): number {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key)!;
  const at = (pair.key as Scalar).range![0];
  return at - text.lastIndexOf('\n', at) - 1;
}

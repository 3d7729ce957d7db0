// The words of a source as a reader sees them, so that a quote is compared with what the page
// says and not with how its reStructuredText spells it: markup (``literal``, **bold**, *emphasis*,
// :ref:`text <target>`, `link <url>`__), table borders and cell bars, list bullets, typographic
// quotes and runs of whitespace all read as the words they show. A quote is read the same way,
// so a quote may keep the markup it was copied with, or leave it out.

/** A page's words in one line, and where each line of the file starts in it. */
export interface PageText {
  text: string;
  /** The 1-based line of the file the words at `offset` come from. */
  lineAt(offset: number): number;
  /** The page cut at sentence ends and line ends, each piece with its line: where a changed
   * sentence is looked for. */
  sentences: { text: string; line: number }[];
}

/** A line that shows no words: a table border, a heading's underline, a target label, the
 * export's record of the page's original name. */
const WORDLESS_LINE = /^\s*(?:\+[-=+]+\+|([-=~^"'`#*+])\1{2,}(?:\s+\1+)*|\.\. _[^:]*:|:original_name:.*)\s*$/;
/** A directive shows its argument (`.. table:: **Table 1** ...`) but not its own name. */
const DIRECTIVE = /^(\s*)\.\. [\w-]+::\s?/;
const BULLET = /^(?:[-*+•]|\d+\.|#\.)\s+/;

/** What `text` shows, in one line: for a quote, and for each line of a page. */
export function shownWords(text: string): string {
  return (
    text
      .split('|')
      // Each table cell, like each line, may open with a bullet.
      .map((cell) => inlineWords(cell.trim()).replace(BULLET, ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      // JSON reads the same with or without the spaces a pretty-printer puts inside its brackets.
      .replace(/([[{]) /g, '$1')
      .replace(/ ([\]}])/g, '$1')
      .trim()
  );
}

function inlineWords(text: string): string {
  return (
    text
      // :ref:`shown <target>` and `shown <https://...>`__ show their text; :ref:`target` its target.
      .replace(/(?::[\w-]+:)?`([^`<]*?)\s*<[^`>]*>`_{0,2}/g, '$1')
      .replace(/:[\w-]+:`([^`]*)`/g, '$1')
      .replace(/``([^`]+)``/g, '$1')
      .replace(/\*\*([^*\s](?:[^*]*[^*\s])?)\*\*/g, '$1')
      .replace(/\*([^*\s](?:[^*]*[^*\s])?)\*/g, '$1')
      .replace(/\\(.)/g, '$1')
      .replace(/[“”„]/g, '"')
      .replace(/[‘’]/g, "'")
  );
}

/** Where `words` (as shownWords gives them) stand in `text` as whole words, or -1: "None" is not
 * found in "Nonexistent". */
export function indexOfWords(text: string, words: string): number {
  const edge = (c: string | undefined) => c === undefined || !/[\p{L}\p{N}_]/u.test(c);
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    const open = !/^[\p{L}\p{N}_]/u.test(words) || edge(text[at - 1]);
    const close = !/[\p{L}\p{N}_]$/u.test(words) || edge(text[at + words.length]);
    if (open && close) return at;
  }
  return -1;
}

export function readPage(source: string): PageText {
  const lineStarts: { start: number; line: number }[] = [];
  const sentences: PageText['sentences'] = [];
  let text = '';
  source.split(/\r?\n/).forEach((raw, index) => {
    if (WORDLESS_LINE.test(raw)) return;
    const words = shownWords(raw.replace(DIRECTIVE, '$1'));
    if (!words) return;
    // Lines join with a space, but for a JSON bracket's own line, as shownWords reads one.
    if (text && !/[[{]$/.test(text) && !/^[\]}]/.test(words)) text += ' ';
    lineStarts.push({ start: text.length, line: index + 1 });
    text += words;
    for (const sentence of words.split(/(?<=[.!?:])\s+/)) sentences.push({ text: sentence, line: index + 1 });
  });
  return {
    text,
    sentences,
    lineAt(offset) {
      let found = lineStarts[0]?.line ?? 1;
      for (const { start, line } of lineStarts) {
        if (start > offset) break;
        found = line;
      }
      return found;
    },
  };
}

// Where a reader opens a quoted passage: a page of the docs repository at the commit its quotes
// were last found at, on the line the passage starts (so the link still shows the words after the
// docs move on), or the page outside the repository it names.
import { isInDocsRepository, type DocsRepository, type QuotedPassage } from './document.ts';

export function passageHref(passage: QuotedPassage, docs: DocsRepository): string {
  if (!isInDocsRepository(passage)) return passage.from;
  return `${docs.url}/blob/${docs.checked_commit}/${passage.from}${passage.line ? `#L${passage.line}` : ''}`;
}

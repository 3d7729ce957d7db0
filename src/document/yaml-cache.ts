// The project's YAML files (the document, the catalogue) as parsed, kept as JSON under
// node_modules/.cache, keyed by the file's content and the parser's version. Parsing both took a
// fifth of a second in the run's process and again in each of its workers, every run; reading the
// JSON takes a millisecond. Keyed by content, the cache can never be stale: an edited file is
// parsed again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { threadId } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const CACHE_DIR = new URL('../../node_modules/.cache/vpc-peering-conformance/', import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, each caller knows its shape
export function readYaml(path: URL): any {
  const text = readFileSync(path, 'utf8');
  // The parser, loaded only when the cache has not got the file: loading it is a cost of its own.
  const parserVersion: string = require('yaml/package.json').version;
  const cached = new URL(`${createHash('sha256').update(`yaml ${parserVersion}\n`).update(text).digest('hex')}.json`, CACHE_DIR);
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    const parsed: unknown = (require('yaml') as typeof import('yaml')).parse(text);
    // Written whole or not at all, as workers may parse the same file at once; a cache that cannot
    // be written costs only the time.
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const partial = new URL(`${cached.pathname.split('/').pop()}.${process.pid}-${threadId}`, CACHE_DIR);
      writeFileSync(partial, JSON.stringify(parsed));
      renameSync(partial, cached);
    } catch {
      // not cached
    }
    return parsed;
  }
}

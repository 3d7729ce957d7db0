// A checkout of the docs repository the catalogue quotes, as `npm run sources` reads it: its
// pages, read as a reader sees them, and the commit they are at. A tree that is not a git
// checkout (a copy, an unpacked archive) is at whatever commit the user says it is, or at one
// nobody can tell; so is a checkout with uncommitted changes, whose pages no commit holds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readPage, type PageText } from './source-text.ts';

/** DIR, or what was said of it, cannot be read as a checkout of the docs repository. */
export class DocsCheckoutError extends Error {}

export interface DocsCheckout {
  dir: string;
  /** The commit its pages are at, when that can be told. */
  commit?: string;
  /** Why the commit cannot be told, when it cannot. */
  commitUnknown?: string;
  /** A page by its path in the repository; undefined when DIR has no such page. */
  page(path: string): PageText | undefined;
  /** Every page of DIR, by its path in the repository, sorted. */
  pagePaths(): string[];
}

/** DIR as a checkout of the docs repository that holds at least one of `quotedPaths`. */
export function openDocsCheckout(dir: string, quotedPaths: string[], givenCommit?: string): DocsCheckout {
  if (!existsSync(dir)) throw new DocsCheckoutError(`${dir} does not exist: give a checkout of the docs repository.`);
  if (!statSync(dir).isDirectory()) throw new DocsCheckoutError(`${dir} is not a directory: give a checkout of the docs repository.`);
  if (!quotedPaths.some((path) => existsSync(join(dir, path))))
    throw new DocsCheckoutError(
      `${dir} holds none of the pages the catalogue quotes (such as ${quotedPaths[0]}): it is not a checkout of the docs repository.`,
    );
  const pages = new Map<string, PageText | undefined>();
  let allPaths: string[] | undefined;
  return {
    dir,
    ...commitOf(dir, givenCommit),
    page(path) {
      if (!pages.has(path)) {
        const file = join(dir, path);
        pages.set(path, existsSync(file) && statSync(file).isFile() ? readPage(readFileSync(file, 'utf8')) : undefined);
      }
      return pages.get(path);
    },
    pagePaths() {
      allPaths ??= readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((path) => path.endsWith('.rst') && !path.split(/[\\/]/).includes('.git'))
        .map((path) => path.split(/[\\/]/).join('/'))
        .sort();
      return allPaths;
    },
  };
}

function commitOf(dir: string, given: string | undefined): Pick<DocsCheckout, 'commit' | 'commitUnknown'> {
  const top = git(dir, 'rev-parse', '--show-toplevel');
  // A copy inside some other repository is not that repository's checkout.
  const isCheckout = top !== undefined && realpathSync(top) === realpathSync(dir);
  if (isCheckout && given !== undefined)
    throw new DocsCheckoutError(`${dir} is a git checkout, whose commit is read from it: leave out --commit.`);
  if (given !== undefined) {
    if (!/^[0-9a-f]{40}$/.test(given)) throw new DocsCheckoutError(`--commit ${given} is not a full commit hash (40 hexadecimal digits).`);
    return { commit: given };
  }
  if (!isCheckout) return { commitUnknown: `${dir} is not a git checkout; give its commit with --commit` };
  const head = git(dir, 'rev-parse', 'HEAD');
  if (!head) return { commitUnknown: `${dir} is a git checkout without a commit` };
  if (git(dir, 'status', '--porcelain', '--untracked-files=no'))
    return { commitUnknown: `${dir} has uncommitted changes to commit ${head}, so no commit holds its pages` };
  return { commit: head };
}

function git(dir: string, ...args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

// Where a rendered page links a test's source line. Pages are read away from the checkout that
// made them, so a link into it (/home/someone/suite/tests/...) leads nowhere: with a remote the
// link goes to the public repository at the commit checked out, whose lines are the run's; with
// none, it is relative to the page, which works while the page stays beside its checkout.
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';

export interface SourceLinks {
  /** What the links point into, for the page to say. */
  base: string;
  href(file: string, line: number | undefined): string;
}

/** Links for pages written to `pagesDir` from the checkout at the current directory. */
export function sourceLinks(pagesDir: string): SourceLinks {
  const repository = webAddressOf(gitOutput('remote', 'get-url', 'origin'));
  const commit = gitOutput('rev-parse', 'HEAD');
  if (repository && commit)
    return { base: `${repository} at commit ${commit.slice(0, 12)}`, href: (file, line) => `${repository}/blob/${commit}/${file}#L${line ?? 1}` };
  return { base: 'this checkout, relative to the page (the checkout has no public remote)', href: (file, line) => `${relative(pagesDir, file)}#L${line ?? 1}` };
}

/** A git remote as the https address its host shows files at, without any credentials it
 * carries; undefined for a remote that is a path on this machine, which no reader can open. */
export function webAddressOf(remote: string | undefined): string | undefined {
  if (!remote) return undefined;
  const scp = remote.match(/^[\w.-]+@([\w.-]+):(?!\/)(.+)$/);
  let url: URL;
  try {
    url = new URL(scp ? `https://${scp[1]}/${scp[2]}` : remote);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
  return `https://${url.hostname}${url.pathname.replace(/\.git$/, '').replace(/\/$/, '')}`;
}

function gitOutput(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

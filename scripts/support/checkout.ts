// The commit a script's figures are measured at, and whether tracked files differed from it: what
// npm run mutants records and npm run bench shows. Nothing outside a git checkout.
import { execFileSync } from 'node:child_process';

export function checkout(): { commit?: string; uncommitted?: boolean } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', 'HEAD'), uncommitted: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return {};
  }
}

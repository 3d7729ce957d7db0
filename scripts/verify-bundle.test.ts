// What verify-bundle cannot read it refuses with exit 2 and one sentence, never a stack trace or
// the exit 1 that reads as INVALID: a truncated or corrupt .tar.gz, an archive of something else,
// a folder without its manifest, a manifest that is not one.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runScript, scratchDir } from './support/child-scripts.ts';

/** A folder shaped like a bundle, and its .tar.gz: enough for the archive to be read, not to verify. */
function packedFolder(): { folder: string; archive: string } {
  const scratch = scratchDir();
  const folder = join(scratch, 'bundle');
  mkdirSync(join(folder, 'reports'), { recursive: true });
  // Incompressible bytes, so the archive is long enough to be cut in half.
  writeFileSync(join(folder, 'reports', 'exchanges.har'), execFileSync('head', ['-c', '65536', '/dev/urandom']));
  writeFileSync(join(folder, 'manifest.json'), '{}');
  execFileSync('tar', ['-czf', `${folder}.tar.gz`, '-C', scratch, 'bundle']);
  return { folder, archive: `${folder}.tar.gz` };
}

async function refused(bundle: string): Promise<string> {
  const verified = await runScript('scripts/verify-bundle.ts', [bundle]);
  expect(verified.code, verified.stderr).toBe(2);
  expect(verified.stdout).toBe('');
  const lines = verified.stderr.trim().split('\n');
  expect(lines, verified.stderr).toHaveLength(1);
  return lines[0]!;
}

it('refuses a truncated .tar.gz', async () => {
  const { archive } = packedFolder();
  const whole = readFileSync(archive);
  writeFileSync(archive, whole.subarray(0, whole.length / 2));
  expect(await refused(archive)).toContain('is not a readable .tar.gz (truncated or corrupt)');
});

it('refuses a .tar.gz that is not gzip at all', async () => {
  const archive = join(scratchDir(), 'bundle.tar.gz');
  writeFileSync(archive, 'not an archive\n');
  expect(await refused(archive)).toContain('is not a readable .tar.gz (truncated or corrupt)');
});

it('refuses a folder without its manifest', async () => {
  expect(await refused(scratchDir())).toContain('has no manifest.json: it is not a certification bundle');
});

it('refuses a manifest that is not JSON, or names no files', async () => {
  const { folder } = packedFolder();
  expect(await refused(folder)).toContain('lacks the files, suite or target every manifest names');
  writeFileSync(join(folder, 'manifest.json'), '{"files": ');
  expect(await refused(folder)).toContain('is not valid JSON');
});

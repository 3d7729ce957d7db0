// A certification bundle made against a server from a target file: it verifies, it carries no
// secret, and once a result in it is edited it no longer verifies.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toTargetFile } from '../emulator/tenants.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { runScript, scratchDir, writeJson } from '../src/cli/child-scripts.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

it('certifies a correct server into a bundle that verifies, holds no secret, and fails once edited', { timeout: 120_000 }, async () => {
  const scratch = scratchDir();
  const target = writeJson(scratch, 'target.json', toTargetFile(emulator.tenants, emulator.url));
  const bundle = join(scratch, 'bundle');

  const made = await runScript('scripts/certify.ts', ['--target', target, '--out', bundle]);
  expect(made.code, made.stdout).toBe(0);
  expect(made.stdout).toContain('VALID');
  const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
  expect(manifest).toMatchObject({ verdict: 'valid', failedMust: [], profile: 'full', target: { baseUrl: emulator.url } });
  for (const file of filesUnder(bundle)) {
    const text = readFileSync(file, 'utf8');
    for (const tenant of Object.values(emulator.tenants)) expect(text, file).not.toContain(tenant.token);
  }

  for (const form of [bundle, `${bundle}.tar.gz`]) {
    const verified = await runScript('scripts/verify-bundle.ts', [form]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain('VALID: every file is as the run wrote it');
  }

  const results = join(bundle, 'reports', 'conformance.json');
  writeFileSync(results, readFileSync(results, 'utf8').replace('"result": "passed"', '"result": "failed"'));
  const edited = await runScript('scripts/verify-bundle.ts', [bundle]);
  expect(edited.code).toBe(1);
  expect(edited.stdout).toContain('INVALID: reports/conformance.json was changed after the run');
});

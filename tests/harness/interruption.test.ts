// A run stopped half-way, as Ctrl-C or a CI job's cancellation stops it: it deletes everything
// it created, writes its reports, exits non-zero, and no token appears in anything it printed
// or wrote.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { toTargetFile } from '../../emulator/fixtures.ts';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { scratchDir, startConformance, writeJson } from '../support/conformance-process.ts';

let emulator: RunningEmulator;
beforeAll(async () => { emulator = await startEmulator(); });
afterAll(() => emulator.close());

const peeringsNow = () => ['requester', 'accepter'].flatMap((role) => {
  const listed = emulator.store.list(emulator.fixtures[role as 'requester' | 'accepter'], {});
  return listed.ok ? listed.value.peerings.map((p) => p.id) : [];
});

it('on SIGINT mid-run, deletes every peering it made, writes the reports and exits 130', { timeout: 60_000 }, async () => {
  const target = writeJson(scratchDir(), 'target.json', toTargetFile(emulator.fixtures, emulator.url));
  const { child, finished } = startConformance(['--target', target]);
  const deadline = Date.now() + 30_000;
  while (peeringsNow().length === 0 && Date.now() < deadline) await delay(10);
  expect(peeringsNow().length, 'the run created peerings before it was interrupted').toBeGreaterThan(0);

  child.kill('SIGINT');
  const run = await finished;
  expect(run.code).toBe(130);
  expect(run.stdout).toContain('Interrupted (SIGINT): stopping the tests, deleting what the run created');
  expect(peeringsNow(), 'peerings left after the run (their ids)').toEqual([]);
  expect(run.report()).toMatchObject({ verdict: 'fail', run: { stopped: 'Interrupted (SIGINT)', leaks: [] } });
  expect(run.stdout).toMatch(/the sweep deleted \d+ peering\(s\) that the stopped tests had not cleaned up/);

  const written = readdirSync(run.reportsDir).map((f) => readFileSync(join(run.reportsDir, f), 'utf8'));
  for (const text of [run.stdout, run.stderr, ...written]) {
    for (const tenant of Object.values(emulator.fixtures)) expect(text).not.toContain(tenant.token);
  }
});

// A run stopped half-way, as people and CI stop it: Ctrl-C typed in a real terminal, SIGINT to
// the whole process group (npm, the run and everything it started), SIGINT once the reader of its
// output has gone (`| tee`, ended by the same Ctrl-C), SIGTERM alone (GitLab), and SIGINT then
// SIGTERM 7.5 s later (GitHub Actions). Against a server answering after 150 ms, each
// run deletes everything it created, prints its summary, writes its reports and exits 130 or 143,
// and no token appears in anything it printed or wrote. Each run is npm run conformance in a
// process of its own, in a process group of its own: the signals are the point, and they reach
// processes, not a run in this one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { toTargetFile } from '../emulator/tenants.ts';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { busy, peeringsLeftOn, runScript, scratchDir, startNpmConformance, writeJson, type Interruption } from './support/child-scripts.ts';

const LATENCY_MS = 150;
/** GitHub Actions sends SIGTERM this long after its SIGINT. */
const GITHUB_SIGTERM_AFTER_MS = 7_500;

let emulator: RunningEmulator | undefined;
afterEach(() => emulator?.close());

/** Starts a run against a distant server, and interrupts it once it has peerings live there. */
async function interrupted(how: Interruption[], { terminal = false } = {}) {
  const server = (emulator = await startEmulator({ latencyMs: LATENCY_MS }));
  const target = writeJson(scratchDir(), 'target.json', toTargetFile(server.tenants, server.url));
  const run = startNpmConformance(['--target', target], { terminal });
  await busy(server);
  expect(peeringsLeftOn(server).length, 'the run created peerings before it was interrupted').toBeGreaterThan(0);
  const [first, ...later] = how;
  run.interrupt(first!);
  const escalation = later.length ? delay(GITHUB_SIGTERM_AFTER_MS).then(() => later.forEach((h) => run.interrupt(h))) : undefined;
  const finished = await run.finished;
  await escalation;
  return { server, finished };
}

function expectStoppedCleanly({ server, finished }: Awaited<ReturnType<typeof interrupted>>, code: number, why: string) {
  expect(peeringsLeftOn(server), `peerings left after the run\n${finished.stdout}`).toEqual([]);
  expect(finished.code, finished.stdout + finished.stderr).toBe(code);
  expect(finished.stdout).toContain(`${why}: stopping the tests, deleting what the run created`);
  // Against a correct server, a stop fails no requirement: the tests it cut short proved nothing.
  expect(finished.stdout).toMatch(/Requirements: \d+ passed, 0 failed, \d+ not checked/);
  expect(finished.stdout).not.toContain('test(s) of MUST requirements failed');
  expect(finished.stdout).toContain(`FAIL: ${why}, before every test had run`);
  expect(finished.stdout).not.toContain('Worker exited unexpectedly');
  expect(finished.report()).toMatchObject({ verdict: 'fail', run: { stopped: why, leaks: [] } });
  const written = readdirSync(finished.reportsDir).map((f) => readFileSync(join(finished.reportsDir, f), 'utf8'));
  expect(written).toHaveLength(4);
  for (const text of [finished.stdout, finished.stderr, ...written]) {
    for (const tenant of Object.values(server.tenants)) expect(text).not.toContain(tenant.token);
  }
}

describe('a run interrupted against a server answering after 150 ms', { timeout: 180_000 }, () => {
  it('by Ctrl-C typed in its terminal, deletes what it made, reports and exits 130', async () => {
    expectStoppedCleanly(await interrupted([{ keystroke: 'Ctrl-C' }], { terminal: true }), 130, 'Interrupted (SIGINT)');
  });

  it('by SIGINT to its whole process group, deletes what it made, reports and exits 130', async () => {
    expectStoppedCleanly(await interrupted([{ signal: 'SIGINT' }]), 130, 'Interrupted (SIGINT)');
  });

  it('by SIGTERM alone, as GitLab cancels a job, deletes what it made, reports and exits 143', async () => {
    expectStoppedCleanly(await interrupted([{ signal: 'SIGTERM' }]), 143, 'Terminated (SIGTERM)');
  });

  it('by SIGINT during the pre-flight, deletes its peering, runs no test and exits 130', async () => {
    const server = (emulator = await startEmulator({ latencyMs: LATENCY_MS }));
    const target = writeJson(scratchDir(), 'target.json', toTargetFile(server.tenants, server.url));
    const run = startNpmConformance(['--target', target]);
    const deadline = Date.now() + 60_000;
    while (!peeringsLeftOn(server).some((p) => p.includes('-preflight"')) && Date.now() < deadline) await delay(5);
    run.interrupt({ signal: 'SIGINT' });
    const finished = await run.finished;
    expect(finished.code, finished.stdout + finished.stderr).toBe(130);
    expect(finished.stdout).toContain(
      'Interrupted (SIGINT) during the pre-flight: deleting the peering it made, if any; no test will run.',
    );
    expect(peeringsLeftOn(server)).toEqual([]);
  });

  it('by SIGINT after the reader of its output has gone, as `| tee` goes with the same Ctrl-C, still deletes what it made and reports', async () => {
    const server = (emulator = await startEmulator({ latencyMs: LATENCY_MS }));
    const target = writeJson(scratchDir(), 'target.json', toTargetFile(server.tenants, server.url));
    const run = startNpmConformance(['--target', target]);
    await busy(server);
    run.closeOutput();
    run.interrupt({ signal: 'SIGINT' });
    const finished = await run.finished;
    expect(peeringsLeftOn(server), 'peerings left after the run').toEqual([]);
    expect(finished.report()).toMatchObject({ verdict: 'fail', run: { stopped: 'Interrupted (SIGINT)', leaks: [] } });
  });

  it('by SIGINT and, 7.5 s later, SIGTERM, as GitHub cancels a job, has finished before the SIGTERM', async () => {
    expectStoppedCleanly(await interrupted([{ signal: 'SIGINT' }, { signal: 'SIGTERM' }]), 130, 'Interrupted (SIGINT)');
  });
});

it(
  'by a second Ctrl-C, a while after the first, exits at once, naming what may be left and the command that deletes it',
  { timeout: 180_000 },
  async () => {
    // A second apart, each answer takes long enough for the sweep to be still under way.
    const server = (emulator = await startEmulator({ latencyMs: 1_000 }));
    const target = writeJson(scratchDir(), 'target.json', toTargetFile(server.tenants, server.url));
    const run = startNpmConformance(['--target', target], { terminal: true });
    await busy(server);
    run.interrupt({ keystroke: 'Ctrl-C' });
    const deadline = Date.now() + 60_000;
    while (!run.output().includes('a second Ctrl-C exits at once') && Date.now() < deadline) await delay(20);
    await delay(1_200);
    run.interrupt({ keystroke: 'Ctrl-C' });
    const finished = await run.finished;
    expect(finished.code).toBe(130);
    expect(finished.stdout).toContain('Exiting now, before the sweep has finished.');
    expect(finished.stdout).toContain(`npm run sweep -- --target ${target} deletes the peerings that carry a run's name`);
    expect(finished.stdout).not.toMatch(/Requirements: /);
    const sweep = await runScript('scripts/sweep.ts', ['--target', target]);
    expect(sweep.code, sweep.stdout).toBe(0);
    expect(peeringsLeftOn(server), 'left after npm run sweep').toEqual([]);
  },
);

// The run engine, called as its callers call it, in this process: it returns every test, the
// traffic and every exchange as data, tells its events in order and prints nothing; two runs share
// a process at once, each with its own run; a stop ends the tests and the run still sweeps; a stop
// before the tests start ends the run with nothing left.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmbeddedEmulator } from '../../emulator/embedded.ts';
import { runConformance, type RunSettings } from './conformance-run.ts';
import { PreflightStopped } from './preflight.ts';
import { PROFILES } from './profiles.ts';
import type { RunEvent } from './run-result.ts';
import type { OpenTarget } from './target.ts';

const opened: OpenTarget[] = [];
async function emulator(): Promise<OpenTarget> {
  const target = await startEmbeddedEmulator({});
  opened.push(target);
  return target;
}
afterEach(async () => {
  for (const target of opened.splice(0)) await target.close();
});

function settings(target: OpenTarget, requirement: string): RunSettings {
  return {
    target: target.target,
    seed: 17,
    profile: PROFILES.quick,
    propertyRuns: PROFILES.quick.propertyRuns,
    requirement,
    bail: false,
    concurrency: 2,
    deadlineMs: 10_000,
    runDeadlineMs: 120_000,
    settleMs: 5_000,
    propertyBudgetMs: 10_000,
    shrink: true,
  };
}

describe('a run', { timeout: 120_000 }, () => {
  let printed: unknown[];
  beforeEach(() => {
    printed = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => printed.push(chunk) > 0);
    for (const method of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, method).mockImplementation((...args) => printed.push(args));
    return () => vi.restoreAllMocks();
  });

  it('returns its tests, traffic and exchanges, tells its events in order, and prints nothing; two share a process at once', async () => {
    const [show, del] = await Promise.all([emulator(), emulator()]);
    const events: RunEvent['type'][] = [];
    const [shown, deleted] = await Promise.all([
      runConformance(settings(show, 'PEER-SHOW-*'), { onEvent: (e) => events.push(e.type) }),
      runConformance(settings(del, 'PEER-DELETE-*')),
    ]);
    expect(printed).toEqual([]);
    expect(events).toEqual(['opened', 'tests-starting']);
    for (const [result, prefix] of [
      [shown, 'PEER-SHOW-'],
      [deleted, 'PEER-DELETE-'],
    ] as const) {
      const ran = result.tests.filter((t) => t.state === 'passed');
      expect(ran.length).toBeGreaterThan(0);
      expect(ran.every((t) => t.ids.some((id) => id.startsWith(prefix)))).toBe(true);
      const { sent, byRun } = result.run.traffic;
      expect(result.exchanges.flatMap((a) => a.exchanges)).toHaveLength(sent + byRun);
      // Each run's exchanges are its own: their ids begin with its run id.
      expect(result.exchanges.flatMap((a) => a.exchanges).every((e) => e.id.startsWith(result.run.runId))).toBe(true);
      expect(result.run.leaks).toEqual([]);
    }
    expect(shown.run.runId).not.toBe(deleted.run.runId);
  });

  it('stopped once its tests are under way, ends them, sweeps, and says why it stopped', async () => {
    const target = await emulator();
    const stop = new AbortController();
    const events: RunEvent[] = [];
    const result = await runConformance(settings(target, 'PEER-LIST-*'), {
      stop: stop.signal,
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'tests-starting') setTimeout(() => stop.abort({ by: 'signal', signal: 'SIGTERM' }), 300);
      },
    });
    expect(events.map((e) => e.type)).toContain('stopping');
    expect(result.run).toMatchObject({ stopped: 'Terminated (SIGTERM)', stopReason: { by: 'signal', signal: 'SIGTERM' }, leaks: [] });
    const listed = await fetch(`${target.target.baseUrl}/v2.0/vpc/peerings`, {
      headers: { 'x-auth-token': target.target.tenants[0]!.token! },
    });
    expect(((await listed.json()) as { peerings: unknown[] }).peerings).toEqual([]);
  });

  it('stopped before its tests start, ends with PreflightStopped and runs no test', async () => {
    const target = await emulator();
    const stop = new AbortController();
    stop.abort({ by: 'signal', signal: 'SIGINT' });
    const events: RunEvent[] = [];
    await expect(runConformance(settings(target, 'PEER-LIST-*'), { stop: stop.signal, onEvent: (e) => events.push(e) })).rejects.toThrow(
      PreflightStopped,
    );
    expect(events).toEqual([]);
  });
});

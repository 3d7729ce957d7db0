// The project's scripts run as a user runs them, in child processes: `npm run conformance` with
// its reports in a directory of its own, any other script to its end, and `npm run emulator`
// until it listens. Each hands back what the process printed (and wrote).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { ConformanceReport } from '../../src/reports/reports.ts';
import type { RunningEmulator } from '../../emulator/server.ts';

export interface ChildOutput {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ConformanceOutput extends ChildOutput {
  reportsDir: string;
  report(): ConformanceReport;
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'peering-self-test-'));
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

/** What a child prints, gathered as it prints it. */
function captured(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk) => (output.stdout += chunk));
  child.stderr!.on('data', (chunk) => (output.stderr += chunk));
  return output;
}

function startScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): { child: ChildProcess; finished: Promise<ChildOutput> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, cwd });
  const output = captured(child);
  return { child, finished: new Promise((done) => child.on('close', (code) => done({ code, ...output }))) };
}

/** A script of the project (`scripts/sweep.ts`), run to its end; in `cwd`, a copy of the
 * project, when the test needs a checkout of its own. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<ChildOutput> {
  return startScript(script, args, env, cwd).finished;
}

export function runConformance(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ConformanceOutput> {
  return startConformance(args, env).finished;
}

/** The run's conformance.json; a run that crashed writes none, and its own words say why. */
export function reportIn(reportsDir: string, run: ChildOutput): ConformanceReport {
  const file = join(reportsDir, 'conformance.json');
  if (!existsSync(file)) throw new Error(`the run wrote no report (exit ${run.code}):\n${run.stderr || run.stdout}`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A run under way: its process, to signal, and its end. */
function startConformance(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; finished: Promise<ConformanceOutput> } {
  const reportsDir = scratchDir();
  const { child, finished } = startScript('scripts/conformance.ts', ['--reports', reportsDir, ...args], { ...env, FORCE_COLOR: '0' });
  return {
    child,
    finished: finished.then((run) => ({
      ...run,
      reportsDir,
      report: () => reportIn(reportsDir, run),
    })),
  };
}

/** Every peering an in-process emulator holds, as `id "name" STATUS`: what a run left there. */
export function peeringsLeftOn(server: RunningEmulator): string[] {
  return (['requester', 'accepter'] as const)
    .flatMap((role) => {
      const listed = server.store.list(server.tenants[role], {});
      return listed.ok ? listed.value.peerings.map((p) => `${p.id} "${p.name}" ${p.status}`) : [];
    })
    .filter((p, i, all) => all.indexOf(p) === i);
}

/** Resolves once a run has peerings live on the emulator (or after 90 s, for the caller to say so). */
export async function busy(server: RunningEmulator): Promise<void> {
  const deadline = Date.now() + 90_000;
  // The pre-flight's peerings come and go before any test starts: they are not the tests'.
  const ofTests = () => peeringsLeftOn(server).filter((p) => !p.includes('-preflight"'));
  while (ofTests().length === 0 && Date.now() < deadline) await delay(20);
}

/** How a run is interrupted: by a signal to its whole process group, or by Ctrl-C typed at the
 * terminal it runs in. */
export type Interruption = { signal: 'SIGINT' | 'SIGTERM' } | { keystroke: 'Ctrl-C' };

/** `npm run conformance` as a person or a CI job starts it: through npm, leading a process group
 * of its own (as a terminal's foreground job does), or in a real pseudo-terminal (Debian's
 * `script`). `interrupt` reaches it as a terminal or CI would: the signal goes to the whole group,
 * npm, the run and everything they started; the keystroke goes to the terminal. */
export function startNpmConformance(
  args: string[],
  { terminal = false } = {},
): { interrupt(how: Interruption): void; output(): string; closeOutput(): void; finished: Promise<ConformanceOutput> } {
  const reportsDir = scratchDir();
  const npmArgs = ['run', 'conformance', '--', '--reports', reportsDir, ...args];
  const quoted = npmArgs.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const child = terminal
    ? spawn('script', ['-qec', `npm ${quoted}`, '/dev/null'], { detached: true, env: { ...process.env, FORCE_COLOR: '0' } })
    : spawn('npm', npmArgs, { detached: true, env: { ...process.env, FORCE_COLOR: '0' } });
  const output = captured(child);
  return {
    output: () => output.stdout,
    /** Closes the reading end of its stdout and stderr, as a pipe's reader that has exited does. */
    closeOutput() {
      child.stdout!.destroy();
      child.stderr!.destroy();
    },
    interrupt(how) {
      if ('keystroke' in how) child.stdin!.write('\x03');
      else {
        try {
          process.kill(-child.pid!, how.signal);
        } catch {
          // The group has already exited: nothing is left to signal.
        }
      }
    },
    // The status as a shell reports it: npm passes a signal it ended by on to itself.
    finished: new Promise((done) =>
      child.on('close', (code, signal) => {
        const run = { code: code ?? 128 + constants.signals[signal!], ...output };
        done({ ...run, reportsDir, report: () => reportIn(reportsDir, run) });
      }),
    ),
  };
}

/** `npm run emulator` on a free port, writing its target file; resolves once it listens. */
export async function startStandaloneEmulator(
  args: string[] = [],
): Promise<{ child: ChildProcess; targetPath: string; output: () => string }> {
  const targetPath = join(scratchDir(), 'target.json');
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', '0', '--write-target', targetPath, ...args]);
  let output = '';
  await new Promise<void>((ready, fail) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ctrl-C stops it.')) ready();
    });
    child.once('exit', (code) => fail(new Error(`the emulator exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, targetPath, output: () => output };
}

// The project's scripts run as a user runs them, in child processes: `npm run conformance` with
// its reports in a directory of its own, any other script to its end, and `npm run emulator`
// until it listens. Each hands back what the process printed (and wrote).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface FinishedRun extends ScriptRun {
  reportsDir: string;
  report(): any;
}

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'harness-'));
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

function startScript(script: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; finished: Promise<ScriptRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => { stdout += chunk; });
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  return { child, finished: new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr }))) };
}

/** A script of the project (`scripts/sweep.ts`), run to its end. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<ScriptRun> {
  return startScript(script, args, env).finished;
}

export function runConformance(args: string[], env: NodeJS.ProcessEnv = {}): Promise<FinishedRun> {
  return startConformance(args, env).finished;
}

/** A run under way: its process, to signal, and its end. */
export function startConformance(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; finished: Promise<FinishedRun> } {
  const reportsDir = scratchDir();
  const { child, finished } = startScript('scripts/conformance.ts', ['--reports', reportsDir, ...args], { ...env, FORCE_COLOR: '0' });
  return {
    child,
    finished: finished.then((run) => ({
      ...run,
      reportsDir,
      report: () => JSON.parse(readFileSync(join(reportsDir, 'conformance.json'), 'utf8')),
    })),
  };
}

/** `npm run emulator` on a free port, writing its target file; resolves once it listens. */
export async function startStandaloneEmulator(args: string[] = []): Promise<{ child: ChildProcess; targetPath: string; output: () => string }> {
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

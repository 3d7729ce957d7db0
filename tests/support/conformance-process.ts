// Runs `npm run conformance` as a user would, in a child process, with its reports in a
// directory of its own, and hands back what it printed and wrote.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FinishedRun {
  code: number | null;
  stdout: string;
  stderr: string;
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

export function runConformance(args: string[], env: NodeJS.ProcessEnv = {}): Promise<FinishedRun> {
  return startConformance(args, env).finished;
}

/** A run under way: its process, to signal, and its end. */
export function startConformance(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; finished: Promise<FinishedRun> } {
  const reportsDir = scratchDir();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/conformance.ts', '--reports', reportsDir, ...args], {
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const finished = new Promise<FinishedRun>((done) => child.on('close', (code) => done({
    code, stdout, stderr, reportsDir,
    report: () => JSON.parse(readFileSync(join(reportsDir, 'conformance.json'), 'utf8')),
  })));
  return { child, finished };
}

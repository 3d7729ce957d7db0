// `npm run conformance` run in the self-test's own process: the command itself
// (src/cli/conformance-command.ts) with buffers for a console, its reports in a directory of its
// own, and the environment the test gives on top of this process's. Runs need no process of their
// own: each has its own vitest, workers and target, one after another or several at once.
import { startEmbeddedEmulator } from '../../emulator/embedded.ts';
import { conformanceCommand } from '../../src/cli/conformance-command.ts';
import { reportIn, scratchDir, type ConformanceOutput } from './child-scripts.ts';

export async function runConformance(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ConformanceOutput> {
  const reportsDir = scratchDir();
  const stdout: string[] = [];
  const stderr: string[] = [];
  const { code } = await conformanceCommand(['--reports', reportsDir, ...args], {
    print: (line) => stdout.push(`${line}\n`),
    printError: (sentence) => stderr.push(`${sentence}\n`),
    env: { ...process.env, ...env },
    atTerminal: false,
    startEmulator: startEmbeddedEmulator,
  });
  const run = { code, stdout: stdout.join(''), stderr: stderr.join('') };
  return { ...run, reportsDir, report: () => reportIn(reportsDir, run) };
}

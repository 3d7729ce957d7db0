// `npm run conformance`: the command (src/cli/conformance-command.ts) given this process's
// arguments, console, environment and signals, and the embedded emulator to start when no other
// target is named. Exit 0: every applicable check passed; 1: something failed or leaked; 2: the
// run could not start, with one sentence saying what to fix; 130 or 143: a signal stopped it.
import { conformanceCommand } from '../src/cli/conformance-command.ts';
import { SignalStop } from '../src/cli/signals.ts';
import { startEmbeddedEmulator } from '../emulator/embedded.ts';

const { code } = await conformanceCommand(process.argv.slice(2), {
  print: (line) => console.log(line),
  printError: (sentence) => console.error(sentence),
  env: process.env,
  atTerminal: Boolean(process.stdout.isTTY) && !process.env.CI,
  startEmulator: startEmbeddedEmulator,
  signals: new SignalStop().listen(),
});
process.exit(code);

// `npm run conformance`: the command (src/cli/conformance-command.ts) given this process's
// arguments, console, environment and signals, and the embedded emulator to start when no other
// target is named. Exit 0: every applicable check passed; 1: something failed or leaked; 2: the
// run could not start, with one sentence saying what to fix; 130 or 143: a signal stopped it.
import { conformanceCommand, processIo } from '../src/cli/conformance-command.ts';
import { startEmbeddedEmulator } from '../emulator/embedded.ts';

const { code } = await conformanceCommand(process.argv.slice(2), processIo(startEmbeddedEmulator));
process.exit(code);

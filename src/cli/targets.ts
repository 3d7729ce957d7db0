// What --target names, opened for a run: the embedded emulator (the default), Prism's mock, or the
// endpoint a target file names; Prism's validating proxy in front when asked. The emulator is
// started by the function the entry point hands in (emulator/embedded.ts), so that no layer of
// src/ imports the emulator: to the run it is a target like any other.
import { StartupProblem } from '../run/startup-problem.ts';
import { behindPrism, openEndpoint, openPrismMock, type OpenTarget } from '../run/target.ts';

/** How the embedded emulator is started: which variant, how late, how consistent, how paged. */
interface EmulatorOptions {
  variant?: string;
  latencyMs?: number;
  eventual?: boolean;
  pageSize?: number;
}

/** How --target's choice is opened: through Prism's proxy or not, and how the emulator behaves. */
export interface TargetOptions extends EmulatorOptions {
  viaPrism: boolean;
}

/** Starts the embedded emulator; what keeps it from starting is said in its error's one sentence. */
export type StartEmulator = (options: EmulatorOptions) => Promise<OpenTarget>;

/** `argument` is what the user gave to --target: nothing (the emulator), `prism`, or a target
 * file's path, whose secrets are read from `env`. What keeps the run from starting is a
 * StartupProblem with one sentence. */
export async function openTarget(
  argument: string | undefined,
  { viaPrism, ...emulator }: TargetOptions,
  startEmulator: StartEmulator,
  env: NodeJS.ProcessEnv,
): Promise<OpenTarget> {
  const asked = { variant: emulator.variant, latency: emulator.latencyMs, eventual: emulator.eventual, 'page-size': emulator.pageSize };
  const misplaced = Object.entries(asked).find(([, value]) => value);
  if (misplaced && argument && argument !== 'emulator')
    throw new StartupProblem(`--emulator-${misplaced[0]} changes the embedded emulator; it cannot be combined with another --target.`);
  if (argument === 'prism') {
    if (viaPrism)
      throw new StartupProblem('--via-prism puts Prism in front of a server; with --target prism there is none: drop one of them.');
    return openPrismMock();
  }
  const opened =
    !argument || argument === 'emulator'
      ? await startEmulator(emulator).catch((error: Error) => {
          throw new StartupProblem(error.message);
        })
      : openEndpoint(argument, env);
  return viaPrism ? behindPrism(opened) : opened;
}

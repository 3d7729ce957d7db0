// Every command answers --help and -h with its usage, generated from the options it parses, and
// refuses an unknown option with one sentence and exit 2. The commands are read from package.json,
// so that a new one cannot be left out; `test` only chains lint and vitest. Each in a process of
// its own: --help and a refused option end the process they are given to.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript } from './support/child-scripts.ts';

const CHAINS = ['test'];
const scripts: Record<string, string> = JSON.parse(readFileSync('package.json', 'utf8')).scripts;

/** How a user starts each command, and the file it runs: runScript runs it as package.json does. */
const commands = [
  ...Object.entries(scripts)
    .filter(([name]) => !CHAINS.includes(name))
    .map(([name, runs]) => ({ usage: `npm run ${name}`, runs })),
  // Not in package.json: `npm run bench` starts it, and a person measuring one process may too.
  { usage: 'node --import tsx scripts/bench-overhead.ts', runs: 'node --import tsx scripts/bench-overhead.ts' },
].map(({ usage, runs }) => ({ usage, runs, file: /^(?:tsx|node(?: --import \S+)* --import tsx) (\S+\.ts)$/.exec(runs)?.[1] }));
const scriptsRun = commands.filter((c): c is typeof c & { file: string } => c.file !== undefined);

/** Where a script's options are defined when not in the script itself: npm run conformance is a
 * command certify, docs and the self-tests run in their own process too. */
const OPTIONS_DEFINED_IN: Record<string, string> = { 'scripts/conformance.ts': 'src/cli/conformance-options.ts' };

/** The options a script defines for its parser, read from their source: what it accepts. */
function definedOptions(file: string): { name: string; takesValue: boolean; short?: string }[] {
  // An option's definition may span lines (prettier breaks long ones), but holds no braces.
  return [
    ...readFileSync(OPTIONS_DEFINED_IN[file] ?? file, 'utf8').matchAll(/^\s*'?([a-z][\w-]*)'?: \{\s*type: '(string|boolean)'([^}]*)\}/gm),
  ].map(([, name, type, rest]) => {
    const short = /short: '(\w)'/.exec(rest!)?.[1];
    return { name: name!, takesValue: type === 'string', ...(short && { short }) };
  });
}

/** The options a usage describes: each `--name [VALUE]` followed by its description. */
function describedOptions(usage: string): { name: string; value?: string }[] {
  return [...usage.matchAll(/^ {2}(?:-\w, | {4})--([\w-]+)(?: (\S+))? {2,}\S/gm)].map(([, name, value]) => ({
    name: name!,
    ...(value && { value }),
  }));
}

// Every child starts at once. Most of a child's second is loading its script's imports, so each
// command gets two: one that must exit 0, one that must exit 2.
const runs = new Map(
  scriptsRun.map(({ usage, file }) => {
    const everyOption = definedOptions(file).flatMap((o) => (o.takesValue ? [`--${o.name}`, '1'] : [`--${o.name}`]));
    return [usage, { help: runScript(file, [...everyOption, '--help']), unknown: runScript(file, ['--bogus']) }] as const;
  }),
);
// -h is the same option in every command (parseOptions adds it), so one command shows it works;
// each command shows that none of its own options takes -h away.
const h = runScript('scripts/conformance.ts', ['-h']);

it('every script but the tool chains runs a file of this project with tsx', () => {
  // One that does not would go untested here: make it answer --help, or add it to CHAINS.
  expect(commands.filter((c) => !c.file).map((c) => `${c.usage}: ${c.runs}`)).toEqual([]);
});

describe.each(scriptsRun)('$usage', ({ usage, file }) => {
  const run = runs.get(usage)!;

  it('prints its usage on --help, among any of its options, and exits 0', { timeout: 60_000 }, async () => {
    const { code, stdout, stderr } = await run.help;
    expect(code, stderr).toBe(0);
    expect(stderr).toBe('');
    const [firstLine] = stdout.split('\n');
    expect(firstLine === `usage: ${usage}` || firstLine!.startsWith(`usage: ${usage} `), firstLine).toBe(true);
  });

  it('describes every option it accepts, and names the value of each that takes one', { timeout: 60_000 }, async () => {
    const { stdout } = await run.help;
    const described = describedOptions(stdout);
    expect(described.map((o) => o.name).sort()).toEqual([...definedOptions(file).map((o) => o.name), 'help'].sort());
    for (const option of definedOptions(file)) {
      expect(described.find((o) => o.name === option.name)?.value, `--${option.name}`).toEqual(
        option.takesValue ? expect.stringMatching(/\S/) : undefined,
      );
    }
  });

  it('leaves -h to the help', () => {
    expect(definedOptions(file).filter((o) => o.short === 'h')).toEqual([]);
  });

  it('refuses an unknown option in one sentence, then the usage, and exits 2', { timeout: 60_000 }, async () => {
    const [help, unknown] = await Promise.all([run.help, run.unknown]);
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(`Unknown option '--bogus'.\n${help.stdout}`);
  });
});

it('npm run conformance prints the same usage on -h', { timeout: 60_000 }, async () => {
  const [help, short] = await Promise.all([runs.get('npm run conformance')!.help, h]);
  expect(short.code, short.stderr).toBe(0);
  expect(short.stdout).toBe(help.stdout);
});

// What every entry point does with its arguments: parse them with node's own parser, and when
// they, or anything else the user gave, are wrong, say so in one sentence and exit 2. The usage
// that --help prints is generated from the very definitions the parser reads, so that it cannot
// fall behind the options a command accepts. A command that runs in-process as well (npm run
// conformance) parses with parseArguments, which throws what parseOptions would exit with.
import { parseArgs } from 'node:util';

/** How a command ends, as CI reads its status: passed, failed, or could not start. A stopped
 * run ends as a shell reports a process ended by its signal (src/run/run-stop.ts). */
export const EXIT = { passed: 0, failed: 1, cannotStart: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT] | 130 | 143;

export function stopWith(sentence: string): never {
  console.error(sentence);
  process.exit(EXIT.cannotStart);
}

/** What the user gave cannot be used: the message is the one sentence saying what to fix, and the
 * command exits 2 with it. */
export class BadInput extends Error {}

/** One option: what node's parser needs, what it is for, and, when it takes a value, the value's
 * name as the usage shows it (`--target prism|FILE`). */
export type OptionDefinition = { short?: string; description: string } & (
  { type: 'string'; value: string; default?: string } | { type: 'boolean'; default?: boolean }
);

export interface CommandDefinition<O extends Record<string, OptionDefinition>> {
  /** How a user starts it: `npm run conformance`. */
  command: string;
  /** What it does, in one paragraph. */
  summary: string;
  options: O;
  /** The arguments that are not options, by the name the usage gives them. None unless given. */
  positionals?: Record<string, string>;
}

const HELP: OptionDefinition = { type: 'boolean', short: 'h', description: 'print this help and exit' };
const WIDTH = 100;

/** The values of `options` as node's parser types them, and the positionals. */
type Parsed<O extends Record<string, OptionDefinition>> = ReturnType<
  typeof parseArgs<{ options: O & { help: { type: 'boolean' } }; allowPositionals: true }>
>;

/** The process's arguments, parsed; on a mistake the process exits 2, on --help 0, each after
 * saying so. */
export function parseOptions<O extends Record<string, OptionDefinition>>(definition: CommandDefinition<O>): Parsed<O> {
  let parsed: Parsed<O>;
  try {
    parsed = parseArguments(definition, process.argv.slice(2));
  } catch (error) {
    return stopWith((error as BadInput).message);
  }
  if (asksForHelp(parsed)) {
    console.log(usageOf(definition));
    process.exit(0);
  }
  return parsed;
}

/** `args` parsed; a mistake is BadInput, its message the sentence and the usage. */
export function parseArguments<O extends Record<string, OptionDefinition>>(definition: CommandDefinition<O>, args: string[]): Parsed<O> {
  try {
    return parseArgs({
      args,
      options: { ...definition.options, help: HELP },
      allowPositionals: definition.positionals !== undefined,
      strict: true,
    }) as Parsed<O>;
  } catch (error) {
    // Node's messages run on with hints the usage below gives better: its first sentence is enough.
    const [sentence] = (error as Error).message.split(/\.(?:\s|$)/);
    throw new BadInput(`${sentence}.\n${usageOf(definition)}`);
  }
}

export const asksForHelp = (parsed: { values: object }) => (parsed.values as { help?: boolean }).help === true;

export function usageOf({ command, summary, options, positionals = {} }: CommandDefinition<Record<string, OptionDefinition>>): string {
  const args = [...(Object.keys(options).length ? ['[OPTION...]'] : []), ...Object.keys(positionals)];
  // npm hands a script only the arguments after `--`.
  const synopsis = [command, ...(args.length && command.startsWith('npm run ') ? ['--'] : []), ...args].join(' ');
  const argumentRows = Object.entries(positionals);
  const optionRows = Object.entries({ ...options, help: HELP }).map(
    ([name, o]) =>
      [
        `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value}` : ''}`,
        `${o.description}${typeof o.default === 'string' ? ` (default: ${o.default})` : ''}`,
      ] as const,
  );
  // One column for every description, so that they read as one table.
  const column = Math.max(...[...argumentRows, ...optionRows].map(([left]) => left.length)) + 4;
  const table = (rows: (readonly [string, string])[]) =>
    rows.map(([left, description]) => `  ${left.padEnd(column - 2)}${wrap(description, column)}`);
  return [
    `usage: ${synopsis}`,
    '',
    wrap(summary, 0),
    ...(argumentRows.length ? ['', 'arguments:', ...table(argumentRows)] : []),
    '',
    'options:',
    ...table(optionRows),
  ].join('\n');
}

/** `text` in lines of at most WIDTH columns, each after the first indented by `indent`. */
function wrap(text: string, indent: number): string {
  const lines = [''];
  for (const word of text.split(/\s+/)) {
    const line = lines[lines.length - 1]!;
    if (line && indent + line.length + 1 + word.length > WIDTH) lines.push(word);
    else lines[lines.length - 1] = line ? `${line} ${word}` : word;
  }
  return lines.join(`\n${' '.repeat(indent)}`);
}

// What every entry point does with its arguments: parse them with node's own parser, and when
// they, or anything else the user gave, are wrong, say so in one sentence and exit 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function stopWith(sentence: string): never {
  console.error(sentence);
  process.exit(2);
}

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(options: T, usage: string) {
  try {
    return parseArgs({ options, strict: true }).values;
  } catch (error) {
    return stopWith(`${(error as Error).message}\n${usage}`);
  }
}

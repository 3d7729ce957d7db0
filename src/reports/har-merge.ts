// The merged run's exchanges.har: every entry of every merged run's, in one HAR 1.2 log, in the
// order they started, so that a merged report's "Recorded: exchanges.har entry <id>" is found in
// the merged directory. Entry ids are each run's (prefixed with its run id), so none collide.
import { readFileSync } from 'node:fs';
import { MergeError } from './merge.ts';

interface HarLog {
  log: { creator: unknown; entries: { startedDateTime: string }[] };
}

function readHar(file: string): HarLog {
  let har: HarLog;
  try {
    har = JSON.parse(readFileSync(file, 'utf8')) as HarLog;
  } catch (error) {
    throw new MergeError(`${file} cannot be read as a HAR file (${(error as Error).message}).`);
  }
  if (!Array.isArray(har?.log?.entries)) throw new MergeError(`${file} is not a HAR file: it has no log.entries.`);
  return har;
}

/** The text of one HAR log holding every entry of `files`, the creator the first's. One entry a
 * line, as a run writes it, so that grep finds a failure's entry by its id. */
export function mergedHar(files: string[]): string {
  const logs = files.map(readHar);
  // A stable sort: entries that started at one millisecond keep their run's order.
  const entries = logs.flatMap((har) => har.log.entries).sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime));
  const head = `{"log":{"version":"1.2","creator":${JSON.stringify(logs[0]!.log.creator)},"entries":[`;
  return `${head}${entries.map((e, i) => `${i ? ',' : ''}\n${JSON.stringify(e)}`).join('')}\n]}}\n`;
}

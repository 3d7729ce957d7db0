// The run's record of every exchange as an HTTP Archive (HAR 1.2), which browsers' developer tools
// and HAR viewers open: every attempt the run sent, retries and unanswered ones included, in the
// order they started, each with the test and requirements it was sent for. The transport records
// plain objects (src/http/exchange-record.ts); what HAR asks beyond them is worked out here, once.
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AttributedExchanges, RecordedExchange } from '../http/exchange-record.ts';

const creator = (() => {
  const { name, version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name, version };
})();

/** Milliseconds to the microsecond: finer is noise, and only lengthens the file. */
const ms = (value: number) => Math.round(value * 1000) / 1000;

type HarHeader = { name: string; value: string };

const headerList = (headers: Record<string, string | string[] | undefined>): HarHeader[] =>
  Object.entries(headers).flatMap(([name, value]) =>
    value === undefined ? [] : Array.isArray(value) ? value.map((v) => ({ name, value: v })) : [{ name, value }],
  );

function entryOf(e: RecordedExchange, test: string, requirements: string[]) {
  const requestType = e.requestHeaders['content-type'] ?? '';
  const responseType = e.responseHeaders['content-type'];
  const answered = e.error === undefined;
  const waitMs = e.waitMs ?? e.durationMs;
  return {
    startedDateTime: new Date(e.startedAt).toISOString(),
    time: ms(e.durationMs),
    request: {
      method: e.method,
      url: e.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: headerList(e.requestHeaders),
      queryString: [...new URL(e.url).searchParams].map(([name, value]) => ({ name, value })),
      ...(e.requestBody !== undefined && { postData: { mimeType: requestType, text: e.requestBody } }),
      // undici adds headers of its own (host, connection) and does not say how many bytes they took.
      headersSize: -1,
      bodySize: e.requestBody === undefined ? 0 : Buffer.byteLength(e.requestBody),
    },
    response: {
      status: e.status,
      // undici gives the status code, not the reason phrase the server sent with it.
      statusText: '',
      httpVersion: answered ? 'HTTP/1.1' : '',
      cookies: [],
      headers: headerList(e.responseHeaders),
      content: {
        size: Buffer.byteLength(e.responseText),
        mimeType: Array.isArray(responseType) ? responseType.join(', ') : responseType ?? '',
        ...(e.responseText !== '' && { text: e.responseText }),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: answered ? Buffer.byteLength(e.responseText) : -1,
    },
    cache: {},
    // undici tells when the headers came back, not when the request had gone out: sending is in
    // `wait`, as it is for a small request on a kept-alive connection anyway.
    timings: { send: 0, wait: ms(waitMs), receive: ms(e.durationMs - waitMs) },
    _id: e.id,
    _test: test,
    _requirements: requirements,
    _operationId: e.operationId,
    ...(e.error !== undefined && { _error: e.error }),
  };
}

/** Writes `file` from a run's exchanges (src/run/run-result.ts); gives the number of entries. One
 * entry a line, so that grep finds a failure's entry by its id. */
export function writeHar(exchanges: AttributedExchanges[], file: string): number {
  const entries = exchanges
    .flatMap(({ test, requirements, exchanges }) => exchanges.map((e) => ({ e, test, requirements })))
    .sort((a, b) => a.e.startedAt - b.e.startedAt || a.e.id.localeCompare(b.e.id));
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"entries":[`);
    entries.forEach(({ e, test, requirements }, i) => writeSync(fd, `${i ? ',' : ''}\n${JSON.stringify(entryOf(e, test, requirements))}`));
    writeSync(fd, '\n]}}\n');
  } finally {
    closeSync(fd);
  }
  return entries.length;
}

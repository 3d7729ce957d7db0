// The record of every attempt a transport sends, retries and unanswered ones included, for the
// run's exchanges.har (src/reports/har.ts). Recording is on the path of every request, so it only
// keeps plain objects; what a HAR entry needs beyond them is worked out once, when the file is
// written. Credentials in headers are masked here, as they are recorded, so that no file holds
// them; a body is kept as it came, as the console shows it.
import { everyHeaderMasked, type Exchange } from './exchange.ts';

/** The file the run's exchanges are written to, in its reports directory (src/reports/har.ts): a
 * failure names its exchange's entry there. */
export const HAR_FILE = 'exchanges.har';

/** One attempt, as recorded: the exchange and what a failure message leaves out of it. */
export interface RecordedExchange {
  id: string;
  operationId: string;
  /** When the attempt started, in epoch milliseconds. */
  startedAt: number;
  /** Until the response's headers came; absent when none came. */
  waitMs?: number;
  /** Until the body was read, or until the attempt failed. */
  durationMs: number;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  /** 0 when no response came back; `error` then says why. */
  status: number;
  responseHeaders: Record<string, string | string[] | undefined>;
  responseText: string;
  error?: string;
}

/** What was recorded during one test, or one of the run's own steps, and the requirements it was
 * checking: handed over at the test's (or step's) end, to be written down where the run reads it. */
export interface AttributedExchanges {
  test: string;
  requirements: string[];
  exchanges: RecordedExchange[];
}

/** The moments of one attempt, as performance.now() read them. */
export interface AttemptTimes {
  started: number;
  answered?: number;
  ended: number;
}

export class ExchangeRecorder {
  private sequence = 0;
  private recorded: RecordedExchange[] = [];

  /** `prefix` makes the ids unique within the run: each recorder of a run has its own (a worker's
   * thread id, the main process's "run"). */
  constructor(private readonly prefix: string) {}

  /** Records an attempt and gives `exchange` its id. */
  record(
    exchange: Exchange,
    times: AttemptTimes,
    requestHeaders: Record<string, string>,
    responseHeaders: Record<string, string | string[] | undefined> = {},
  ): void {
    exchange.id = `${this.prefix}-${String(++this.sequence).padStart(6, '0')}`;
    this.recorded.push({
      id: exchange.id,
      operationId: exchange.operationId,
      // performance.now() counts from this process's (or thread's) own origin: the epoch time lets
      // the entries of all the run's workers be put in one order.
      startedAt: performance.timeOrigin + times.started,
      ...(times.answered !== undefined && { waitMs: times.answered - times.started }),
      durationMs: times.ended - times.started,
      method: exchange.method,
      url: exchange.url,
      requestHeaders: everyHeaderMasked(requestHeaders),
      ...(exchange.body !== undefined && { requestBody: exchange.body }),
      status: exchange.status,
      responseHeaders: everyHeaderMasked(responseHeaders),
      responseText: exchange.responseText,
      ...(exchange.error !== undefined && { error: exchange.error }),
    });
  }

  /** Hands what was recorded since the last time to `write`, attributed to `test` and its
   * requirements, and forgets it; when nothing was, hands over nothing. Gives the number of
   * exchanges handed over. */
  handOver(write: (record: AttributedExchanges) => void, test: string, requirements: string[] = []): number {
    const exchanges = this.recorded;
    this.recorded = [];
    if (exchanges.length) write({ test, requirements, exchanges });
    return exchanges.length;
  }
}

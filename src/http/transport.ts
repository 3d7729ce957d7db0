// The wire under openapi-fetch: undici.request with plain request and response objects in place
// of WHATWG Request/Response. On Node 20 those stream-backed objects, and cloning a response to
// read it twice, cost several times the HTTP exchange itself; here the body is read once and the
// exchange is recorded where every fact about it is at hand.
//
// It is also where a real endpoint's bad moments are absorbed: every attempt has a deadline, and
// 429 and 503 (which mean the request was not processed) are retried with capped backoff.
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { maskedHeaders, type Exchange } from './exchange.ts';
import type { AttemptTimes, ExchangeRecorder } from './exchange-record.ts';
import { sign } from './signer.ts';
import { traceHeaders, traceIdOf } from './trace.ts';
import { Traffic } from './traffic.ts';

/** One keep-alive pool per process: connections are reused across clients, transports and tests.
 * It keeps sockets, not a record of what they carried, so no test sees another's through it. */
const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

/** What a request is sent with; what is remembered across requests is the Transport's. */
export interface TransportOptions {
  /** How long one attempt may take before it fails. */
  deadlineMs: number;
  /** Called for each retry, with the status that caused it. */
  onRetry?: (status: number, method: string, url: string) => void;
  /** How the transport waits before a retry; a test passes one that records instead of waiting. */
  wait?: (ms: number) => Promise<unknown>;
  /** Who the requests are from: the token goes out as X-Auth-Token, and AK/SK sign every attempt. */
  credentials?: Credentials;
  /** The span of the test the requests are sent for, the parent of each request's own (src/http/trace.ts). */
  testSpanId?: string;
}

/** A token, or AK/SK credentials with the project they sign for; neither, for refusal tests. */
export interface Credentials {
  token?: string;
  ak?: string;
  sk?: string;
  projectId?: string;
}

export const DEFAULT_DEADLINE_MS = 30_000;

const RETRIED = new Set([429, 503]);
const MAX_RETRIES = 5;
const FIRST_BACKOFF_MS = 100;
const MAX_WAIT_MS = 10_000;
/** After this many missed deadlines, an operation is not waited on again by the same transport. */
const DEADLINES_BEFORE_GIVING_UP = 2;

/** What openapi-fetch constructs in place of `Request`: it reads url, method and headers. */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;
  /** Set by the client before the request is sent, so that every attempt's exchange names it. */
  operationId = '';

  constructor(url: string, init: { method?: string; headers?: Headers; body?: unknown }) {
    this.url = url;
    this.method = init.method ?? 'GET';
    this.headers = init.headers ?? new Headers();
    this.body = typeof init.body === 'string' ? init.body : undefined;
  }
}

/** Response headers as undici gives them (lower-case names), read only through `get`. */
class PlainHeaders {
  constructor(private readonly raw: Record<string, string | string[] | undefined>) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
}

/** What openapi-fetch and the validating middleware read of a response. */
export class PlainResponse {
  readonly ok: boolean;
  private parsed?: { value: unknown };

  constructor(
    readonly status: number,
    readonly headers: PlainHeaders,
    private readonly body: string,
    readonly exchange: Exchange,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return this.parse();
  }

  /** The body as JSON, parsed once however often it is asked for. */
  parse(): unknown {
    this.parsed ??= { value: JSON.parse(this.body) };
    return this.parsed.value;
  }
}

/** A request that got no answer; `exchange` holds what was sent and why nothing came back, and
 * `code` the network's own word for it (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT). */
export class NoAnswer extends Error {
  constructor(
    readonly exchange: Exchange,
    readonly code?: string,
  ) {
    super(exchange.error);
    this.name = 'NoAnswer';
  }
}

/** Seconds or an HTTP date, as Retry-After allows; capped, so a server cannot stall the run. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), MAX_WAIT_MS);
}

function sentExchange(req: PlainRequest, headers: Record<string, string>): Exchange {
  return {
    operationId: req.operationId,
    method: req.method,
    url: req.url,
    headers: maskedHeaders(headers),
    ...(headers.traceparent !== undefined && { traceparent: headers.traceparent }),
    ...(req.body !== undefined && { body: req.body }),
    status: 0,
    contentType: null,
    responseText: '',
  };
}

const lowerCased = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

/** The operation a request belongs to, for the deadline record: ids replaced by a placeholder. */
const operationKey = (req: PlainRequest) => `${req.method} ${new URL(req.url).pathname.replace(/\/[0-9a-f-]{36}/gi, '/{id}')}`;

/** The wire, and what it remembers across requests: the operations that missed their deadline,
 * the traffic it carried and, given a recorder, every exchange. Whoever makes one owns that record.
 * A conformance worker gives one to all its clients (src/suite/api.ts), so that a deadline missed
 * in one test is remembered in the next and the worker's traffic is counted in one place; a client
 * given none makes its own, and a self-test that makes its own sees nothing of another test's
 * requests. */
export class Transport {
  readonly traffic = new Traffic();

  /** `traceId` is the trace every request carries: the run's, for the run's transports; a
   * transport of its own gets a trace of its own. */
  constructor(
    private readonly recorder?: ExchangeRecorder,
    readonly traceId = traceIdOf(''),
  ) {}

  /** Deadlines missed, by operation (see operationKey). */
  private readonly missedDeadlines = new Map<string, number>();

  async send(req: PlainRequest, options: TransportOptions): Promise<PlainResponse> {
    const headers: Record<string, string> = {};
    req.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const { token, ak, sk, projectId = '' } = options.credentials ?? {};
    if (token !== undefined) headers['x-auth-token'] = token;
    const signing = ak && sk ? { ak, sk } : undefined;
    if (signing) headers['x-project-id'] = projectId;
    for (let retry = 0; ; retry++) {
      // Each attempt is signed anew: the signature carries its time. Each is also a request of its
      // own, with a span of its own; the trace headers are left out of the signature, since a
      // gateway or proxy on the way may rewrite them, as the standard allows.
      const sent = {
        ...(signing
          ? {
              ...headers,
              ...lowerCased(
                sign({ method: req.method, url: req.url, headers, ...(req.body !== undefined && { body: req.body }) }, signing),
              ),
            }
          : headers),
        ...traceHeaders(this.traceId, options.testSpanId),
      };
      const response = await this.attempt(req, sent, options.deadlineMs);
      if (!RETRIED.has(response.status) || retry === MAX_RETRIES) return response;
      options.onRetry?.(response.status, req.method, req.url);
      await (options.wait ?? delay)(
        retryAfterMs(response.headers.get('retry-after')) ?? Math.min(FIRST_BACKOFF_MS * 2 ** retry, MAX_WAIT_MS),
      );
    }
  }

  private async attempt(req: PlainRequest, headers: Record<string, string>, deadlineMs: number): Promise<PlainResponse> {
    const { missedDeadlines } = this;
    const exchange = sentExchange(req, headers);
    // Only looked up once some deadline was missed: this path runs for every request of a run.
    if (missedDeadlines.size > 0 && (missedDeadlines.get(operationKey(req)) ?? 0) >= DEADLINES_BEFORE_GIVING_UP) {
      throw new NoAnswer({
        ...exchange,
        error: `not sent: ${operationKey(req)} already missed its ${deadlineMs / 1000} s deadline ${DEADLINES_BEFORE_GIVING_UP} times in this run`,
      });
    }
    const started = performance.now();
    let answered: number | undefined;
    try {
      // undici's own header and body timeouts run on its shared timer wheel: a per-request
      // AbortSignal timer cost more than the rest of the client together.
      const res = await request(req.url, {
        method: req.method as 'GET',
        headers,
        body: req.body,
        dispatcher,
        headersTimeout: deadlineMs,
        bodyTimeout: deadlineMs,
      });
      answered = performance.now();
      const text = await res.body.text();
      const responseHeaders = new PlainHeaders(res.headers);
      exchange.status = res.statusCode;
      exchange.contentType = responseHeaders.get('content-type');
      exchange.responseText = text;
      this.ended(exchange, { started, answered, ended: performance.now() }, headers, res.headers);
      return new PlainResponse(res.statusCode, responseHeaders, text, exchange);
    } catch (error) {
      const code = (error as { code?: string }).code;
      const timedOut = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
      if (timedOut) missedDeadlines.set(operationKey(req), (missedDeadlines.get(operationKey(req)) ?? 0) + 1);
      const unanswered = {
        ...exchange,
        error: timedOut
          ? `no answer within the ${deadlineMs / 1000} s request deadline`
          : `the connection failed (${code ?? (error as Error).message})`,
      };
      this.ended(unanswered, { started, ...(answered !== undefined && { answered }), ended: performance.now() }, headers);
      throw new NoAnswer(unanswered, code);
    }
  }

  /** Every attempt that went out ends here, answered or not: counted, and recorded under the same
   * condition, so that the record holds exactly the attempts the traffic counts. */
  private ended(
    exchange: Exchange,
    times: AttemptTimes,
    requestHeaders: Record<string, string>,
    responseHeaders?: Record<string, string | string[] | undefined>,
  ): void {
    this.traffic.countAttempt(times.ended - times.started);
    this.recorder?.record(exchange, times, requestHeaders, responseHeaders);
  }
}

// The wire under openapi-fetch: undici.request with plain request and response objects in place
// of WHATWG Request/Response. On Node 20 those stream-backed objects, and cloning a response to
// read it twice, cost several times the HTTP exchange itself; here the body is read once and the
// exchange is recorded where every fact about it is at hand.
import { Agent, request } from 'undici';
import { maskedHeaders, type Exchange } from './exchange.ts';

/** One keep-alive pool per process: connections are reused across clients and tests. */
const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: 64 });

/** What openapi-fetch constructs in place of `Request`: it reads url, method and headers. */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;

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

  constructor(readonly status: number, readonly headers: PlainHeaders, private readonly body: string, readonly exchange: Exchange) {
    this.ok = status >= 200 && status < 300;
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

export async function plainFetch(req: PlainRequest): Promise<PlainResponse> {
  const headers: Record<string, string> = {};
  req.headers.forEach((value, name) => { headers[name] = value; });
  const res = await request(req.url, { method: req.method as 'GET', headers, body: req.body, dispatcher });
  const text = await res.body.text();
  const responseHeaders = new PlainHeaders(res.headers);
  const exchange: Exchange = {
    operationId: '',
    method: req.method,
    url: req.url,
    headers: maskedHeaders(req.headers),
    ...(req.body !== undefined && { body: req.body }),
    status: res.statusCode,
    contentType: responseHeaders.get('content-type'),
    responseText: text,
  };
  return new PlainResponse(res.statusCode, responseHeaders, text, exchange);
}

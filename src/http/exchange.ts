// One request and its response, as a failure message shows them and a person replays them.
// Secrets are masked when the exchange is recorded, so no later step can leak them.

export interface Exchange {
  /** Its entry in the run's record of every exchange (exchanges.har's `_id`), when a recording
   * transport sent it: the record is the place to read it whole, retries around it included. */
  id?: string;
  operationId: string;
  method: string;
  url: string;
  /** Request headers as sent, credentials already replaced by `***`. */
  headers: Record<string, string>;
  /** The W3C trace context it went out with (src/http/trace.ts): what a vendor searches its logs for. */
  traceparent?: string;
  body?: string;
  status: number;
  contentType: string | null;
  responseText: string;
  /** Why no response came back (a missed deadline, a reset connection); status is then 0. */
  error?: string;
}

/** What carries a credential: the token, the AK/SK signature, a temporary credential's security
 * token, a session either way. */
const SECRET_HEADERS = new Set(['x-auth-token', 'authorization', 'x-security-token', 'cookie', 'set-cookie']);
const SHOWN_HEADERS = new Set([...SECRET_HEADERS, 'content-type', 'x-sdk-date', 'x-project-id']);

/** The headers worth showing (lower-case names), secrets replaced by `***`. */
export function maskedHeaders(headers: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (SHOWN_HEADERS.has(name)) shown[name] = SECRET_HEADERS.has(name) ? '***' : value;
  }
  return shown;
}

/** Every header (lower-case names), secrets replaced by `***`: for the record, which leaves
 * nothing out. Headers without a secret are given back as they are, not copied. */
export function everyHeaderMasked<V>(headers: Record<string, V>): Record<string, V | '***'> {
  let masked: Record<string, V | '***'> | undefined;
  for (const name in headers) if (SECRET_HEADERS.has(name)) (masked ??= { ...headers })[name] = '***';
  return masked ?? headers;
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

export function curlLine(ex: Exchange): string {
  const parts = ['curl', '-X', ex.method, quote(ex.url)];
  for (const [name, value] of Object.entries(ex.headers)) parts.push('-H', quote(`${name}: ${value}`));
  if (ex.body !== undefined) parts.push('-d', quote(ex.body));
  return parts.join(' ');
}

/** Long strings are cut in the middle with their length shown, so a 300-character name reads. */
function abbreviated(text: string, max = 600): string {
  return text.length <= max ? text : `${text.slice(0, max / 2)}…(${text.length} chars)…${text.slice(-max / 4)}`;
}

export function sentLine(ex: Exchange): string {
  const path = new URL(ex.url).pathname + new URL(ex.url).search;
  return `${ex.method} ${path}${ex.body !== undefined ? `  ${abbreviated(ex.body)}` : ''}`;
}

export function receivedLine(ex: Exchange): string {
  if (ex.error) return `(nothing: ${ex.error})`;
  const body = ex.responseText === '' ? '(empty body)' : abbreviated(ex.responseText);
  return `${ex.status} ${ex.contentType ?? '(no content-type)'}  ${body}`;
}

// AK/SK request signing as the vendor's SDKs sign (SDK-HMAC-SHA256), written out small rather
// than taken from the SDK, whose core pulls in axios, lodash, moment and log4js. It is checked
// against the SDK's own signer on fixed vectors (src/http/signer.test.ts); the emulator
// verifies signatures with the same canonical form.
import { createHash, createHmac } from 'node:crypto';

const ALGORITHM = 'SDK-HMAC-SHA256';

export interface SignedRequest {
  method: string;
  url: string;
  /** Every header to sign, as sent (names in any case). */
  headers: Record<string, string>;
  body?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Percent-encoding of everything but letters, digits, `-`, `_`, `.` and `~`, as the SDK does. */
const encode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `yyyyMMddTHHmmssZ`, the form X-Sdk-Date takes. */
function sdkDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export function canonicalRequest({ method, url, headers, body }: SignedRequest): { canonical: string; signedHeaders: string } {
  const { pathname, searchParams } = new URL(url);
  const path = pathname
    .split('/')
    .map((segment) => encode(decodeURIComponent(segment)))
    .join('/');
  const query = [...searchParams.keys()]
    .filter((k, i, all) => all.indexOf(k) === i)
    .sort()
    .flatMap((key) =>
      searchParams
        .getAll(key)
        .sort()
        .map((value) => `${encode(key)}=${encode(value)}`),
    )
    .join('&');
  const names = Object.keys(headers).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const canonicalHeaders = names.map((name) => `${name.toLowerCase()}:${headers[name]}\n`).join('');
  const signedHeaders = names.map((name) => name.toLowerCase()).join(';');
  const canonical = [method, path.endsWith('/') ? path : `${path}/`, query, canonicalHeaders, signedHeaders, sha256(body ?? '')].join('\n');
  return { canonical, signedHeaders };
}

export function signature(sk: string, date: string, canonical: string): string {
  return createHmac('sha256', sk)
    .update(`${ALGORITHM}\n${date}\n${sha256(canonical)}`)
    .digest('hex');
}

/** The headers that make `request` a signed one: X-Sdk-Date, Host and Authorization. */
export function sign(request: SignedRequest, credentials: { ak: string; sk: string }, now = Date.now()): Record<string, string> {
  const date = sdkDate(now);
  const headers = { ...request.headers, 'X-Sdk-Date': date, host: new URL(request.url).host };
  const { canonical, signedHeaders } = canonicalRequest({ ...request, headers });
  return {
    'X-Sdk-Date': date,
    host: headers.host,
    Authorization: `${ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signedHeaders}, Signature=${signature(credentials.sk, date, canonical)}`,
  };
}

export interface Authorization {
  ak: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(header: string | undefined): Authorization | undefined {
  const match = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]+)$/.exec(header ?? '');
  return match ? { ak: match[1]!, signedHeaders: match[2]!.split(';'), signature: match[3]! } : undefined;
}

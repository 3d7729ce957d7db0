// Who signed a request: the emulator's side of AK/SK authentication. The signature must match
// the canonical form of the request as received, the time must be near the emulator's clock,
// and the project named must be the signer's.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { canonicalRequest, parseAuthorization, signature, type Authorization } from '../src/http/signer.ts';
import type { Tenant } from './tenants.ts';

/** How far X-Sdk-Date may stray from the emulator's clock, as the gateway allows. */
const SKEW_MS = 15 * 60 * 1000;

/** `yyyyMMddTHHmmssZ` back to milliseconds. */
function parseSdkDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
}

export function authorizationOf(req: IncomingMessage): Authorization | undefined {
  return parseAuthorization(req.headers.authorization);
}

/** The tenant whose SK made this signature over this request, or undefined. */
export function verifySignature(
  req: IncomingMessage,
  body: string,
  auth: Authorization,
  tenantsByAk: Map<string, Tenant>,
  now: number,
): Tenant | undefined {
  const tenant = tenantsByAk.get(auth.ak);
  if (!tenant?.sk) return undefined;
  const date = String(req.headers['x-sdk-date'] ?? '');
  if (!(Math.abs(parseSdkDate(date) - now) <= SKEW_MS)) return undefined;
  if (req.headers['x-project-id'] !== tenant.projectId || !auth.signedHeaders.includes('x-sdk-date')) return undefined;
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) return undefined;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const { canonical } = canonicalRequest({ method: req.method ?? 'GET', url: `http://${req.headers.host}${req.url}`, headers, body });
  const expected = Buffer.from(signature(tenant.sk, date, canonical));
  const given = Buffer.from(auth.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? tenant : undefined;
}

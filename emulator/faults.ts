// Fault variants: a correct emulator having the bad moments a real endpoint has. The suite must
// get through the transient ones and end, cleanly and in bounded time, with the lasting ones.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Variant } from './variant.ts';

/** Which answers are 503 is drawn from a fixed seed, not from Math.random, so that a run can be
 * replayed: the nth request the emulator answers meets the same draw in every run, and requests
 * sent in the same order meet the same 503s (concurrent requests may arrive in another order; a
 * run at --concurrency 1 keeps most of it). A generator rather than every tenth request: the
 * 503s fall irregularly, as a real endpoint's do, not always on the same step of a test; over
 * 100 000 draws this seed answers 10.04% of them 503, never more than 4 in a row, within the
 * transport's 5 retries. One sequence per process: a run starts its embedded emulator once. */
const UNAVAILABLE_SEED = 0x5eed503;
const unavailableDraws = xoroshiro128plus(UNAVAILABLE_SEED);

export const FAULTS: Variant[] = [
  {
    name: 'unavailable-10pc',
    summary: 'answers a tenth of all requests 503 with Retry-After: 0, before doing anything',
    intercept: () => (uniformInt(unavailableDraws, 0, 9) === 0 ? { status: 503, headers: { 'retry-after': '0' } } : undefined),
  },
  {
    name: 'show-hangs',
    summary: 'never answers a show',
    intercept: (req) =>
      req.method === 'GET' && /^\/v2\.0\/vpc\/peerings\/[^/?]+$/.test(req.url?.split('?')[0] ?? '') ? new Promise(() => {}) : undefined,
  },
];

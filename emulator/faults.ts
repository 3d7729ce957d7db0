// Fault variants: a correct emulator having the bad moments a real endpoint has. The suite must
// get through the transient ones and end, cleanly and in bounded time, with the lasting ones.
import type { Variant } from './variant.ts';

export const FAULTS: Variant[] = [
  {
    name: 'unavailable-10pc',
    summary: 'answers a tenth of all requests 503 with Retry-After: 0, before doing anything',
    intercept: () => (Math.random() < 0.1 ? { status: 503, headers: { 'retry-after': '0' } } : undefined),
  },
  {
    name: 'show-hangs',
    summary: 'never answers a show',
    intercept: (req) => (req.method === 'GET' && /^\/v2\.0\/vpc\/peerings\/[^/?]+$/.test(req.url?.split('?')[0] ?? '') ? new Promise(() => {}) : undefined),
  },
];

// W3C Trace Context (https://www.w3.org/TR/trace-context/) on every request, so that a vendor can
// find the server-side log lines of an exchange a failure names: the run is the trace, each test
// a span of it, and each request a span of its own whose parent is its test's. `traceparent`
// carries the trace and the request's span, as the standard has it; the test's span goes in
// `tracestate` under our own key, the one place the standard leaves for it.
import { createHash, randomBytes } from 'node:crypto';

/** version 00, trace id, the sender's span id, flags 01 (sampled: the server should keep it). */
export const TRACEPARENT = /^00-(?<traceId>[0-9a-f]{32})-(?<spanId>[0-9a-f]{16})-01$/;

/** The key of the test's span in `tracestate`. */
const TRACESTATE_KEY = 'conformance';

const ZERO = /^0+$/;

/** The run's trace id: its run id first, so that a vendor who knows the run finds the trace, and
 * random after, so that no two runs share a trace. */
export function traceIdOf(runId: string): string {
  return (runId + randomBytes(16).toString('hex')).slice(0, 32);
}

/** A test's span id, derived from its full name: stable across runs, so a test is the same span
 * in every trace, and told apart from every other test by the trace's requests. An all-zero id is
 * invalid, and the standard has the receiver ignore it: a hash that gives one is replaced. */
export function testSpanIdOf(testName: string): string {
  const id = createHash('sha256').update(testName).digest('hex').slice(0, 16);
  return ZERO.test(id) ? 'f'.repeat(16) : id;
}

/** The trace headers of one request: a span id of its own, the test's as its parent. */
export function traceHeaders(traceId: string, testSpanId: string | undefined): Record<string, string> {
  let spanId = randomBytes(8).toString('hex');
  while (ZERO.test(spanId)) spanId = randomBytes(8).toString('hex');
  return {
    traceparent: `00-${traceId}-${spanId}-01`,
    ...(testSpanId && { tracestate: `${TRACESTATE_KEY}=${testSpanId}` }),
  };
}

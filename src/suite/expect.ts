// Assertions on replies. Each failure names the requirement IDs in the running test's title,
// shows the exchange and says what was expected, through the one failure format.
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import type { Reply } from '../http/client.ts';
import { requirementIds } from '../document/document.ts';
import { ConformanceFailure, requirement } from './failure.ts';

export function idsOfCurrentTest(): string[] {
  return requirementIds(expect.getState().currentTestName ?? '');
}

export function fail(title: string, reply: Reply<unknown> | undefined, expected: string): never {
  throw new ConformanceFailure({ ids: idsOfCurrentTest(), title, ...(reply && { exchange: reply.exchange }), expected });
}

/** The reply has exactly this status; returns its body. */
export function expectStatus<T>(reply: Reply<T>, status: number, what = `${reply.exchange.operationId} answered ${reply.status}`): T {
  if (reply.status !== status) fail(what, reply, `${status}`);
  return reply.data as T;
}

/** The codes a refusal under any of these requirements may have. */
export function refusalCodes(...requirementIds: string[]): number[] {
  return [...new Set(requirementIds.flatMap((id) => {
    const allowed = requirement(id).refused_with;
    if (!allowed) throw new Error(`${id} is not a refusal: it has no refused_with in the catalogue`);
    return allowed;
  }))].sort((a, b) => a - b);
}

/** The reply refuses with one of the codes the requirement allows (one where the spec names
 * it, any of 400/403/404/409 where it is silent). Given several requirements, where the sources
 * leave open which one applies, any of their codes will do. */
export function expectRefused(reply: Reply<unknown>, ...requirementIds: [string, ...string[]]): void {
  const allowed = refusalCodes(...requirementIds);
  if (!allowed.includes(reply.status)) {
    fail(`${reply.exchange.operationId} was not refused as ${requirementIds.join(' or ')} requires`, reply, `one of ${allowed.join(', ')}`);
  }
}

/** A plain check on values already received, failing in the suite's format. */
export function expectThat(ok: boolean, title: string, reply: Reply<unknown> | undefined, expected: string): void {
  if (!ok) fail(title, reply, expected);
}

/** JSON, but a field that is absent says so instead of vanishing. */
const shown = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (v === undefined ? '(absent)' : v)) ?? '(absent)';

/** Deep equality, whatever the key order, failing in the suite's format. */
export function expectEqual(actual: unknown, expected: unknown, title: string, reply: Reply<unknown>): void {
  if (!isDeepStrictEqual(actual, expected)) fail(`${title}: got ${shown(actual)}`, reply, shown(expected));
}

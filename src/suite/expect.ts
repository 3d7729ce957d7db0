// Assertions on replies, failing through the one failure type: each shows the exchange and says
// what was expected. `breaks` names the requirement a check states, where the test checks several;
// every check, passed or failed, counts as evidence for those requirements (or the test's own).
import type { RequirementId } from '../../generated/requirement-ids.ts';
import { isDeepStrictEqual } from 'node:util';
import { TestRunner } from 'vitest';
import type { Reply } from '../http/client.ts';
import { findRequirement, requirement } from '../document/document.ts';
import { ConformanceFailure } from '../http/failure.ts';
import { checked } from './evidence.ts';

export function fail(title: string, reply: Reply<unknown> | undefined, expected: string, breaks?: RequirementId[]): never {
  checked(breaks);
  const blamed = breaks?.length ? breaks : unlessOnlyFreedoms(TestRunner.getCurrentTest()?.tags ?? []);
  throw new ConformanceFailure({ title, ...(blamed.length && { breaks: blamed }), ...(reply && { exchange: reply.exchange }), expected });
}

/** What a check that names no requirement blames: the running test's requirements, its MAYs left
 * out when it has others. A MAY is a freedom the server has (to add fields, to refuse a character),
 * which no answer breaks; a check of it that fails names the MAY itself (`expectRefused`). */
function unlessOnlyFreedoms(tags: readonly string[]): RequirementId[] {
  const rules = tags.filter((id) => findRequirement(id)?.level !== 'MAY');
  return (rules.length ? rules : tags) as RequirementId[];
}

/** The reply has exactly this status; returns its body. */
export function expectStatus<T>(
  reply: Reply<T>,
  status: number,
  what = `${reply.exchange.operationId} answered ${reply.status}`,
  breaks?: RequirementId[],
): T {
  if (reply.status !== status) fail(what, reply, `${status}`, breaks);
  checked(breaks);
  return reply.data as T;
}

/** The codes a refusal under any of these requirements may have. */
export function refusalCodes(...requirementIds: RequirementId[]): number[] {
  return [
    ...new Set(
      requirementIds.flatMap((id) => {
        const allowed = requirement(id).refused_with;
        if (!allowed) throw new Error(`${id} is not a refusal: it has no refused_with in the catalogue`);
        return allowed;
      }),
    ),
  ].sort((a, b) => a - b);
}

/** The reply refuses with one of the codes the requirement allows (one where the spec names
 * it, any of 400/403/404/409 where it is silent). Given several requirements, where the sources
 * leave open which one applies, any of their codes will do. */
export function expectRefused(reply: Reply<unknown>, ...requirementIds: [RequirementId, ...RequirementId[]]): void {
  const allowed = refusalCodes(...requirementIds);
  if (!allowed.includes(reply.status)) {
    fail(
      `${reply.exchange.operationId} was not refused as ${requirementIds.join(' or ')} requires`,
      reply,
      `one of ${allowed.join(', ')}`,
      requirementIds,
    );
  }
  checked(requirementIds);
}

/** A plain check on values already received, failing in the suite's format. */
export function expectThat(
  ok: boolean,
  title: string,
  reply: Reply<unknown> | undefined,
  expected: string,
  breaks?: RequirementId[],
): void {
  if (!ok) fail(title, reply, expected, breaks);
  checked(breaks);
}

/** JSON, but a field that is absent says so instead of vanishing. */
const shown = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (v === undefined ? '(absent)' : v)) ?? '(absent)';

/** Deep equality, whatever the key order, failing in the suite's format. */
export function expectEqual(actual: unknown, expected: unknown, title: string, reply: Reply<unknown>, breaks?: RequirementId[]): void {
  if (!isDeepStrictEqual(actual, expected)) fail(`${title}: got ${shown(actual)}`, reply, shown(expected), breaks);
  checked(breaks);
}

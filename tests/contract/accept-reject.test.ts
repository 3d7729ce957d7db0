// Accept and reject: PUT /v2.0/vpc/peerings/{id}/accept and /reject. Only the accepting project
// answers a request, and only while it is PENDING_ACCEPTANCE; both answers are the flat peering.
import type { SchemaPeering, SchemaPeeringStatus } from '../../generated/vpc-peering.ts';
import { describe, test, type Api } from '../../src/suite/api.ts';
import { expectEqual, expectRefused, expectStatus } from '../../src/suite/expect.ts';
import type { PairKind } from '../../src/suite/api.ts';
import { expectRemains } from '../../src/suite/history.ts';

/** A peering the requester asks for on a pair leased for the test: PENDING_ACCEPTANCE when cross-project. */
async function requestPeering(api: Api, kind: PairKind, tail: string): Promise<SchemaPeering> {
  return api.createPeering(kind, { name: api.name(tail) });
}

/** Both projects are party to a cross-project peering; a same-project one has the requester's alone. */
const BOTH = ['requester', 'accepter'] as const;

/** The status `role`'s show gives the peering: the one the requirement names, where `expectRemains`
 * holds the peering only to what the test's writes were answered with. */
async function expectShownStatus(
  api: Api,
  role: 'requester' | 'accepter',
  id: string,
  status: SchemaPeeringStatus,
  when: string,
): Promise<void> {
  const reply = await api[role].show(id);
  expectEqual(expectStatus(reply, 200).peering.status, status, `${when}, the ${role}'s show gives the status`, reply);
}

/** The ways a peering stops being PENDING_ACCEPTANCE, and the status each leaves it in. */
const settled = [
  { how: 'a same-project peering, ACTIVE from its creation,', kind: 'same', answer: undefined, status: 'ACTIVE' },
  { how: 'an accepted peering', kind: 'cross', answer: 'accept', status: 'ACTIVE' },
  { how: 'a rejected peering', kind: 'cross', answer: 'reject', status: 'REJECTED' },
] as const;

/**
 * A peering settled as `state` says, with the client of the project that would answer it (the
 * accepter, or for a same-project peering the one project that owns both VPCs), the history of
 * the test's writes to it, and its parties.
 */
async function settledPeering(api: Api, state: (typeof settled)[number]) {
  const created = await requestPeering(api, state.kind, 'settled');
  const history = api.history(created);
  const answerer = state.kind === 'same' ? api.requester : api.accepter;
  if (state.answer) history.changed(expectStatus(await answerer[state.answer](created.id), 200));
  return { id: created.id, answerer, history, parties: state.kind === 'same' ? (['requester'] as const) : BOTH };
}

describe('accept', () => {
  /**
   * PEER-ACCEPT-001 (MUST) - family, "Operations": an accept that succeeds answers 200 with the
   * peering itself, not wrapped in `peering`, with status ACTIVE.
   */
  test('answers 200 with the flat peering, ACTIVE', { tags: ['PEER-ACCEPT-001'] }, async ({ api }) => {
    const { id } = await requestPeering(api, 'cross', 'accept-flat');
    const reply = await api.accepter.accept(id);
    // A wrapped answer has no top-level status, so this also checks the peering is flat.
    expectEqual(expectStatus(reply, 200).status, 'ACTIVE', 'the accept answered a peering whose status', reply);
  });

  /** PEER-ACCEPT-002 (MUST) - family, "Behaviour": once accepted, the peering is ACTIVE for both parties. */
  test('once accepted, both parties see the peering ACTIVE', { tags: ['PEER-ACCEPT-002'] }, async ({ api }) => {
    const { id } = await requestPeering(api, 'cross', 'accepted');
    const reply = await api.accepter.accept(id);
    expectEqual(expectStatus(reply, 200).id, id, 'the accept answered another peering', reply);
    await expectShownStatus(api, 'requester', id, 'ACTIVE', 'after the accept');
    await expectShownStatus(api, 'accepter', id, 'ACTIVE', 'after the accept');
  });

  /**
   * PEER-ACCEPT-003 (MUST) - family, "Errors": the requesting tenant cannot accept its own request;
   * the peering stays PENDING_ACCEPTANCE.
   */
  test('the requester cannot accept its own request, which stays PENDING_ACCEPTANCE', { tags: ['PEER-ACCEPT-003'] }, async ({ api }) => {
    const created = await requestPeering(api, 'cross', 'self-accept');
    expectRefused(await api.requester.accept(created.id), 'PEER-ACCEPT-003');
    await expectRemains(api, api.history(created), created.id, { parties: BOTH, after: "after the requester's refused accept" });
    await expectShownStatus(api, 'requester', created.id, 'PENDING_ACCEPTANCE', "after the requester's accept");
  });

  /**
   * PEER-ACCEPT-004 (SHOULD) - family, "Errors": a peering that is not PENDING_ACCEPTANCE cannot be
   * accepted, and its status is unchanged.
   */
  for (const state of settled) {
    test(`refuses to accept ${state.how} and leaves it ${state.status}`, { tags: ['PEER-ACCEPT-004'] }, async ({ api }) => {
      const { id, answerer, history, parties } = await settledPeering(api, state);
      expectRefused(await answerer.accept(id), 'PEER-ACCEPT-004');
      await expectRemains(api, history, id, { parties, after: 'after the refused accept' });
      await expectShownStatus(api, 'requester', id, state.status, 'after the refused accept');
    });
  }

  /**
   * PEER-ACCEPT-005 (MUST) - family, "Errors": a tenant that is party to neither side can neither
   * accept nor reject the peering.
   */
  test('a project party to neither side can neither accept nor reject', { tags: ['PEER-ACCEPT-005'] }, async ({ api }) => {
    // Skips the test here, before any lease, when the target names no outsider.
    const outsider = api.outsider;
    const created = await requestPeering(api, 'cross', 'outsider-answer');
    expectRefused(await outsider.accept(created.id), 'PEER-ACCEPT-005');
    expectRefused(await outsider.reject(created.id), 'PEER-ACCEPT-005');
    await expectRemains(api, api.history(created), created.id, { parties: BOTH, after: "after the outsider's refused accept and reject" });
    await expectShownStatus(api, 'requester', created.id, 'PENDING_ACCEPTANCE', "after the outsider's accept and reject");
  });
});

describe('reject', () => {
  /**
   * PEER-REJECT-001 (MUST) - family, "Operations": a reject that succeeds answers 200 with the
   * peering itself, not wrapped in `peering`, with status REJECTED.
   */
  test('answers 200 with the flat peering, REJECTED', { tags: ['PEER-REJECT-001'] }, async ({ api }) => {
    const { id } = await requestPeering(api, 'cross', 'reject-flat');
    const reply = await api.accepter.reject(id);
    // A wrapped answer has no top-level status, so this also checks the peering is flat.
    expectEqual(expectStatus(reply, 200).status, 'REJECTED', 'the reject answered a peering whose status', reply);
  });

  /**
   * PEER-REJECT-002 (MUST) - create page, "Function"; family, "Behaviour": once rejected, the
   * peering is REJECTED for both parties and never becomes ACTIVE (a later accept is refused with
   * one of the codes PEER-ACCEPT-004 allows).
   */
  test(
    'once rejected, both parties see the peering REJECTED, and it never becomes ACTIVE',
    { tags: ['PEER-REJECT-002'] },
    async ({ api }) => {
      const created = await requestPeering(api, 'cross', 'rejected');
      const { id } = created;
      const reply = await api.accepter.reject(id);
      const rejected = expectStatus(reply, 200);
      expectEqual(rejected.id, id, 'the reject answered another peering', reply);
      await expectShownStatus(api, 'requester', id, 'REJECTED', 'after the reject');
      await expectShownStatus(api, 'accepter', id, 'REJECTED', 'after the reject');
      expectRefused(await api.accepter.accept(id), 'PEER-ACCEPT-004');
      await expectRemains(api, api.history(created).changed(rejected), id, {
        parties: BOTH,
        after: 'after an accept of the rejected peering',
      });
      await expectShownStatus(api, 'accepter', id, 'REJECTED', 'after an accept of the rejected peering');
    },
  );

  /**
   * PEER-REJECT-003 (MUST) - family, "Errors": the requesting tenant cannot reject its own request;
   * the peering stays PENDING_ACCEPTANCE.
   */
  test('the requester cannot reject its own request, which stays PENDING_ACCEPTANCE', { tags: ['PEER-REJECT-003'] }, async ({ api }) => {
    const created = await requestPeering(api, 'cross', 'self-reject');
    expectRefused(await api.requester.reject(created.id), 'PEER-REJECT-003');
    await expectRemains(api, api.history(created), created.id, { parties: BOTH, after: "after the requester's refused reject" });
    await expectShownStatus(api, 'requester', created.id, 'PENDING_ACCEPTANCE', "after the requester's reject");
  });

  /**
   * PEER-REJECT-004 (SHOULD) - family, "Errors": a peering that is not PENDING_ACCEPTANCE cannot be
   * rejected, and its status is unchanged.
   */
  for (const state of settled) {
    test(`refuses to reject ${state.how} and leaves it ${state.status}`, { tags: ['PEER-REJECT-004'] }, async ({ api }) => {
      const { id, answerer, history, parties } = await settledPeering(api, state);
      expectRefused(await answerer.reject(id), 'PEER-REJECT-004');
      await expectRemains(api, history, id, { parties, after: 'after the refused reject' });
      await expectShownStatus(api, 'requester', id, state.status, 'after the refused reject');
    });
  }
});

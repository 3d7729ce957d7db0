// Accept and reject: PUT /v2.0/vpc/peerings/{id}/accept and /reject. Only the accepting project
// answers a request, and only while it is PENDING_ACCEPTANCE; both answers are the flat peering.
// Each request is judged by what the model allows (src/suite/test-model.ts): the status an answer
// leaves, the codes a refusal may have and the requirement a wrong answer breaks are the model's.
import { describe, test, type Api } from '../../src/suite/api.ts';
import type { PairKind } from '../../src/suite/api.ts';
import { TestModel } from '../../src/suite/test-model.ts';

/** A peering the requester asks for on a pair leased for the test: PENDING_ACCEPTANCE when cross-project. */
async function requestPeering(model: TestModel, api: Api, kind: PairKind, tail: string) {
  return model.create('requester', kind, { name: api.name(tail) });
}

/** The ways a peering stops being PENDING_ACCEPTANCE, and the status each leaves it in. */
const settled = [
  { how: 'a same-project peering, ACTIVE from its creation,', kind: 'same', answer: undefined, status: 'ACTIVE' },
  { how: 'an accepted peering', kind: 'cross', answer: 'accept', status: 'ACTIVE' },
  { how: 'a rejected peering', kind: 'cross', answer: 'reject', status: 'REJECTED' },
] as const;

/** A peering settled as `state` says, and the project that would answer it: the accepter, or for a
 * same-project peering the one project that owns both VPCs. Both parties see it settled before the
 * test answers it again: an answer that did not hold fails there, under its own rule
 * (PEER-ACCEPT-002, PEER-REJECT-002), not as the next answer's. */
async function settledPeering(model: TestModel, api: Api, state: (typeof settled)[number]) {
  const p = await requestPeering(model, api, state.kind, 'settled');
  const answerer = state.kind === 'same' ? 'requester' : 'accepter';
  if (state.answer) {
    await model[state.answer](answerer, p);
    await model.expectShown(p);
  }
  return { p, answerer } as const;
}

describe('accept', () => {
  /**
   * PEER-ACCEPT-001 (MUST) - family, "Operations": an accept that succeeds answers 200 with the
   * peering itself, not wrapped in `peering`, with status ACTIVE.
   */
  test('answers 200 with the flat peering, ACTIVE', { tags: ['PEER-ACCEPT-001'] }, async ({ api }) => {
    const model = new TestModel(api);
    await model.accept('accepter', await requestPeering(model, api, 'cross', 'accept-flat'));
  });

  /** PEER-ACCEPT-002 (MUST) - family, "Behaviour": once accepted, the peering is ACTIVE for both parties. */
  test('once accepted, both parties see the peering ACTIVE', { tags: ['PEER-ACCEPT-002'] }, async ({ api }) => {
    const model = new TestModel(api);
    const p = await requestPeering(model, api, 'cross', 'accepted');
    await model.accept('accepter', p);
    await model.expectShown(p);
  });

  /**
   * PEER-ACCEPT-003 (MUST) - family, "Errors": the requesting tenant cannot accept its own request;
   * the peering stays PENDING_ACCEPTANCE.
   */
  test('the requester cannot accept its own request, which stays PENDING_ACCEPTANCE', { tags: ['PEER-ACCEPT-003'] }, async ({ api }) => {
    const model = new TestModel(api);
    const p = await requestPeering(model, api, 'cross', 'self-accept');
    await model.accept('requester', p, 'refused');
    await model.expectRemains(p);
  });

  /**
   * PEER-ACCEPT-004 (SHOULD) - family, "Errors": a peering that is not PENDING_ACCEPTANCE cannot be
   * accepted, and its status is unchanged.
   */
  for (const state of settled) {
    test(`refuses to accept ${state.how} and leaves it ${state.status}`, { tags: ['PEER-ACCEPT-004'] }, async ({ api }) => {
      const model = new TestModel(api);
      const { p, answerer } = await settledPeering(model, api, state);
      await model.accept(answerer, p, 'refused');
      await model.expectRemains(p);
    });
  }

  /**
   * PEER-ACCEPT-005 (MUST) - family, "Errors": a tenant that is party to neither side can neither
   * accept nor reject the peering.
   */
  test('a project party to neither side can neither accept nor reject', { tags: ['PEER-ACCEPT-005'] }, async ({ api }) => {
    // Skips the test here, before any lease, when the target names no outsider.
    void api.outsider;
    const model = new TestModel(api);
    const p = await requestPeering(model, api, 'cross', 'outsider-answer');
    await model.accept('outsider', p, 'refused');
    await model.reject('outsider', p, 'refused');
    await model.expectRemains(p);
  });
});

describe('reject', () => {
  /**
   * PEER-REJECT-001 (MUST) - family, "Operations": a reject that succeeds answers 200 with the
   * peering itself, not wrapped in `peering`, with status REJECTED.
   */
  test('answers 200 with the flat peering, REJECTED', { tags: ['PEER-REJECT-001'] }, async ({ api }) => {
    const model = new TestModel(api);
    await model.reject('accepter', await requestPeering(model, api, 'cross', 'reject-flat'));
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
      const model = new TestModel(api);
      const p = await requestPeering(model, api, 'cross', 'rejected');
      await model.reject('accepter', p);
      await model.expectShown(p);
      await model.accept('accepter', p, 'refused');
      await model.expectRemains(p);
    },
  );

  /**
   * PEER-REJECT-003 (MUST) - family, "Errors": the requesting tenant cannot reject its own request;
   * the peering stays PENDING_ACCEPTANCE.
   */
  test('the requester cannot reject its own request, which stays PENDING_ACCEPTANCE', { tags: ['PEER-REJECT-003'] }, async ({ api }) => {
    const model = new TestModel(api);
    const p = await requestPeering(model, api, 'cross', 'self-reject');
    await model.reject('requester', p, 'refused');
    await model.expectRemains(p);
  });

  /**
   * PEER-REJECT-004 (SHOULD) - family, "Errors": a peering that is not PENDING_ACCEPTANCE cannot be
   * rejected, and its status is unchanged.
   */
  for (const state of settled) {
    test(`refuses to reject ${state.how} and leaves it ${state.status}`, { tags: ['PEER-REJECT-004'] }, async ({ api }) => {
      const model = new TestModel(api);
      const { p, answerer } = await settledPeering(model, api, state);
      await model.reject(answerer, p, 'refused');
      await model.expectRemains(p);
    });
  }
});

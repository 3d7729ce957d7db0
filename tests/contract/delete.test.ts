// Delete: DELETE /v2.0/vpc/peerings/{peering_id}. The client has already checked every reply's
// status, content type and body (none, for 204) against the document; each delete is judged by
// what the model allows (src/suite/test-model.ts), and reads after it by the states it passed.
import { describe, test } from '../../src/suite/api.ts';
import { TestModel } from '../../src/suite/test-model.ts';

describe('delete', () => {
  /** PEER-DELETE-001 (MUST) - family, "Operations" (delete): a delete that succeeds answers 204 with an empty body. */
  test('answers 204 with an empty body', { tags: ['PEER-DELETE-001'] }, async ({ api }) => {
    const model = new TestModel(api);
    await model.delete('requester', await model.create('requester', 'same', { name: api.name('deleted') }));
  });

  /** PEER-DELETE-002 (MUST) - family, "Operations" (delete): either party may delete a peering, whatever its state. */
  test('either party may delete a peering that is pending, active or rejected', { tags: ['PEER-DELETE-002'] }, async ({ api }) => {
    const model = new TestModel(api);
    const pair = await api.lease('cross');
    const answers = { PENDING_ACCEPTANCE: undefined, ACTIVE: 'accept', REJECTED: 'reject' } as const;
    for (const party of ['requester', 'accepter'] as const) {
      for (const [status, answer] of Object.entries(answers)) {
        const p = await model.create('requester', pair, { name: api.name(`${status}-deleted-by-${party}`) });
        if (answer) await model[answer]('accepter', p);
        await model.delete(party, p);
        // The next peering goes on the same pair: the delete must have completed (PEER-DELETE-003).
        await model.expectShown(p, ['requester']);
      }
    }
  });

  /**
   * PEER-DELETE-003 (MUST) - after a delete the peering is gone: show answers 404, no list contains
   * it, and its two VPCs can be peered again. A real cloud may complete the delete in the
   * background, so each of these holds within the settle window.
   */
  test(
    'a deleted peering is shown as 404, listed by neither party, and its VPCs can be peered again',
    { tags: ['PEER-DELETE-003'] },
    async ({ api }) => {
      const model = new TestModel(api);
      const pair = await api.lease('cross');
      const p = await model.create('requester', pair, { name: api.name('gone') });
      await model.delete('accepter', p);
      await model.expectShown(p);
      await model.expectListed(['requester', 'accepter']);
      await model.expectListed(['requester', 'accepter'], { id: p.id });
      await model.create('requester', pair, { name: api.name('again') });
    },
  );

  /** PEER-DELETE-004 (MUST) - family, "Errors": a tenant party to neither side cannot delete the peering, and it remains. */
  test('a tenant party to neither side cannot delete the peering, which remains', { tags: ['PEER-DELETE-004'] }, async ({ api }) => {
    void api.outsider;
    const model = new TestModel(api);
    const p = await model.create('requester', 'cross', { name: api.name('kept') });
    await model.delete('outsider', p, 'refused');
    await model.expectRemains(p);
  });
});

// Delete: DELETE /v2.0/vpc/peerings/{peering_id}. The client has already checked every reply's
// status, content type and body (none, for 204) against the document; these tests state only
// the behaviour.
import { peeringBetween } from '../../src/suite/bodies.ts';
import { describe, test } from '../../src/suite/api.ts';
import { wholeList } from '../../src/suite/api.ts';
import { expectRefused, expectStatus } from '../../src/suite/expect.ts';
import { expectListedAsWritten, expectRemains } from '../../src/suite/history.ts';

describe('delete', () => {
  /** PEER-DELETE-001 (MUST) - family, "Operations" (delete): a delete that succeeds answers 204 with an empty body. */
  test('answers 204 with an empty body', { tags: ['PEER-DELETE-001'] }, async ({ api }) => {
    const { id } = await api.createPeering('same', { name: api.name('deleted') });
    expectStatus(await api.requester.delete(id), 204);
  });

  /** PEER-DELETE-002 (MUST) - family, "Operations" (delete): either party may delete a peering, whatever its state. */
  test('either party may delete a peering that is pending, active or rejected', { tags: ['PEER-DELETE-002'] }, async ({ api }) => {
    const pair = await api.lease('cross');
    const answers = { PENDING_ACCEPTANCE: undefined, ACTIVE: 'accept', REJECTED: 'reject' } as const;
    for (const party of ['requester', 'accepter'] as const) {
      for (const [status, answer] of Object.entries(answers)) {
        const { id } = await api.createPeering(pair, { name: api.name(`${status}-deleted-by-${party}`) });
        if (answer) expectStatus(await api.accepter[answer](id), 200);
        expectStatus(await api[party].delete(id), 204, `the ${party} could not delete a ${status} peering`);
        // The next peering goes on the same pair: the delete must have completed (PEER-DELETE-003).
        await api.gone(id);
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
      const pair = await api.lease('cross');
      const created = await api.createPeering(pair, { name: api.name('gone') });
      const id = created.id;
      expectStatus(await api.accepter.delete(id), 204);
      const history = api.history(created).deleted(id);
      for (const party of ['requester', 'accepter'] as const) {
        await api.gone(id, party);
        for (const [query, list] of [
          [{}, 'list'],
          [{ id }, 'list filtered by its id'],
        ] as const) {
          await api.settled(async () =>
            expectListedAsWritten(history, await wholeList(api[party], query), { who: `the ${party}'s ${list}` }),
          );
        }
      }
      const again = await api.requester.create(peeringBetween(pair, { name: api.name('again') }));
      expectStatus(again, 201, 'the VPCs of a deleted peering could not be peered again');
    },
  );

  /** PEER-DELETE-004 (MUST) - family, "Errors": a tenant party to neither side cannot delete the peering, and it remains. */
  test('a tenant party to neither side cannot delete the peering, which remains', { tags: ['PEER-DELETE-004'] }, async ({ api }) => {
    const outsider = api.outsider;
    const created = await api.createPeering('cross', { name: api.name('kept') });
    expectRefused(await outsider.delete(created.id), 'PEER-DELETE-004');
    await expectRemains(api, api.history(created), created.id, {
      parties: ['requester', 'accepter'],
      after: "after the outsider's refused delete",
    });
  });
});

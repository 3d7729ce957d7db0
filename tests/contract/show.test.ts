// Show: GET /v2.0/vpc/peerings/{peering_id}. The client has already checked every reply's
// status, content type and body against the document; these tests state only the behaviour.
import { randomUUID } from 'node:crypto';
import { describe, test } from '../../src/suite/api.ts';
import { expectEqual, expectRefused, expectStatus } from '../../src/suite/expect.ts';
import { stableFields } from '../../src/suite/views.ts';

describe('show', () => {
  /** PEER-SHOW-001 (MUST) - family, "Operations" (show): show answers 200 with the peering wrapped in `peering`. */
  test('answers 200 with the peering wrapped in `peering`', { tags: ['PEER-SHOW-001'] }, async ({ api }) => {
    const { id } = await api.createPeering('same', { name: api.name('shown'), description: 'shown same' });
    expectStatus(await api.requester.show(id), 200);
  });

  /** PEER-SHOW-002 (MUST) - family, "Operations" (show): either party may show a peering, and sees what the create returned. */
  test('either party is shown the peering the create returned', { tags: ['PEER-SHOW-002'] }, async ({ api }) => {
    const created = await api.createPeering('cross', { name: api.name('either-shows'), description: 'shown cross' });
    for (const party of ['requester', 'accepter'] as const) {
      const reply = await api[party].show(created.id);
      expectEqual(
        stableFields(expectStatus(reply, 200).peering),
        stableFields(created),
        `the ${party} was shown another peering than the create returned`,
        reply,
      );
    }
  });

  /** PEER-SHOW-003 (MUST) - family, "Errors": a tenant party to neither side cannot show the peering. */
  test('a tenant party to neither side cannot show the peering', { tags: ['PEER-SHOW-003'] }, async ({ api }) => {
    const outsider = api.outsider;
    const { id } = await api.createPeering('cross', { name: api.name('hidden'), description: 'shown cross' });
    expectRefused(await outsider.show(id), 'PEER-SHOW-003');
  });

  /**
   * PEER-SHOW-004 (MUST) - show of a peering that was deleted, or never existed, answers 404. A
   * delete may complete in the background (the vendor's Terraform providers poll show until 404),
   * so the deleted one answers 404 within the settle window.
   */
  test('answers 404 for a deleted peering and for one that never existed', { tags: ['PEER-SHOW-004'] }, async ({ api }) => {
    const { id } = await api.createPeering('cross', { name: api.name('deleted'), description: 'shown cross' });
    expectStatus(await api.requester.delete(id), 204);
    for (const party of ['requester', 'accepter'] as const) await api.gone(id, party);
    expectRefused(await api.requester.show(randomUUID()), 'PEER-SHOW-004');
  });
});

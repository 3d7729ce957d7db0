// Show: GET /v2.0/vpc/peerings/{peering_id}. The client has already checked every reply's
// status, content type and body against the document; each show is judged by what the model
// allows (src/suite/test-model.ts): the peering as the test's writes left it, or a refusal.
import { randomUUID } from 'node:crypto';
import { describe, test } from '../../src/suite/api.ts';
import { TestModel } from '../../src/suite/test-model.ts';

describe('show', () => {
  /** PEER-SHOW-001 (MUST) - family, "Operations" (show): show answers 200 with the peering wrapped in `peering`. */
  test('answers 200 with the peering wrapped in `peering`', { tags: ['PEER-SHOW-001'] }, async ({ api }) => {
    const model = new TestModel(api);
    await model.expectShown(await model.create('requester', 'same', { name: api.name('shown'), description: 'shown same' }));
  });

  /** PEER-SHOW-002 (MUST) - family, "Operations" (show): either party may show a peering, and sees what the create returned. */
  test('either party is shown the peering the create returned', { tags: ['PEER-SHOW-002'] }, async ({ api }) => {
    const model = new TestModel(api);
    await model.expectShown(await model.create('requester', 'cross', { name: api.name('either-shows'), description: 'shown cross' }));
  });

  /** PEER-SHOW-003 (MUST) - family, "Errors": a tenant party to neither side cannot show the peering. */
  test('a tenant party to neither side cannot show the peering', { tags: ['PEER-SHOW-003'] }, async ({ api }) => {
    void api.outsider;
    const model = new TestModel(api);
    await model.showRefused('outsider', await model.create('requester', 'cross', { name: api.name('hidden'), description: 'shown cross' }));
  });

  /**
   * PEER-SHOW-004 (MUST) - show of a peering that was deleted, or never existed, answers 404. A
   * delete may complete in the background (the vendor's Terraform providers poll show until 404),
   * so the deleted one answers 404 within the settle window.
   */
  test('answers 404 for a deleted peering and for one that never existed', { tags: ['PEER-SHOW-004'] }, async ({ api }) => {
    const model = new TestModel(api);
    const p = await model.create('requester', 'cross', { name: api.name('deleted'), description: 'shown cross' });
    await model.delete('requester', p);
    await model.expectShown(p);
    await model.showNeverMade('requester', randomUUID());
  });
});

// Update: PUT /v2.0/vpc/peerings/{peering_id}. The client has already checked every reply's
// status, content type and body against the document; each update is judged by what the model
// allows (src/suite/test-model.ts), which decides what the answer and later shows must give.
import { describe, test } from '../../src/suite/api.ts';
import { expectRefused } from '../../src/suite/expect.ts';
import { TestModel } from '../../src/suite/test-model.ts';

describe('update', () => {
  /** PEER-UPDATE-001 (MUST) - family, "Operations" (update): a successful update answers 200 with the peering wrapped in `peering`. */
  test('answers 200 with the peering wrapped in `peering`', { tags: ['PEER-UPDATE-001'] }, async ({ api }) => {
    const model = new TestModel(api);
    const p = await model.create('requester', 'same', { name: api.name('to-rename'), description: 'as created' });
    await model.update('requester', p, { name: api.name('renamed') });
  });

  /**
   * PEER-UPDATE-002 (MUST) - family, "Request constraints": a name of 1 to 64 characters; 0 or more
   * than 64 is refused with 400. The bounds are the field's own, which the model leaves to this test.
   */
  test('refuses a name of 0 or 65 characters with 400, and takes one of 64', { tags: ['PEER-UPDATE-002'] }, async ({ api }) => {
    const model = new TestModel(api);
    const p = await model.create('requester', 'same', { name: api.name('to-rename'), description: 'as created' });
    for (const name of ['', api.nameOfLength(65)])
      expectRefused(await api.requester.updateRaw(p.id, { peering: { name } }), 'PEER-UPDATE-002');
    await model.update('requester', p, { name: api.nameOfLength(64) });
  });

  /**
   * PEER-UPDATE-003 (MUST) - update page, Table 3 (description): "The value can contain no more
   * than 255 characters". The bound is the field's own, which the model leaves to this test.
   */
  test('refuses a description of 256 characters with 400, and takes one of 255', { tags: ['PEER-UPDATE-003'] }, async ({ api }) => {
    const model = new TestModel(api);
    const p = await model.create('requester', 'same', { name: api.name('to-describe'), description: 'as created' });
    expectRefused(await api.requester.updateRaw(p.id, { peering: { description: 'd'.repeat(256) } }), 'PEER-UPDATE-003');
    await model.update('requester', p, { description: 'd'.repeat(255) });
  });

  /**
   * PEER-UPDATE-006 (MUST) - an update changes the fields it was given. `<` or `>` in an update's
   * description is left open (SILENCE-008): the create page bans them, the update page does not.
   * Refused with 400, or kept as sent, as a later show gives it; a server may treat a tag, a lone
   * `<` and a lone `>` each its own way.
   */
  test('an update to a description with < or > is refused with 400, or kept as sent', { tags: ['PEER-UPDATE-006'] }, async ({ api }) => {
    const model = new TestModel(api);
    const p = await model.create('requester', 'same', { name: api.name('to-describe'), description: 'as created' });
    for (const description of ['a <b> tag', 'less < more', 'more > less']) {
      await model.update('requester', p, { description }, 'either');
      await model.expectShown(p);
    }
  });

  /**
   * PEER-UPDATE-004 (MUST) - family, "Operations" (update): a body without `peering`, or whose
   * `peering` has neither `name` nor `description`, is refused with 400.
   */
  test(
    'refuses a body without `peering`, or with neither name nor description, with 400',
    { tags: ['PEER-UPDATE-004'] },
    async ({ api }) => {
      const model = new TestModel(api);
      const p = await model.create('requester', 'same', { name: api.name('to-update'), description: 'as created' });
      await model.updateLacking('requester', p, {}, 'peering');
      await model.updateLacking('requester', p, { name: api.name('unwrapped') }, 'peering');
      await model.updateLacking('requester', p, { peering: {} }, 'fields');
    },
  );

  /** PEER-UPDATE-005 (MUST) - family, "Operations" (update): either party may update a peering, whatever its state. */
  test('either party may update a peering that is pending, active or rejected', { tags: ['PEER-UPDATE-005'] }, async ({ api }) => {
    const model = new TestModel(api);
    const accepted = await model.create('requester', 'cross', { name: api.name('to-accept'), description: 'as created' });
    const rejected = await model.create('requester', 'cross', { name: api.name('to-reject'), description: 'as created' });
    const updateAsEither = async (p: typeof accepted, status: string) => {
      for (const party of ['requester', 'accepter'] as const) await model.update(party, p, { name: api.name(`${party}-${status}`) });
    };
    // Each state is seen by both parties before it is updated: an accept or a reject that did not
    // hold fails there, under its own rule (PEER-ACCEPT-002, PEER-REJECT-002), not as an update
    // answering another status (PEER-UPDATE-006).
    await updateAsEither(accepted, 'PENDING_ACCEPTANCE');
    await model.accept('accepter', accepted);
    await model.expectShown(accepted);
    await updateAsEither(accepted, 'ACTIVE');
    await model.reject('accepter', rejected);
    await model.expectShown(rejected);
    await updateAsEither(rejected, 'REJECTED');
  });

  /**
   * PEER-UPDATE-006 (MUST) - family, "Operations" (update): an update changes exactly the fields
   * it was given; every other field, and the status, is unchanged, and a later show agrees.
   */
  test('an update changes exactly the fields it was given, and a later show agrees', { tags: ['PEER-UPDATE-006'] }, async ({ api }) => {
    const model = new TestModel(api);
    const p = await model.create('requester', 'cross', { name: api.name('before'), description: 'as created' });
    const steps = [
      { party: 'requester', change: { name: api.name('after') } },
      { party: 'accepter', change: { description: 'changed by the accepter' } },
      { party: 'requester', change: { name: api.name('both'), description: '' } },
    ] as const;
    for (const { party, change } of steps) {
      await model.update(party, p, change);
      await model.expectShown(p, ['requester']);
    }
  });

  /** PEER-UPDATE-007 (MUST) - family, "Errors": a tenant party to neither side cannot update the peering, and it is left unchanged. */
  test(
    'a tenant party to neither side cannot update the peering, which stays unchanged',
    { tags: ['PEER-UPDATE-007'] },
    async ({ api }) => {
      void api.outsider;
      const model = new TestModel(api);
      const p = await model.create('requester', 'cross', { name: api.name('guarded'), description: 'as created' });
      await model.update('outsider', p, { name: api.name('taken-over'), description: 'changed by an outsider' }, 'refused');
      await model.expectRemains(p);
    },
  );
});

// Update: PUT /v2.0/vpc/peerings/{peering_id}. The client has already checked every reply's
// status, content type and body against the document; these tests state only the behaviour.
import type { SchemaPeeringStatus } from '../../generated/vpc-peering.ts';
import { describe, test } from '../../src/suite/api.ts';
import { expectEqual, expectRefused, expectStatus } from '../../src/suite/expect.ts';
import { serverChoices } from '../../src/model/choices.ts';
import { stableFields } from '../../src/suite/views.ts';
import { expectRemains } from '../../src/suite/history.ts';

describe('update', () => {
  /** PEER-UPDATE-001 (MUST) - family, "Operations" (update): a successful update answers 200 with the peering wrapped in `peering`. */
  test('answers 200 with the peering wrapped in `peering`', { tags: ['PEER-UPDATE-001'] }, async ({ api }) => {
    const { id } = await api.createPeering('same', { name: api.name('to-rename'), description: 'as created' });
    expectStatus(await api.requester.update(id, { peering: { name: api.name('renamed') } }), 200);
  });

  /** PEER-UPDATE-002 (MUST) - family, "Request constraints": a name of 1 to 64 characters; 0 or more than 64 is refused with 400. */
  test('refuses a name of 0 or 65 characters with 400, and takes one of 64', { tags: ['PEER-UPDATE-002'] }, async ({ api }) => {
    const { id } = await api.createPeering('same', { name: api.name('to-rename'), description: 'as created' });
    for (const name of ['', api.nameOfLength(65)])
      expectRefused(await api.requester.updateRaw(id, { peering: { name } }), 'PEER-UPDATE-002');
    expectStatus(
      await api.requester.update(id, { peering: { name: api.nameOfLength(64) } }),
      200,
      'an update to a name of 64 characters was refused',
    );
  });

  /**
   * PEER-UPDATE-003 (MUST) - update page, Table 3 (description): "The value can contain no more
   * than 255 characters".
   */
  test('refuses a description of 256 characters with 400, and takes one of 255', { tags: ['PEER-UPDATE-003'] }, async ({ api }) => {
    const { id } = await api.createPeering('same', { name: api.name('to-describe'), description: 'as created' });
    expectRefused(await api.requester.updateRaw(id, { peering: { description: 'd'.repeat(256) } }), 'PEER-UPDATE-003');
    expectStatus(
      await api.requester.update(id, { peering: { description: 'd'.repeat(255) } }),
      200,
      'an update to a description of 255 characters was refused',
    );
  });

  /**
   * PEER-UPDATE-006 (MUST) - an update changes the fields it was given. `<` or `>` in an update's
   * description is left open (SILENCE-008): the create page bans them, the update page does not.
   * Refused with 400, or kept as sent, as a later show gives it; a server may treat a tag, a lone
   * `<` and a lone `>` each its own way.
   */
  test('an update to a description with < or > is refused with 400, or kept as sent', { tags: ['PEER-UPDATE-006'] }, async ({ api }) => {
    const { id } = await api.createPeering('same', { name: api.name('to-describe'), description: 'as created' });
    const descriptions = { tag: 'a <b> tag', 'less-than': 'less < more', 'greater-than': 'more > less' };
    for (const [within, description] of Object.entries(descriptions)) {
      const reply = await api.requester.updateRaw(id, { peering: { description } });
      if (reply.status !== 200) {
        expectRefused(reply, 'PEER-UPDATE-003');
        serverChoices.hold('SILENCE-008', 'refused', reply, within);
        continue;
      }
      serverChoices.hold('SILENCE-008', 'stored', reply, within);
      const shown = await api.requester.show(id);
      expectEqual(
        expectStatus(shown, 200).peering.description,
        description,
        'an update to a description with < or > was answered 200, but show gives',
        shown,
      );
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
      const { id } = await api.createPeering('same', { name: api.name('to-update'), description: 'as created' });
      for (const body of [{}, { name: api.name('unwrapped') }, { peering: {} }]) {
        expectRefused(await api.requester.updateRaw(id, body), 'PEER-UPDATE-004');
      }
    },
  );

  /** PEER-UPDATE-005 (MUST) - family, "Operations" (update): either party may update a peering, whatever its state. */
  test('either party may update a peering that is pending, active or rejected', { tags: ['PEER-UPDATE-005'] }, async ({ api }) => {
    const accepted = await api.createPeering('cross', { name: api.name('to-accept'), description: 'as created' });
    const rejected = await api.createPeering('cross', { name: api.name('to-reject'), description: 'as created' });
    const updateAsEither = async (id: string, status: SchemaPeeringStatus) => {
      for (const party of ['requester', 'accepter'] as const) {
        const name = api.name(`${party}-${status}`);
        const reply = await api[party].update(id, { peering: { name } });
        const { peering } = expectStatus(reply, 200, `the ${party} could not update a ${status} peering`);
        expectEqual(
          { name: peering.name, status: peering.status },
          { name, status },
          `the ${party}'s update of a ${status} peering`,
          reply,
        );
      }
    };
    await updateAsEither(accepted.id, 'PENDING_ACCEPTANCE');
    expectStatus(await api.accepter.accept(accepted.id), 200);
    await updateAsEither(accepted.id, 'ACTIVE');
    expectStatus(await api.accepter.reject(rejected.id), 200);
    await updateAsEither(rejected.id, 'REJECTED');
  });

  /**
   * PEER-UPDATE-006 (MUST) - family, "Operations" (update): an update changes exactly the fields
   * it was given; every other field, and the status, is unchanged, and a later show agrees.
   */
  test('an update changes exactly the fields it was given, and a later show agrees', { tags: ['PEER-UPDATE-006'] }, async ({ api }) => {
    const created = await api.createPeering('cross', { name: api.name('before'), description: 'as created' });
    const steps = [
      { party: 'requester', change: { name: api.name('after') } },
      { party: 'accepter', change: { description: 'changed by the accepter' } },
      { party: 'requester', change: { name: api.name('both'), description: '' } },
    ] as const;
    let expected = stableFields(created);
    for (const { party, change } of steps) {
      expected = { ...expected, ...change };
      const reply = await api[party].update(created.id, { peering: change });
      expectEqual(
        stableFields(expectStatus(reply, 200).peering),
        expected,
        `the ${party}'s update of ${Object.keys(change).join(' and ')} answered another peering`,
        reply,
      );
      const shown = await api.requester.show(created.id);
      expectEqual(stableFields(expectStatus(shown, 200).peering), expected, 'a show after the update disagrees with it', shown);
    }
  });

  /** PEER-UPDATE-007 (MUST) - family, "Errors": a tenant party to neither side cannot update the peering, and it is left unchanged. */
  test(
    'a tenant party to neither side cannot update the peering, which stays unchanged',
    { tags: ['PEER-UPDATE-007'] },
    async ({ api }) => {
      const outsider = api.outsider;
      const created = await api.createPeering('cross', { name: api.name('guarded'), description: 'as created' });
      expectRefused(
        await outsider.update(created.id, { peering: { name: api.name('taken-over'), description: 'changed by an outsider' } }),
        'PEER-UPDATE-007',
      );
      await expectRemains(api, api.history(created), created.id, {
        parties: ['requester', 'accepter'],
        after: "after the outsider's refused update",
      });
    },
  );
});

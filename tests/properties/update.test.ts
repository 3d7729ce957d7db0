// Updates of any valid name and description, by either party, in any state a party can bring
// a peering to: each changes exactly the fields it was given.
import fc from 'fast-check';
import { codePoints, safeCharacter, textOfLength } from '../arbitraries/names.ts';
import { peeringBetween } from '../../src/suite/bodies.ts';
import { describe, NAME_PREFIX, olderState, test } from '../../src/suite/api.ts';
import { expectEqual, expectStatus } from '../../src/suite/expect.ts';
import { holds } from '../../src/suite/property.ts';
import { stableFields } from '../../src/suite/views.ts';

const validName = fc.integer({ min: codePoints(NAME_PREFIX), max: 64 }).chain((n) => textOfLength(NAME_PREFIX, n, safeCharacter));
const validDescription = fc.integer({ min: 0, max: 255 }).chain((n) => textOfLength('', n, fc.oneof(safeCharacter, fc.constant(' '))));
/** One or both of the fields an update may change, with valid values. */
const someFields = fc.oneof(
  fc.record({ name: validName }),
  fc.record({ description: validDescription }),
  fc.record({ name: validName, description: validDescription }),
);
/** The state the updates meet: the accepter answers a new cross-project request, or does not. */
const answers = { pending: undefined, accepted: 'accept', rejected: 'reject' } as const;
/** What an answer leaves the peering as, for both parties, and the rule that says so. */
const answered = {
  accept: { status: 'ACTIVE', rule: 'PEER-ACCEPT-002' },
  reject: { status: 'REJECTED', rule: 'PEER-REJECT-002' },
} as const;
const state = fc.constantFrom<keyof typeof answers>('pending', 'accepted', 'rejected');
const update = fc.record({ by: fc.constantFrom('requester' as const, 'accepter' as const), change: someFields });

describe('update: any change', () => {
  /**
   * PEER-UPDATE-006 (MUST) - family, "Operations" (update): an update changes exactly the fields
   * it was given; every other field, and the status, is unchanged, and a later show agrees.
   */
  test(
    'an update changes exactly what it was given, whoever sends it and whatever the state',
    { tags: ['PEER-UPDATE-006'] },
    async ({ api }) => {
      const pair = await api.lease('cross');
      await holds(api, [state, fc.array(update, { minLength: 1, maxLength: 4 })], async (before, updates) => {
        const created = await api.requester.create(peeringBetween(pair, { name: api.name('updated'), description: 'as created' }));
        const { peering } = expectStatus(created, 201);
        // The states below are reached from a pending request: a peering made otherwise breaks that rule.
        expectEqual(peering.status, 'PENDING_ACCEPTANCE', 'the cross-project peering was created with status', created, [
          'PEER-CREATE-015',
        ]);
        const answer = answers[before];
        if (answer) {
          const { status, rule } = answered[answer];
          const reply = await api.accepter[answer](peering.id);
          expectStatus(reply, 200, `the accepter's ${answer} of its pending request answered ${reply.status}`, [rule]);
          // The updates are judged from the requester's show: first, that it shows the answer.
          await api.settled(async () => {
            const shown = await api.requester.show(peering.id);
            const seen = expectStatus(shown, 200).peering.status;
            const failure = {
              title: `after the ${answer}, the requester's show gives the status ${seen}`,
              exchange: shown.exchange,
              expected: status,
            };
            if (seen === 'PENDING_ACCEPTANCE') olderState({ ...failure, breaks: [rule] });
            expectEqual(seen, status, `after the ${answer}, the requester's show gives the status`, shown, [rule]);
          });
        }
        let expected = stableFields(expectStatus(await api.requester.show(peering.id), 200).peering);
        for (const { by, change } of updates) {
          expected = { ...expected, ...change };
          const reply = await api[by].update(peering.id, { peering: change });
          // Either party may update, whatever the state: a refusal breaks that rule, not this one.
          const updated = expectStatus(reply, 200, `the ${by}'s update of a ${before} peering answered ${reply.status}`, [
            'PEER-UPDATE-005',
          ]);
          expectEqual(
            stableFields(updated.peering),
            expected,
            `the ${by}'s update of ${Object.keys(change).join(' and ')} answered another peering`,
            reply,
          );
          const shown = await api.requester.show(peering.id);
          expectEqual(stableFields(expectStatus(shown, 200).peering), expected, 'a show after the update disagrees with it', shown);
        }
      });
    },
  );
});

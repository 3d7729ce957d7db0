// Names across lengths and character classes, with the boundaries always in the mix and lengths
// counted in code points, as the document's maxLength counts them.
import fc from 'fast-check';
import { codePoints, lengthAround, multibyteCharacter, safeCharacter, textOfLength } from '../arbitraries/names.ts';
import { peeringBetween } from '../../src/suite/bodies.ts';
import { describe, NAME_PREFIX, test } from '../../src/suite/api.ts';
import { expectEqual, expectRefused, expectStatus } from '../../src/suite/expect.ts';
import { holds } from '../../src/suite/property.ts';

const nameWithin = (character: fc.Arbitrary<string>, boundaries: number[], max: number) =>
  lengthAround(boundaries, max).chain((length) => textOfLength(NAME_PREFIX, length, character));

const inBounds = (text: string, min: number, max: number) => codePoints(text) >= min && codePoints(text) <= max;

/** A name of exactly `length` safe characters, with the run's prefix. */
const nameOf = (length: number) => NAME_PREFIX + 'n'.repeat(length - NAME_PREFIX.length);

describe('create: names', () => {
  /**
   * PEER-CREATE-004 (MUST) - create page, Table 2: a name of 1 to 64 characters is within bounds;
   * 0 or more than 64 is refused with 400. Letters, digits, `-` and `_` only, so no server may
   * refuse an in-bounds name for its characters. On either kind of pair: a server may validate a
   * cross-project create on another path than a same-project one.
   */
  test('accepts exactly the names of 1 to 64 characters', { tags: ['PEER-CREATE-004'] }, async ({ api }) => {
    const pairs = { same: await api.lease('same'), cross: await api.lease('cross') };
    const boundaries: [keyof typeof pairs, string][] = [
      ['same', nameOf(65)],
      ['cross', nameOf(65)],
      ['cross', nameOf(64)],
      ['same', ''],
    ];
    await holds(
      api,
      [fc.constantFrom('same', 'cross' as const), nameWithin(safeCharacter, [0, 1, 64, 65], 80)],
      async (kind, name) => {
        const reply = await api.requester.createRaw(peeringBetween(pairs[kind], { name }));
        if (inBounds(name, 1, 64)) expectStatus(reply, 201, `a name of ${codePoints(name)} characters was refused`);
        else expectRefused(reply, 'PEER-CREATE-004');
      },
      boundaries,
    );
  });

  /**
   * PEER-CREATE-004 (MUST), PEER-CREATE-006 (MAY) - lengths are code points: a server may refuse
   * characters it does not support, but never accept more than 64 of them.
   */
  test('counts multibyte names in code points', { tags: ['PEER-CREATE-004', 'PEER-CREATE-006'] }, async ({ api }) => {
    const pair = await api.lease('same');
    const boundaries: [string][] = [['名'.repeat(65)], ['é'.repeat(64)]];
    await holds(
      api,
      [lengthAround([1, 64, 65], 70).chain((n) => textOfLength('', n, multibyteCharacter))],
      async (name) => {
        const reply = await api.requester.createRaw(peeringBetween(pair, { name }));
        if (inBounds(name, 1, 64)) {
          if (reply.status !== 201) expectRefused(reply, 'PEER-CREATE-006');
        } else {
          expectRefused(reply, 'PEER-CREATE-004');
        }
      },
      boundaries,
    );
  });

  /**
   * PEER-CREATE-005 (MUST), PEER-CREATE-006 (MAY) - a name the server accepts is stored and
   * returned exactly as sent; one of letters, digits, `-` and `_` must be accepted.
   */
  test('returns an accepted name unchanged, on create and on show', { tags: ['PEER-CREATE-005', 'PEER-CREATE-006'] }, async ({ api }) => {
    const pair = await api.lease('same');
    const character = fc.oneof({ arbitrary: safeCharacter, weight: 3 }, { arbitrary: multibyteCharacter, weight: 1 });
    await holds(api, [fc.integer({ min: 1, max: 64 }).chain((n) => textOfLength(NAME_PREFIX, n, character))], async (name) => {
      const reply = await api.requester.createRaw(peeringBetween(pair, { name }));
      if (reply.status !== 201 && [...name].some((c) => !/^[A-Za-z0-9_-]$/.test(c))) {
        expectRefused(reply, 'PEER-CREATE-006');
        return;
      }
      // A name of letters, digits, - and _ within bounds refused is PEER-CREATE-004's failure; a
      // name changed is PEER-CREATE-005's alone: the server accepted it, so no MAY excuses it.
      const { peering } = expectStatus(reply, 201, `a name of letters, digits, - and _ was refused`, ['PEER-CREATE-004']);
      expectEqual(peering.name, name, 'create returned another name', reply, ['PEER-CREATE-005']);
      const shown = await api.requester.show(peering.id);
      expectEqual(expectStatus(shown, 200).peering.name, name, 'show returned another name', shown, ['PEER-CREATE-005']);
    });
  });
});

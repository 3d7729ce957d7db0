// Descriptions across lengths, with and without < and >, the boundaries always in the mix and
// lengths counted in code points, as the document's maxLength counts them. Apart from the names'
// properties so that, against a cloud that completes deletes in the background, both run at once.
import fc from 'fast-check';
import { codePoints, lengthAround, safeCharacter, textOfLength } from '../arbitraries/names.ts';
import { peeringBetween } from '../../src/suite/bodies.ts';
import { describe, test } from '../../src/suite/api.ts';
import { expectRefused, expectStatus } from '../../src/suite/expect.ts';
import { holds } from '../../src/suite/property.ts';

describe('create: descriptions', () => {
  /**
   * PEER-CREATE-007 (MUST), PEER-CREATE-008 (MUST) - family, "Request constraints": a description
   * has 0 to 255 characters and no `<` or `>`; anything else is refused with 400.
   */
  test(
    'accepts exactly the descriptions of 0 to 255 characters without < or >',
    { tags: ['PEER-CREATE-007', 'PEER-CREATE-008'] },
    async ({ api }) => {
      const pair = await api.lease('same');
      const plain = fc.oneof(safeCharacter, fc.constant(' '));
      const description = fc.oneof(
        lengthAround([0, 255, 256], 300).chain((n) => textOfLength('', n, plain)),
        fc
          .tuple(
            fc.integer({ min: 0, max: 254 }).chain((n) => textOfLength('', n, plain)),
            fc.constantFrom('<', '>'),
            fc.nat(),
          )
          .map(([text, bracket, at]) => text.slice(0, at % (text.length + 1)) + bracket + text.slice(at % (text.length + 1))),
      );
      await holds(
        api,
        [description],
        async (text) => {
          const reply = await api.requester.createRaw(peeringBetween(pair, { name: api.name('described'), description: text }));
          if (/[<>]/.test(text)) expectRefused(reply, 'PEER-CREATE-008');
          else if (codePoints(text) > 255) expectRefused(reply, 'PEER-CREATE-007');
          else expectStatus(reply, 201, `a description of ${codePoints(text)} plain characters was refused`);
        },
        [['d'.repeat(256)], ['d'.repeat(255)], [''], ['<']],
      );
    },
  );
});

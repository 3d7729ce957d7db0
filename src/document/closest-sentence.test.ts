// A changed quote is shown beside the sentence that took its place: the one most like it, word
// for word, preferring where the quote last stood; and nothing where no sentence is like it.
import { expect, it } from 'vitest';
import { closestSentence } from './closest-sentence.ts';
import { readPage } from './source-text.ts';

const QUOTED = 'Either owner of a VPC in a peering connection can delete the VPC peering connection in any state.';
const page = readPage(
  [
    'Scenarios',
    '---------',
    '',
    'Only the owner of the local VPC can delete the VPC peering connection in any state.',
    '',
    'Notes and Constraints',
    '---------------------',
    '',
    'The owner of either VPC in a peering connection can delete the VPC peering connection at any time. Routes go too.',
  ].join('\n'),
);

it('takes the sentence edited where the quote last stood, though another elsewhere is more like it', () => {
  expect(closestSentence(QUOTED, page, 4)).toEqual({
    text: 'Only the owner of the local VPC can delete the VPC peering connection in any state.',
    line: 4,
  });
});

it('takes the sentence most like the quote when it is not known where the quote stood', () => {
  expect(closestSentence(QUOTED, page)).toEqual({
    text: 'The owner of either VPC in a peering connection can delete the VPC peering connection at any time.',
    line: 9,
  });
});

it('takes no sentence that is another sentence altogether', () => {
  expect(closestSentence('The value is from 0 to 2000.', page, 4)).toBeUndefined();
});

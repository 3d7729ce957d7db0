// The known-failures file: every mistake in it ends the run before it starts, in one sentence
// naming the entry and what to fix.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../../scripts/support/child-scripts.ts';
import { readKnownFailures } from './known-failures.ts';

const dir = scratchDir();
const ids = new Set(['PEER-LIST-004']);
const ENTRY = 'reason: ignored\n  tracker: https://tracker.example.com/VPC-1\n  expires: 2027-01-31';
const read = (text: string) => {
  const file = join(dir, `${Math.random()}.yaml`);
  writeFileSync(file, text);
  return () => readKnownFailures(file, ids);
};

describe('readKnownFailures', () => {
  it('reads entries naming a requirement or a test, their date as written', () => {
    expect(read(`- requirement: PEER-LIST-004\n  ${ENTRY}\n- test: list > filters\n  ${ENTRY}\n`)()).toEqual([
      { requirement: 'PEER-LIST-004', reason: 'ignored', tracker: 'https://tracker.example.com/VPC-1', expires: '2027-01-31' },
      { test: 'list > filters', reason: 'ignored', tracker: 'https://tracker.example.com/VPC-1', expires: '2027-01-31' },
    ]);
  });

  it.each([
    ['a missing file', null, /cannot be read \(there is no such file\)/],
    ['a file that is not YAML', '- [', /cannot be read/],
    ['a file that is not a list', 'requirement: PEER-LIST-004', /the file must be array/],
    ['an entry naming both', `- requirement: PEER-LIST-004\n  test: x\n  ${ENTRY}`, /entry 1 must name either a requirement or a test/],
    ['an entry naming neither', `- ${ENTRY}`, /entry 1 must name either a requirement or a test/],
    [
      'an entry without a tracker',
      '- requirement: PEER-LIST-004\n  reason: r\n  expires: 2027-01-31',
      /entry 1 must have required property 'tracker'/,
    ],
    ['a misspelt field', `- requirement: PEER-LIST-004\n  ${ENTRY}\n  expire: 2027-01-31`, /entry 1 must NOT have additional properties/],
    [
      'a date that is no day',
      `- requirement: PEER-LIST-004\n  ${ENTRY.replace('2027-01-31', '2027-02-30')}`,
      /entry 1 expires on "2027-02-30", which is not a date/,
    ],
    ['an unknown requirement', `- requirement: PEER-LIST-999\n  ${ENTRY}`, /entry 1 names PEER-LIST-999, which is not a requirement/],
  ])('refuses %s in one sentence', (_, text, sentence) => {
    const reading = text === null ? () => readKnownFailures(join(dir, 'none.yaml'), ids) : read(text);
    expect(reading).toThrow(sentence);
    expect(() => reading()).toThrow(/^[^\n]+$/);
  });
});

// A bundle's verdict: a known failure is reported, never counted as a pass.
import { expect, it } from 'vitest';
import { verdictOf } from './bundle.ts';

it('counts a MUST known failure as failed, so a run that passed on it still gives a bundle that is not valid', () => {
  const requirements = [
    { id: 'PEER-LIST-004', level: 'MUST', result: 'known failure' },
    { id: 'PEER-LIST-009', level: 'SHOULD', result: 'known failure' },
    { id: 'PEER-LIST-006', level: 'MUST', result: 'passed' },
  ];
  expect(verdictOf({ verdict: 'pass', requirements })).toEqual({ verdict: 'not valid', failedMust: ['PEER-LIST-004'] });
  expect(verdictOf({ verdict: 'pass', requirements: requirements.slice(1) })).toEqual({ verdict: 'valid', failedMust: [] });
});

// A quote links to its words: into the docs repository at the checked commit and line, or to the
// page outside it that the catalogue names.
import { expect, it } from 'vitest';
import { passageHref } from './passage-link.ts';

const docs = {
  url: 'https://github.com/opentelekomcloud-docs/virtual-private-cloud',
  checked_commit: 'eb03d888b37b893494abeb7addccc00ea77d0bf9',
};

it('links a page of the docs repository at the checked commit, on its line', () => {
  expect(passageHref({ from: 'api-ref/source/appendix/status_codes.rst', line: 29, text: '401 Unauthorized' }, docs)).toBe(
    'https://github.com/opentelekomcloud-docs/virtual-private-cloud/blob/eb03d888b37b893494abeb7addccc00ea77d0bf9/api-ref/source/appendix/status_codes.rst#L29',
  );
});

it('links the page alone while no line is recorded', () => {
  expect(passageHref({ from: 'api-ref/source/appendix/status_codes.rst', text: '401 Unauthorized' }, docs)).toMatch(/status_codes\.rst$/);
});

it('links a page outside the repository as the catalogue names it', () => {
  const issue = 'https://github.com/opentelekomcloud/ansible-collection-cloud/issues/259';
  expect(passageHref({ from: issue, text: 'is not a valid UUID' }, docs)).toBe(issue);
});

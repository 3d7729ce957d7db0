// A remote as readers open it: the host's https address, whatever form git was given, never its
// credentials; a remote on this machine is no public address at all.
import { expect, it } from 'vitest';
import { webAddressOf } from './source-links.ts';

it.each([
  ['git@github.com:vendor/vpc-peering-conformance.git', 'https://github.com/vendor/vpc-peering-conformance'],
  ['ssh://git@gitlab.example.com/team/suite.git', 'https://gitlab.example.com/team/suite'],
  ['https://github.com/vendor/vpc-peering-conformance.git', 'https://github.com/vendor/vpc-peering-conformance'],
  ['https://ci-bot:ghp_secret@github.com/vendor/suite', 'https://github.com/vendor/suite'],
])('reads %s as %s', (remote, address) => {
  expect(webAddressOf(remote)).toBe(address);
});

it.each(['/work/suite', '../published', 'file:///work/suite.git', undefined])('finds no public address in %s', (remote) => {
  expect(webAddressOf(remote)).toBeUndefined();
});

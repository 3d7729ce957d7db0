// A certification's seed: the same for the same suite, target and day, so running again that day
// searches the same cases; another for another day, target or suite.
import { expect, it } from 'vitest';
import { certificationSeed, type CertifiedSubject } from './certification-seed.ts';

const subject: CertifiedSubject = {
  suite: { version: '0.1.0', sha256: 'a'.repeat(64) },
  target: {
    description: 'https://vpc.example.com',
    baseUrl: 'https://vpc.example.com',
    projects: { requester: { projectId: 'p1', vpcIds: ['v1', 'v2', 'v3'] }, accepter: { projectId: 'p2', vpcIds: ['v4', 'v5'] } },
  },
  day: '2025-03-14',
};

it('is the same for the same suite, target and day, and a seed the run takes', () => {
  const seed = certificationSeed(subject);
  expect(certificationSeed(structuredClone(subject))).toBe(seed);
  expect(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31).toBe(true);
});

it('differs by day, by target (its URL or its projects) and by suite', () => {
  const seed = certificationSeed(subject);
  const others: CertifiedSubject[] = [
    { ...subject, day: '2025-03-15' },
    { ...subject, target: { ...subject.target, baseUrl: 'https://vpc.other.example.com' } },
    { ...subject, target: { ...subject.target, projects: { ...subject.target.projects, requester: { projectId: 'p9', vpcIds: ['v1', 'v2', 'v3'] } } } },
    { ...subject, suite: { ...subject.suite, sha256: 'b'.repeat(64) } },
    { ...subject, suite: { ...subject.suite, version: '0.2.0' } },
  ];
  for (const other of others) expect(certificationSeed(other), JSON.stringify(other)).not.toBe(seed);
});

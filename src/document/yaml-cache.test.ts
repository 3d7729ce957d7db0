// The cache gives what the parser gives, for the project's own files and for an edited one, which
// it parses again rather than serve what it kept of the file before.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { CATALOGUE_PATH, DOCUMENT_PATH } from './document.ts';
import { readYaml } from './yaml-cache.ts';

it.each([
  ['the document', DOCUMENT_PATH],
  ['the catalogue', CATALOGUE_PATH],
])('%s reads as the parser reads it, first parsed and then from the cache', (_, path) => {
  const parsed = parse(readFileSync(path, 'utf8'));
  expect(readYaml(path)).toEqual(parsed);
  expect(readYaml(path)).toEqual(parsed);
});

it('an edited file is read as it now is', () => {
  const file = pathToFileURL(join(mkdtempSync(join(tmpdir(), 'yaml-cache-')), 'edited.yaml'));
  writeFileSync(file, 'rule: before\n');
  expect(readYaml(file)).toEqual({ rule: 'before' });
  writeFileSync(file, 'rule: after\n');
  expect(readYaml(file)).toEqual({ rule: 'after' });
});

import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE_PATH } from './document.ts';
import { describeErrors } from './validators.ts';

const catalogueFile = parse(readFileSync(CATALOGUE_PATH, 'utf8'));
const catalogueSchema = parse(readFileSync(new URL('../../openapi/requirements.schema.yaml', import.meta.url), 'utf8'));
const requirements: { id: string; level: string; quote?: string }[] = catalogueFile.requirements;
const mustWithQuote = () => requirements.find((r) => r.level === 'MUST' && r.quote)!;

describe('the requirement catalogue', () => {
  const validate = new Ajv2020({ allErrors: true }).compile(catalogueSchema);

  it('has the shape its schema gives', () => {
    expect(validate(catalogueFile), describeErrors(validate.errors)).toBe(true);
  });

  it('refuses a MUST that quotes no source, and takes it once lowered to SHOULD', () => {
    const must = mustWithQuote();
    const unquoted = (level: string) => ({
      ...catalogueFile,
      requirements: requirements.map((r) => (r === must ? { ...r, quote: undefined, level } : r)),
    });
    expect(validate(JSON.parse(JSON.stringify(unquoted('MUST'))))).toBe(false);
    expect(describeErrors(validate.errors)).toContain('quote');
    expect(validate(JSON.parse(JSON.stringify(unquoted('SHOULD'))))).toBe(true);
  });

  it('names, in every silence, only requirements it has', () => {
    const known = new Set(requirements.map((r) => r.id));
    const silences: { id: string; requirements: string[] }[] = catalogueFile.silences;
    expect(silences.flatMap((s) => s.requirements.filter((id) => !known.has(id)).map((id) => `${s.id}: ${id}`))).toEqual([]);
  });

  it('gives each ID to one requirement only', () => {
    const ids = requirements.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

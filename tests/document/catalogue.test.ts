import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE_PATH } from '../support/document.ts';
import { describeErrors } from '../support/validators.ts';

const catalogueFile = parse(readFileSync(CATALOGUE_PATH, 'utf8'));
const catalogueSchema = parse(readFileSync(new URL('../../openapi/requirements.schema.yaml', import.meta.url), 'utf8'));
const requirements: { id: string }[] = catalogueFile.requirements;

describe('the requirement catalogue', () => {
  it('has the shape its schema gives', () => {
    const validate = new Ajv2020({ allErrors: true }).compile(catalogueSchema);
    expect(validate(catalogueFile), describeErrors(validate.errors)).toBe(true);
  });

  it('gives each ID to one requirement only', () => {
    const ids = requirements.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

});

// A HAR file's check against the HAR 1.2 schema, for the self-tests that read exchanges.har.
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);

/** The HAR 1.2 schema as har-schema publishes it (draft-06, one file per object). It spells
 * `minimum` as `min`, which ajv would otherwise reject as unknown: given its meaning here, a
 * negative time fails as the schema's authors meant. `optional` and `unique` annotate only. */
function harValidator() {
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  addFormatsModule.default(ajv);
  ajv.addKeyword({ keyword: 'min', type: 'number', schemaType: 'number', validate: (min: number, value: number) => value >= min });
  ajv.addKeyword('optional');
  ajv.addKeyword('unique');
  for (const schema of Object.values(require('har-schema') as Record<string, object>)) ajv.addSchema(schema);
  return ajv.getSchema('har.json#')!;
}

export const validateHar = harValidator();

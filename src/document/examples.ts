// Every example in the document, paired with the schema it illustrates, so a test can show
// that each one validates and that a broken one is caught.
import { pointer, resolve, type OpenApiDocument } from './document.ts';
import { describeErrors, DocumentValidators } from './validators.ts';

export interface DocumentExample {
  /** Where the example sits, as a JSON pointer. */
  at: string;
  schema: string;
  value: unknown;
}

function mediaTypeExamples(document: OpenApiDocument, mediaType: string): DocumentExample[] {
  const examples = resolve(document, `${mediaType}/examples`) ?? {};
  return Object.keys(examples).map((name) => ({
    at: `${mediaType}/examples/${name}`,
    schema: `${mediaType}/schema`,
    value: examples[name].value,
  }));
}

export function collectExamples(document: OpenApiDocument): DocumentExample[] {
  const mediaTypes: string[] = [];
  const addContent = (at: string) => {
    for (const type of Object.keys(resolve(document, at)?.content ?? {})) {
      mediaTypes.push(`${at}/content/${type.replaceAll('/', '~1')}`);
    }
  };
  for (const [path, item] of Object.entries<OpenApiDocument>(document.paths)) {
    for (const [method, op] of Object.entries<OpenApiDocument>(item)) {
      if (typeof op !== 'object' || !op.responses) continue;
      addContent(pointer('paths', path, method, 'requestBody'));
      for (const status of Object.keys(op.responses)) addContent(pointer('paths', path, method, 'responses', status));
    }
  }
  for (const name of Object.keys(document.components?.responses ?? {})) addContent(pointer('components', 'responses', name));
  return mediaTypes.flatMap((at) => mediaTypeExamples(document, at));
}

/** Each example that does not validate against its schema, with ajv's reasons. */
export function invalidExamples(document: OpenApiDocument): string[] {
  const validators = new DocumentValidators(document);
  return collectExamples(document).flatMap(({ at, schema, value }) => {
    const validate = validators.schema(schema);
    return validate(value) ? [] : [`${at}: ${describeErrors(validate.errors)}`];
  });
}

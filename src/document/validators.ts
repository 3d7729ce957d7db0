// ajv validators compiled from the OpenAPI document, never written by hand. The examples test,
// the emulator's request checks and the client's response checks all come through here.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { indexOperations, loadDocument, resolve, type OpenApiDocument, type Operation } from './document.ts';

const addFormats = addFormatsModule.default;
const DOCUMENT_ID = 'vpc-peering.yaml';

/** Keywords of an OpenAPI document that are not JSON Schema; declared so ajv's strict mode
 * accepts the document as the root that every `$ref` resolves against. */
const OPENAPI_KEYWORDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'security',
  'tags',
  'paths',
  'components',
  'webhooks',
  'externalDocs',
  'x-requirements',
];

export interface DocumentedResponse {
  /** Where the response is documented, for failure messages. */
  pointer: string;
  /** The body's schema when the response has a JSON body; undefined for a bodiless one. */
  validate?: ValidateFunction;
}

export type QueryValue = { value: string | number } | { errors: ErrorObject[] };

export class DocumentValidators {
  readonly operations: Map<string, Operation>;
  private readonly responses = new Map<string, DocumentedResponse | undefined>();
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });

  constructor(readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addVocabulary(OPENAPI_KEYWORDS);
    this.ajv.addSchema(document, DOCUMENT_ID);
    this.operations = indexOperations(document);
  }

  /** The compiled schema at a JSON pointer into the document (`#/components/schemas/Peering`). */
  schema(at: string): ValidateFunction {
    const validate = this.ajv.getSchema(DOCUMENT_ID + at);
    if (!validate) throw new Error(`no schema at ${at} in ${DOCUMENT_ID}`);
    return validate;
  }

  operation(operationId: string): Operation {
    const op = this.operations.get(operationId);
    if (!op) throw new Error(`no operation ${operationId} in ${DOCUMENT_ID}`);
    return op;
  }

  /** The documented response of an operation for a status, or undefined if it is undocumented.
   * Looked up once per pair: every response of a run comes through here. */
  response(operationId: string, status: number): DocumentedResponse | undefined {
    const key = `${operationId} ${status}`;
    if (!this.responses.has(key)) this.responses.set(key, this.lookUpResponse(operationId, status));
    return this.responses.get(key);
  }

  private lookUpResponse(operationId: string, status: number): DocumentedResponse | undefined {
    const at = this.operation(operationId).responses.get(String(status));
    if (!at) return undefined;
    const hasJsonBody = resolve(this.document, at).content?.['application/json'] !== undefined;
    return hasJsonBody ? { pointer: at, validate: this.schema(`${at}/content/application~1json/schema`) } : { pointer: at };
  }

  /**
   * Readers of an operation's query parameters: each gives the value its schema accepts, or
   * ajv's errors. A query string carries only text, so a value is read as a number where the
   * parameter's schema says integer and the text is one.
   */
  queryParameters(operationId: string): Map<string, (raw: string) => QueryValue> {
    const readers = new Map<string, (raw: string) => QueryValue>();
    for (const [name, at] of this.operation(operationId).queryParameters) {
      const validate = this.schema(at);
      const integer = resolve(this.document, at).type === 'integer';
      readers.set(name, (raw) => {
        const value = integer && /^-?[0-9]+$/.test(raw) ? Number(raw) : raw;
        return validate(value) ? { value } : { errors: validate.errors ?? [] };
      });
    }
    return readers;
  }

  requestBody(operationId: string): ValidateFunction {
    const at = this.operation(operationId).requestSchema;
    if (!at) throw new Error(`${operationId} takes no request body`);
    return this.schema(at);
  }
}

export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map(
      (e) => `${e.instancePath || '(body)'} ${e.message}${e.keyword === 'additionalProperties' ? ` (${e.params.additionalProperty})` : ''}`,
    )
    .join('; ');
}

let shared: DocumentValidators | undefined;

/** The validators of the project's own document, compiled once per process. */
export function documentValidators(): DocumentValidators {
  return (shared ??= new DocumentValidators(loadDocument()));
}

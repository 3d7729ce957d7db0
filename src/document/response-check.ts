// What every response must satisfy, whatever the test: a status the document lists for the
// operation, JSON where a body is documented and nothing where none is, and a body that
// validates. Violations name the requirements the document attaches to what was broken.
import type { RequirementId } from '../../generated/requirement-ids.ts';
import { findRequirement, resolve } from './document.ts';
import { describeErrors, documentValidators } from './validators.ts';

export interface ResponseViolation {
  ids: RequirementId[];
  documented: string;
}

const validators = documentValidators();
const STATUS_AND_MEDIA: RequirementId = 'PEER-ERR-002';
const JSON_MEDIA_TYPE = /^\s*application\/json\s*(;|$)/i;

/** application/json, parameters such as charset allowed, in any case. */
export const isJsonMediaType = (contentType: string | null): boolean => contentType !== null && JSON_MEDIA_TYPE.test(contentType);

/** The document's `x-requirements` at `at`: the document's lint (.spectral.mjs) holds them to the catalogue. */
export function requirementsAt(at: string): RequirementId[] {
  return resolve(validators.document, at)?.['x-requirements'] ?? [];
}

/** The client passes its response as `parsed`, which parses the body once for the check and the
 * test alike; without it the text is parsed here. */
export function checkResponse(
  operationId: string,
  status: number,
  contentType: string | null,
  text: string,
  parsed?: { parse(): unknown },
): ResponseViolation | undefined {
  const documented = validators.response(operationId, status);
  if (!documented) {
    const codes = [...validators.operation(operationId).responses.keys()];
    // A success answered with another success code breaks the operation's own rule of its code too.
    const success = status >= 200 && status < 300 ? codes.find((code) => code.startsWith('2')) : undefined;
    const successPointer = success && validators.response(operationId, Number(success))?.pointer;
    return {
      ids: [STATUS_AND_MEDIA, ...(successPointer ? requirementsAt(successPointer) : [])],
      documented: `${operationId} answers only ${codes.join(', ')}; ${status} is not among them`,
    };
  }
  // Requirement IDs are looked up only for a violation: every response of a run passes here.
  if (!documented.validate) {
    return text === ''
      ? undefined
      : {
          ids: [STATUS_AND_MEDIA, ...requirementsAt(documented.pointer)],
          documented: `${status} has an empty body (${documented.pointer})`,
        };
  }
  if (!isJsonMediaType(contentType)) {
    return {
      ids: [STATUS_AND_MEDIA, ...requirementsAt(documented.pointer)],
      documented: `${status} answers application/json, not ${contentType ?? 'no content-type'}`,
    };
  }
  let body: unknown;
  try {
    body = parsed ? parsed.parse() : JSON.parse(text);
  } catch {
    return {
      ids: [STATUS_AND_MEDIA, ...requirementsAt(documented.pointer)],
      documented: `${status} answers a JSON body; this one does not parse`,
    };
  }
  if (documented.validate(body)) return undefined;
  // Each error blames what the schema it broke names (a name too long breaks the name's rule, in
  // whatever answer carries it), and only an error no named schema covers (the envelope) blames
  // the response's own rule: one wrong field must not read as every rule of every answer it is in.
  // A schema shared by several operations names each operation's rule (a description's length is
  // PEER-CREATE-007 on create, PEER-UPDATE-003 on update): the answer of one operation blames that
  // operation's, and all of them only where none is this operation's (a show, say).
  const ids = (documented.validate.errors ?? []).flatMap((e) => {
    const component = /^#\/components\/schemas\/[^/]+/.exec(e.schemaPath)?.[0];
    const named = component ? requirementsAt(component) : [];
    const ofThisOperation = named.filter((id) => findRequirement(id)?.operations.includes(operationId));
    if (ofThisOperation.length) return ofThisOperation;
    return named.length ? named : requirementsAt(documented.pointer);
  });
  return {
    ids: [...new Set(ids)],
    documented: `${documented.pointer}: ${describeErrors(documented.validate.errors)}`,
  };
}

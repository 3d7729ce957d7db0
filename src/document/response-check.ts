// What every response must satisfy, whatever the test: a status the document lists for the
// operation, JSON where a body is documented and nothing where none is, and a body that
// validates. Violations name the requirements the document attaches to what was broken.
import type { RequirementId } from '../../generated/requirement-ids.ts';
import { resolve } from './document.ts';
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
function requirementsAt(at: string): RequirementId[] {
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
    const listed = [...validators.operation(operationId).responses.keys()].join(', ');
    return { ids: [STATUS_AND_MEDIA], documented: `${operationId} answers only ${listed}; ${status} is not among them` };
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
  const schemaIds = (documented.validate.errors ?? []).flatMap((e) => {
    const component = /^#\/components\/schemas\/[^/]+/.exec(e.schemaPath)?.[0];
    return component ? requirementsAt(component) : [];
  });
  return {
    ids: [...new Set([...schemaIds, ...requirementsAt(documented.pointer)])],
    documented: `${documented.pointer}: ${describeErrors(documented.validate.errors)}`,
  };
}

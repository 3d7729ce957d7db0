// What every response must satisfy, whatever the test: a status the document lists for the
// operation, JSON where a body is documented and nothing where none is, and a body that
// validates. Violations name the requirements the document attaches to what was broken.
import { resolve } from './document.ts';
import { describeErrors, documentValidators } from './validators.ts';

export interface ResponseViolation {
  ids: string[];
  documented: string;
}

const validators = documentValidators();
const STATUS_AND_MEDIA = 'PEER-ERR-002';

function requirementsAt(at: string): string[] {
  return resolve(validators.document, at)?.['x-requirements'] ?? [];
}

/** `parse` reads the body as JSON; the client passes one that remembers, so the body is parsed
 * once for the check and for the test. */
export function checkResponse(operationId: string, status: number, contentType: string | null, text: string, parse: () => unknown = () => JSON.parse(text)): ResponseViolation | undefined {
  const documented = validators.response(operationId, status);
  if (!documented) {
    const listed = [...validators.operation(operationId).responses.keys()].join(', ');
    return { ids: [STATUS_AND_MEDIA], documented: `${operationId} answers only ${listed}; ${status} is not among them` };
  }
  // Looked up only for a violation: every response of a run passes through here.
  const ids = () => requirementsAt(documented.pointer);
  if (!documented.validate) {
    return text === '' ? undefined : { ids: [STATUS_AND_MEDIA, ...ids()], documented: `${status} has an empty body (${documented.pointer})` };
  }
  if (contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
    return { ids: [STATUS_AND_MEDIA, ...ids()], documented: `${status} answers application/json, not ${contentType ?? 'no content-type'}` };
  }
  let body: unknown;
  try {
    body = parse();
  } catch {
    return { ids: [STATUS_AND_MEDIA, ...ids()], documented: `${status} answers a JSON body; this one does not parse` };
  }
  if (documented.validate(body)) return undefined;
  const schemaIds = (documented.validate.errors ?? []).flatMap((e) => {
    const component = /^#\/components\/schemas\/[^/]+/.exec(e.schemaPath)?.[0];
    return component ? requirementsAt(component) : [];
  });
  return {
    ids: [...new Set([...schemaIds, ...ids()])],
    documented: `${documented.pointer}: ${describeErrors(documented.validate.errors)}`,
  };
}

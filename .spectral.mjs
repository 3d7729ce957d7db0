// Spectral's OpenAPI rules plus the project's own: every operation is named, shows examples,
// and carries requirement IDs that agree with openapi/requirements.yaml in both directions.
import { readFileSync } from 'node:fs';
import { oas } from '@stoplight/spectral-rulesets';
import { truthy } from '@stoplight/spectral-functions';
import { parse } from 'yaml';

const catalogue = parse(readFileSync('openapi/requirements.yaml', 'utf8')).requirements;
const operationsById = new Map(catalogue.map((r) => [r.id, new Set(r.operations)]));
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operationsOf(document) {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ op: item[m], path: ['paths', path, m] })),
  );
}

function requirementsAgreeWithCatalogue(operation, _options, { path }) {
  const named = operation['x-requirements'] ?? [];
  const problems = named
    .filter((id) => !operationsById.get(id)?.has(operation.operationId))
    .map((id) =>
      operationsById.has(id)
        ? `${id} does not list ${operation.operationId} among its operations in requirements.yaml`
        : `${id} is not in requirements.yaml`,
    );
  for (const [id, ops] of operationsById) {
    if (ops.has(operation.operationId) && !named.includes(id)) {
      problems.push(`requirements.yaml says ${id} concerns ${operation.operationId}, but its x-requirements omit it`);
    }
  }
  return problems.map((message) => ({ message, path: [...path, 'x-requirements'] }));
}

function everyRequirementUsed(document) {
  const used = new Set(operationsOf(document).flatMap(({ op }) => op['x-requirements'] ?? []));
  return catalogue
    .filter((r) => !used.has(r.id))
    .map((r) => ({ message: `${r.id} is named by no operation's x-requirements`, path: ['paths'] }));
}

export default {
  extends: [oas],
  rules: {
    // The document transcribes a vendor's API: there is no contact we could honestly name.
    'info-contact': 'off',
    'operation-operationId': 'error',
    'oas3-valid-media-example': 'error',
    'oas3-valid-schema-example': 'error',
    'operation-has-requirements': {
      description: 'Every operation names the requirement IDs it carries.',
      given: '$.paths[*][get,put,post,delete,patch]',
      severity: 'error',
      then: { field: 'x-requirements', function: truthy },
    },
    'operation-requirements-match-catalogue': {
      description: 'x-requirements and requirements.yaml agree on which operations each ID concerns.',
      given: '$.paths[*][get,put,post,delete,patch]',
      severity: 'error',
      message: '{{error}}',
      then: { function: requirementsAgreeWithCatalogue },
    },
    'known-requirement-ids': {
      description: 'Every x-requirements anywhere in the document names IDs the catalogue has.',
      given: '$..x-requirements[*]',
      severity: 'error',
      message: '{{value}} is not in requirements.yaml',
      then: { function: (id) => (operationsById.has(id) ? [] : [{ message: `${id} is not in requirements.yaml` }]) },
    },
    'catalogue-fully-used': {
      description: 'Every requirement in the catalogue is carried by some operation.',
      given: '$',
      severity: 'error',
      message: '{{error}}',
      then: { function: everyRequirementUsed },
    },
    'request-body-has-examples': {
      description: 'Every request body shows examples.',
      given: '$.paths[*][*].requestBody.content[*]',
      severity: 'error',
      then: { field: 'examples', function: truthy },
    },
    'response-body-has-examples': {
      description: 'Every response with a body shows examples.',
      given: ['$.paths[*][*].responses[*].content[*]', '$.components.responses[*].content[*]'],
      severity: 'error',
      then: { field: 'examples', function: truthy },
    },
  },
};

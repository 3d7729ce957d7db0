// The document's own rules, for the tests that check on an unvalidated client (`api.unvalidated`)
// what the validating client would otherwise have checked: each comes from a schema of
// openapi/vpc-peering.yaml, compiled by the validators the client uses, never restated here.
import type { RequirementId } from '../../generated/requirement-ids.ts';
import type { components } from '../../generated/vpc-peering.ts';
import { pointer } from '../document/document.ts';
import { documentValidators } from '../document/validators.ts';

import { requirementsAt } from '../document/response-check.ts';

export { isJsonMediaType } from '../document/response-check.ts';

type SchemaName = keyof components['schemas'] & string;

const validators = documentValidators();
const compiled = (name: SchemaName) => validators.schema(pointer('components', 'schemas', name));

/** Whether a value satisfies the document's schema `#/components/schemas/<name>`. */
export function satisfies(name: SchemaName): (value: unknown) => boolean {
  const validate = compiled(name);
  return (value) => validate(value) === true;
}

/** The values the document's schema `name` enumerates. */
export function enumOf(name: SchemaName): string[] {
  return validators.document.components.schemas[name].enum;
}

/**
 * What of the schema's shape `value` breaks: each property it requires that is absent, and each
 * property (or the value itself) of another JSON type than it gives, written as a path
 * (`request_vpc_info.vpc_id`; `(the whole value)`). Its other keywords (patterns, enums,
 * lengths) are left to the requirements that state them.
 */
export function missingOrMistyped(name: SchemaName, value: unknown): string[] {
  const validate = compiled(name);
  if (validate(value)) return [];
  const path = (instancePath: string, child?: string) =>
    [...instancePath.split('/').slice(1), ...(child === undefined ? [] : [child])].join('.') || '(the whole value)';
  return [
    ...new Set(
      (validate.errors ?? []).flatMap((e) => {
        if (e.keyword === 'required') return [path(e.instancePath, String(e.params.missingProperty))];
        return e.keyword === 'type' ? [path(e.instancePath)] : [];
      }),
    ),
  ];
}

/** The rules the document attaches to an operation's answer of `status` (PEER-CREATE-001 to
 * create's 201): what an answer without the peering where the document puts it breaks. */
export function answerRules(operationId: string, status: number): RequirementId[] {
  const at = validators.response(operationId, status)?.pointer;
  return at ? requirementsAt(at) : [];
}

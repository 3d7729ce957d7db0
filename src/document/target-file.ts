// The target file: how a run is pointed at a real endpoint. The emulator writes one so that
// anything can be pointed at it; the run reads it here, and every mistake in it becomes one
// sentence saying what to fix. Like the API document, it is what the suite reads of what others
// write, so it sits in the lowest layer, where the emulator may take its shape from too.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** A secret given in the file itself, or the name of an environment variable holding it. */
type Secret = string | { env: string };

/** A tenant signs in with a token, or with AK/SK credentials (every request is then signed). */
interface TenantEntry {
  projectId: string;
  token?: Secret;
  ak?: Secret;
  sk?: Secret;
  vpcIds: string[];
}

/** What an endpoint may leave out and still conform: AK/SK signing, which the API's
 * authentication page offers beside tokens. */
const OPTIONAL_FEATURES = ['aksk'] as const;
export type OptionalFeature = (typeof OPTIONAL_FEATURES)[number];

export interface TargetFile {
  baseUrl: string;
  /** A project with at least 3 VPCs of its own; it makes the peering requests. */
  requester: TenantEntry;
  /** A project with at least 2 VPCs of its own; it accepts or rejects. */
  accepter: TenantEntry;
  /** Optional: a project party to nothing the run creates. */
  outsider?: Omit<TenantEntry, 'vpcIds'> & { vpcIds?: string[] };
  /** Optional features the endpoint does not offer: their checks are not applicable, not failed. */
  absent?: OptionalFeature[];
}

export const TENANT_ROLES = ['requester', 'accepter', 'outsider'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** A target file's tenant with its secret read: what the clients are built from. */
export interface ResolvedTenant {
  role: TenantRole;
  projectId: string;
  /** A token, or AK/SK credentials, or both (the embedded emulator's tenants have both). */
  token?: string;
  ak?: string;
  sk?: string;
  vpcIds: string[];
  /** The environment variable each secret was read from, when the file named one: a message
   * about a refused secret names what the user set, not the file's field. */
  variables?: Partial<Record<SecretField, string>>;
}

type SecretField = 'token' | 'ak' | 'sk';

/** Where a tenant's secret was given, as a person fixing it looks for it: the environment
 * variable it was read from, else the file's field. */
export function whereSecretIs(t: ResolvedTenant, field: SecretField, file: string): string {
  const variable = t.variables?.[field];
  return variable ? `the environment variable ${variable} (the ${t.role}'s ${field})` : `"${t.role}.${field}" in ${file}`;
}

/** How a tenant's requests are authenticated: its token when it has one, else signed. */
export function credentialsOf(t: ResolvedTenant): { token?: string; ak?: string; sk?: string; projectId?: string } {
  return t.token !== undefined ? { token: t.token } : { ak: t.ak, sk: t.sk, projectId: t.projectId };
}

export class TargetFileError extends Error {}

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const secret = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'object', required: ['env'], properties: { env: { type: 'string', minLength: 1 } }, additionalProperties: false },
  ],
};
const tenant = (minVpcs: number) => ({
  type: 'object',
  required: ['projectId', ...(minVpcs > 0 ? ['vpcIds'] : [])],
  anyOf: [{ required: ['token'] }, { required: ['ak', 'sk'] }],
  properties: {
    projectId: { type: 'string', minLength: 1 },
    token: secret,
    ak: secret,
    sk: secret,
    vpcIds: { type: 'array', minItems: minVpcs, uniqueItems: true, items: { type: 'string', pattern: UUID } },
  },
});
// Compiled when a file is first read, not when the module loads: every worker of a run imports
// this module for the tenants' types and credentials, and an Ajv instance costs each a fifth of a
// second it would spend for nothing.
let validateTargetFile: ValidateFunction | undefined;
const compileTargetFileSchema = () =>
  new Ajv2020({ allErrors: false }).compile({
    type: 'object',
    required: ['baseUrl', 'requester', 'accepter'],
    properties: {
      baseUrl: { type: 'string', pattern: '^https?://' },
      requester: tenant(3),
      accepter: tenant(2),
      outsider: tenant(0),
      absent: { type: 'array', uniqueItems: true, items: { enum: [...OPTIONAL_FEATURES] } },
    },
  });

/** What ajv found, said as a person would say it about this file. */
function sentenceFor(path: string, error: ErrorObject): string {
  const where = error.instancePath.slice(1).replaceAll('/', '.') || 'the top level';
  if (error.schemaPath.includes('/anyOf/')) return `${path}: "${where}" needs a "token", or an "ak" and an "sk".`;
  switch (error.keyword) {
    case 'required':
      return `${path}: ${where === 'the top level' ? '' : `"${where}" `}needs "${error.params.missingProperty}".`;
    case 'minItems':
      return `${path}: "${where}" lists fewer than ${error.params.limit} VPCs; the run needs at least ${error.params.limit} of that project's own.`;
    case 'pattern':
      return where === 'baseUrl'
        ? `${path}: "baseUrl" must start with http:// or https://.`
        : `${path}: "${where}" is not a VPC ID (a UUID).`;
    case 'uniqueItems':
      return `${path}: "${where}" lists the same VPC twice.`;
    case 'enum':
      return `${path}: "${where}" is not an optional feature; "absent" may list only ${OPTIONAL_FEATURES.map((f) => `"${f}"`).join(', ')}.`;
    case 'oneOf':
      return `${path}: "${where}" must be a string or {"env": "VARIABLE_NAME"}.`;
    default:
      return `${path}: "${where}" ${error.message}.`;
  }
}

/** The file, checked, with its baseUrl's trailing slashes dropped. */
export function readTargetFile(path: string): TargetFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new TargetFileError(`There is no readable target file at ${path}: check the path given to --target or PEERING_TARGET.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TargetFileError(`${path} is not valid JSON (${(error as Error).message}): fix the file.`);
  }
  const validate = (validateTargetFile ??= compileTargetFileSchema());
  if (!validate(parsed)) throw new TargetFileError(sentenceFor(path, validate.errors![0]!));
  const file = parsed as TargetFile;
  const shared = sharedVpc(file);
  if (shared) {
    throw new TargetFileError(
      `${path}: VPC ${shared.vpc} is listed in both "${shared.roles[0]}.vpcIds" and "${shared.roles[1]}.vpcIds", but a VPC belongs to one project: keep it in its own project's list only.`,
    );
  }
  return { ...file, baseUrl: file.baseUrl.replace(/\/+$/, '') };
}

/** A VPC two projects both list: a mistake the file shows by itself, with no request sent. */
function sharedVpc(file: TargetFile): { vpc: string; roles: [TenantRole, TenantRole] } | undefined {
  const owner = new Map<string, TenantRole>();
  for (const role of TENANT_ROLES) {
    for (const vpc of file[role]?.vpcIds ?? []) {
      const first = owner.get(vpc);
      if (first) return { vpc, roles: [first, role] };
      owner.set(vpc, role);
    }
  }
  return undefined;
}

function readSecret(value: Secret, what: string, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof value === 'string') return value;
  const found = env[value.env];
  if (!found) throw new TargetFileError(`The environment variable ${value.env} (${what}) is not set: export it before the run.`);
  return found;
}

export function resolveTenants(file: TargetFile, env: NodeJS.ProcessEnv = process.env): ResolvedTenant[] {
  return TENANT_ROLES.flatMap((role) => {
    const entry = file[role];
    if (!entry) return [];
    const secret = (name: SecretField) => {
      const value = entry[name];
      return value === undefined ? {} : { [name]: readSecret(value, `the ${role}'s ${name}`, env) };
    };
    const variables = Object.fromEntries(
      (['token', 'ak', 'sk'] as const).flatMap((name) => {
        const value = entry[name];
        return typeof value === 'object' ? [[name, value.env]] : [];
      }),
    );
    return [
      {
        role,
        projectId: entry.projectId,
        ...secret('token'),
        ...secret('ak'),
        ...secret('sk'),
        vpcIds: entry.vpcIds ?? [],
        ...(Object.keys(variables).length && { variables }),
      },
    ];
  });
}

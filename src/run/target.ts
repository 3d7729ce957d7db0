// What a run is pointed at: the embedded emulator (the default), Prism's stateless mock, or a
// real endpoint from a target file; optionally behind Prism's validating proxy. Opening one
// starts what must be started and checks what must be checked before any test runs.
import { randomBytes } from 'node:crypto';
// The emulator and Prism are imported only when asked for: a run against a real endpoint, or one
// that stops at a bad target file, should not pay for loading them.
import type { Tenants } from '../../emulator/tenants.ts';
import type { Requirement } from '../document/document.ts';
import type { ExchangeRecorder } from '../http/exchange-record.ts';
import { NoAnswer, PlainRequest, Transport } from '../http/transport.ts';
import {
  credentialsOf,
  readTargetFile,
  resolveTenants,
  TargetFileError,
  type OptionalFeature,
  type ResolvedTenant,
} from './target-file.ts';

type TargetKind = 'emulator' | 'prism' | 'endpoint';

/** What a target can show beyond a stateless mock. */
type Capability = 'state' | 'clock';

/** How a skip says that the target declares what a test needs absent: its requirements are not
 * applicable there, which, unlike any other skip, does not block a pass. */
export const NOT_APPLICABLE = 'not applicable: ';

/** The target as the tests see it: serialisable, handed to every worker. */
export interface Target {
  kind: TargetKind;
  /** Where requests go (Prism's proxy, when there is one in front). */
  baseUrl: string;
  /** For reports: what was tested, never a secret. */
  description: string;
  capabilities: Capability[];
  tenants: ResolvedTenant[];
  /** The embedded emulator's control route, which ages a peering: its `clock` capability. */
  control?: { url: string; token: string };
  /** The optional features the target file declares the endpoint does not offer. */
  absent?: OptionalFeature[];
}

/** How --target's choice is opened: through Prism's proxy or not; for the embedded emulator, which variant, how late, how consistent, how paged. */
export interface TargetOptions {
  viaPrism: boolean;
  variant?: string;
  latencyMs?: number;
  eventual?: boolean;
  pageSize?: number;
}

export interface OpenTarget {
  target: Target;
  close(): Promise<void>;
}

/** The sentence a skipped check gives, per capability the target lacks. A stateless mock declares
 * itself so: what needs state does not apply to it. A real endpoint has a clock no run can wait
 * out: what needs it is not checked there. */
const MISSING_CAPABILITY: Record<Capability, string> = {
  state: `${NOT_APPLICABLE}needs a stateful server; Prism's mock answers each request from the document's examples alone`,
  clock: "needs the emulator's clock; no source gives the expiry period a real run could wait out",
};

export function missingCapability(target: Target, requirements: Requirement[]): string | undefined {
  const needs = new Set(requirements.map((r) => r.needs).filter((n): n is Capability => n !== 'any'));
  const missing = [...needs].find((need) => !target.capabilities.includes(need));
  return missing && MISSING_CAPABILITY[missing].replace(/^(not applicable: )?/, `$1${target.kind} `);
}

function tenantsOf(tenants: Tenants): ResolvedTenant[] {
  return Object.values(tenants).map(({ role, projectId, token, vpcIds, ak, sk }) => ({
    role,
    projectId,
    token,
    vpcIds,
    ...(ak && sk && { ak, sk }),
  }));
}

export class StartupProblem extends Error {}

async function variantNamed(name: string) {
  const { VARIANTS, VARIANT_CHOICES } = await import('../../emulator/variants.ts');
  const found = VARIANTS.find((v) => v.name === name);
  if (!found) throw new StartupProblem(`There is no emulator variant "${name}": choose ${VARIANT_CHOICES}.`);
  return found;
}

async function withProxy(open: OpenTarget, viaPrism: boolean): Promise<OpenTarget> {
  if (!viaPrism) return open;
  const { startPrism } = await import('./prism.ts');
  const proxy = await startPrism({ upstream: new URL(open.target.baseUrl) });
  return {
    target: { ...open.target, baseUrl: proxy.url, description: `${open.target.description}, through Prism's validating proxy` },
    close: async () => {
      await proxy.close();
      await open.close();
    },
  };
}

/**
 * `targetArgument` is what the user gave to --target: nothing (the emulator), `prism`, or a target file's path.
 * Anything that keeps the run from starting is a StartupProblem with one sentence. A real endpoint's
 * pre-flight requests are recorded by `recorder`, when given one.
 */
export async function openTarget(
  targetArgument: string | undefined,
  options: TargetOptions,
  recorder?: ExchangeRecorder,
): Promise<OpenTarget> {
  const emulatorOptions = {
    variant: options.variant,
    latency: options.latencyMs,
    eventual: options.eventual,
    'page-size': options.pageSize,
  };
  const misplaced = Object.entries(emulatorOptions).find(([, value]) => value);
  if (misplaced && targetArgument && targetArgument !== 'emulator') {
    throw new StartupProblem(`--emulator-${misplaced[0]} changes the embedded emulator; it cannot be combined with another --target.`);
  }
  if (!targetArgument || targetArgument === 'emulator') {
    const [{ startEmulator }, { EVENTUAL }, variant] = await Promise.all([
      import('../../emulator/server.ts'),
      import('../../emulator/peerings.ts'),
      options.variant ? variantNamed(options.variant) : undefined,
    ]);
    const controlToken = randomBytes(16).toString('hex');
    const emulator = await startEmulator({
      controlToken,
      ...(variant && { variant }),
      ...(options.latencyMs && { latencyMs: options.latencyMs }),
      ...(options.eventual && { consistency: EVENTUAL }),
      ...(options.pageSize && { pageSize: options.pageSize }),
    });
    const latency = options.latencyMs ? `, answering after ${options.latencyMs} ms` : '';
    const eventual = options.eventual
      ? `, eventually consistent (deletes complete ${EVENTUAL.deleteDelayMs} ms after their 204, lists lag ${EVENTUAL.listLagMs} ms)`
      : '';
    const paged = options.pageSize ? `, paging lists at ${options.pageSize}` : '';
    const description =
      (variant
        ? `the embedded emulator's ${variant.name} variant (${variant.breaks ? `breaks ${variant.breaks}: ` : ''}${variant.summary})`
        : 'the embedded reference emulator') +
      latency +
      eventual +
      paged;
    return withProxy(
      {
        target: {
          kind: 'emulator',
          baseUrl: emulator.url,
          description,
          capabilities: ['state', 'clock'],
          tenants: tenantsOf(emulator.tenants),
          control: { url: emulator.url, token: controlToken },
        },
        close: () => emulator.close(),
      },
      options.viaPrism,
    );
  }
  if (targetArgument === 'prism') {
    if (options.viaPrism)
      throw new StartupProblem('--via-prism puts Prism in front of a server; with --target prism there is none: drop one of them.');
    const [{ startPrism }, { generateTenants }] = await Promise.all([import('./prism.ts'), import('../../emulator/tenants.ts')]);
    const prism = await startPrism();
    return {
      target: {
        kind: 'prism',
        baseUrl: prism.url,
        description: "Prism's mock of openapi/vpc-peering.yaml",
        capabilities: [],
        tenants: tenantsOf(generateTenants()),
      },
      close: () => prism.close(),
    };
  }
  let tenants: ResolvedTenant[];
  let baseUrl: string;
  let absent: OptionalFeature[];
  try {
    const file = readTargetFile(targetArgument);
    tenants = resolveTenants(file);
    baseUrl = file.baseUrl;
    absent = file.absent ?? [];
  } catch (error) {
    if (error instanceof TargetFileError) throw new StartupProblem(error.message);
    throw error;
  }
  await preflight(baseUrl, tenants, targetArgument, new Transport(recorder));
  return withProxy(
    {
      target: { kind: 'endpoint', baseUrl, description: `${baseUrl} (from ${targetArgument})`, capabilities: ['state'], tenants, absent },
      close: async () => {},
    },
    options.viaPrism,
  );
}

const PREFLIGHT_TIMEOUT_MS = 10_000;

/** The harmless call the pre-flight and the round-trip measurement send, named as the client names it. */
function listOne(baseUrl: string): PlainRequest {
  const list = new PlainRequest(`${baseUrl}/v2.0/vpc/peerings?limit=1`, { method: 'GET' });
  list.operationId = 'listVpcPeerings';
  return list;
}

/** Reachable, and every token accepted, by a harmless list call per tenant. */
async function preflight(baseUrl: string, tenants: ResolvedTenant[], file: string, transport: Transport): Promise<void> {
  for (const tenant of tenants) {
    let status: number;
    try {
      ({ status } = await transport.send(listOne(baseUrl), { deadlineMs: PREFLIGHT_TIMEOUT_MS, credentials: credentialsOf(tenant) }));
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      throw new StartupProblem(
        `Cannot reach ${baseUrl} (${error.code ?? error.exchange.error}): check "baseUrl" in ${file} and that the server is up.`,
      );
    }
    if (status === 401 || status === 403) {
      const what = tenant.token !== undefined ? 'token' : 'AK/SK signature';
      throw new StartupProblem(
        `The server refused the ${tenant.role}'s ${what} (${status}): renew "${tenant.role}.${tenant.token !== undefined ? 'token' : 'ak/sk'}" in ${file}.`,
      );
    }
    if (status !== 200) {
      throw new StartupProblem(`Listing peerings as the ${tenant.role} answered ${status}, not 200: is ${baseUrl} the VPC peering API?`);
    }
  }
  // Loaded here, not at the top: the validating client compiles the document, which a run that
  // stops at a bad target file should not wait for.
  const { peeringsBetweenTargetVpcs } = await import('./target-peerings.ts');
  const taken = await peeringsBetweenTargetVpcs(baseUrl, tenants, PREFLIGHT_TIMEOUT_MS, transport).catch((error: Error) => {
    throw new StartupProblem(
      `Cannot check the target's VPCs for live peerings (${error.message}): a run must start on free VPCs, so fix the list call first.`,
    );
  });
  if (taken.length) {
    const named = taken.map(({ peering }) => `${peering.id} "${peering.name}"`).join('; ');
    throw new StartupProblem(
      `The target's VPCs already have live peerings (${named}), which a run must not touch: ` +
        `delete them, or run "npm run sweep -- --target ${file}" if an earlier run left them.`,
    );
  }
}

/** The median of three list calls as the requester: what one request to this target costs. They
 * are recorded by `recorder`, when given one. */
export async function measureRoundTrip(target: Target, recorder?: ExchangeRecorder): Promise<number> {
  const requester = target.tenants.find((t) => t.role === 'requester')!;
  const times: number[] = [];
  const transport = new Transport(recorder);
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await transport.send(listOne(target.baseUrl), {
      deadlineMs: PREFLIGHT_TIMEOUT_MS,
      credentials: credentialsOf(requester),
    });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1]!;
}

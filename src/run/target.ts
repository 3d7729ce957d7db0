// What a run is pointed at: the embedded emulator (the default), Prism's stateless mock, or a
// real endpoint from a target file; optionally behind Prism's validating proxy. Opening one
// starts what must be started and checks what must be checked before any test runs.
import { randomBytes } from 'node:crypto';
// The emulator and Prism are imported only when asked for: a run against a real endpoint, or one
// that stops at a bad target file, should not pay for loading them.
import type { Tenants } from '../../emulator/tenants.ts';
import type { Requirement } from '../document/document.ts';
import { Transport } from '../http/transport.ts';
import { listOne, preflight, type PreflightRun } from './preflight.ts';
import { StartupProblem } from './startup-problem.ts';
import {
  credentialsOf,
  readTargetFile,
  resolveTenants,
  TargetFileError,
  type OptionalFeature,
  type ResolvedTenant,
} from '../document/target-file.ts';

type TargetKind = 'emulator' | 'prism' | 'endpoint';

/** What a target can show beyond a stateless mock. */
type Capability = 'state' | 'clock';

/** How a skip says that the target declares what a test needs absent: its requirements are not
 * applicable there, which, unlike any other skip, does not block a pass. */
export const NOT_APPLICABLE = 'not applicable: ';

/** The target as the tests see it: serialisable, handed to every worker. */
export interface Target {
  kind: TargetKind;
  /** Where the tests' requests go (Prism's proxy, when there is one in front). */
  baseUrl: string;
  /** The server itself, past any proxy: where cleanup and the sweep go, so that a server whose
   * answers a proxy turns into errors still has what the run created deleted. */
  serverUrl: string;
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
 * pre-flight goes out on the run's wire and names its peerings with the run's prefix (`run`).
 */
export async function openTarget(targetArgument: string | undefined, options: TargetOptions, run: PreflightRun): Promise<OpenTarget> {
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
          serverUrl: emulator.url,
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
        serverUrl: prism.url,
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
  await preflight(baseUrl, tenants, targetArgument, run);
  return withProxy(
    {
      target: {
        kind: 'endpoint',
        baseUrl,
        serverUrl: baseUrl,
        description: `${baseUrl} (from ${targetArgument})`,
        capabilities: ['state'],
        tenants,
        absent,
      },
      close: async () => {},
    },
    options.viaPrism,
  );
}

const ROUND_TRIP_TIMEOUT_MS = 10_000;

/** The median of three list calls as the requester: what one request to this target costs. They
 * go out on `transport`: the run's, which records them in its trace. */
export async function measureRoundTrip(target: Target, transport = new Transport()): Promise<number> {
  const requester = target.tenants.find((t) => t.role === 'requester')!;
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await transport.send(listOne(target.baseUrl), {
      deadlineMs: ROUND_TRIP_TIMEOUT_MS,
      credentials: credentialsOf(requester),
    });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1]!;
}

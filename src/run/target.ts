// What a run is pointed at, as the tests see it: the embedded emulator (started by whoever runs
// the suite, since the engine never imports the emulator), Prism's stateless mock, or a real
// endpoint from a target file; optionally behind Prism's validating proxy. Prism is imported only
// when asked for: a run against a real endpoint, or one that stops at a bad target file, should
// not pay for loading it.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Requirement } from '../document/document.ts';
import {
  credentialsOf,
  readTargetFile,
  resolveTenants,
  TargetFileError,
  type OptionalFeature,
  type ResolvedTenant,
} from '../document/target-file.ts';
import { Transport } from '../http/transport.ts';
import { listOne } from './preflight.ts';
import { StartupProblem } from './startup-problem.ts';

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
  /** The target file an endpoint was read from: the pre-flight's sentences name its fields. */
  file?: string;
}

/** A target and what stops what was started for it (an emulator, Prism): its opener closes it. */
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

/** Made-up tenants for Prism's mock, which answers from the document's examples whoever asks:
 * each with a token and AK/SK, and as many VPCs as the emulator gives its own. */
function madeUpTenants(): ResolvedTenant[] {
  const tenant = (role: ResolvedTenant['role'], vpcs: number): ResolvedTenant => ({
    role,
    projectId: randomUUID(),
    token: `prism-${role}-${randomBytes(12).toString('hex')}`,
    ak: `PRISM${randomBytes(7).toString('hex').toUpperCase()}`,
    sk: randomBytes(20).toString('hex'),
    vpcIds: Array.from({ length: vpcs }, () => randomUUID()),
  });
  return [tenant('requester', 4), tenant('accepter', 3), tenant('outsider', 1)];
}

/** Prism's mock of the document: the stateless checks only. */
export async function openPrismMock(): Promise<OpenTarget> {
  const { startPrism } = await import('./prism.ts');
  const prism = await startPrism();
  return {
    target: {
      kind: 'prism',
      baseUrl: prism.url,
      serverUrl: prism.url,
      description: "Prism's mock of openapi/vpc-peering.yaml",
      capabilities: [],
      tenants: madeUpTenants(),
    },
    close: () => prism.close(),
  };
}

/** The endpoint a target file names, its secrets read from `env`; the run checks its facts in
 * its pre-flight. A file that cannot be used is a StartupProblem with one sentence. */
export function openEndpoint(file: string, env: NodeJS.ProcessEnv = process.env): OpenTarget {
  try {
    const read = readTargetFile(file);
    return {
      target: {
        kind: 'endpoint',
        baseUrl: read.baseUrl,
        serverUrl: read.baseUrl,
        description: `${read.baseUrl} (from ${file})`,
        capabilities: ['state'],
        tenants: resolveTenants(read, env),
        absent: read.absent ?? [],
        file,
      },
      close: async () => {},
    };
  } catch (error) {
    if (error instanceof TargetFileError) throw new StartupProblem(error.message);
    throw error;
  }
}

/** `open` with Prism's validating proxy in front: the tests' requests go through it, cleanup and
 * the sweep past it, to the server itself. */
export async function behindPrism(open: OpenTarget): Promise<OpenTarget> {
  const { startPrism } = await import('./prism.ts');
  const proxy = await startPrism({ upstream: new URL(open.target.serverUrl) }).catch(async (error: unknown) => {
    await open.close();
    throw error;
  });
  return {
    target: { ...open.target, baseUrl: proxy.url, description: `${open.target.description}, through Prism's validating proxy` },
    close: async () => {
      await proxy.close();
      await open.close();
    },
  };
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

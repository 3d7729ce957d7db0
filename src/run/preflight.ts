// The pre-flight: before any test, a target file's facts are checked against the server, so that a
// mistake in the file ends the run with one sentence naming the field to fix, and is never
// reported as the server's failure. The file's shape is checked as it is read (target-file.ts,
// where two projects listing one VPC is found with no request at all); here, with as few requests
// as the facts allow, each peering deleted at once: the server answers every token; no peering
// already holds the file's VPCs; and each project's VPCs can be peered by its token, every VPC in
// one same-project create, whose answer names the project the token belongs to. Only what goes
// wrong costs more requests: they tell a mistyped VPC from a token of another project. What the
// requests cannot tell from a broken server is said to be possibly the server's fault.
import type { Exchange } from '../http/exchange.ts';
import { PeeringClient } from '../http/client.ts';
import { deleteUntilGone } from '../http/deletion.ts';
import { NoAnswer, PlainRequest, type Transport } from '../http/transport.ts';
import { StartupProblem } from './startup-problem.ts';
import { credentialsOf, whereSecretIs, type ResolvedTenant } from '../document/target-file.ts';

/** How long one pre-flight request, or the wait for one of its peerings to be gone, may take. */
const PREFLIGHT_TIMEOUT_MS = 10_000;

/** The run the pre-flight is for: the wire its requests go out on (the run's trace, and its record
 * of its own requests), and the name prefix its peerings carry, so a sweep finds one it left. */
export interface PreflightRun {
  transport: Transport;
  namePrefix: string;
  /** Whether the run was stopped (a signal): no new peering is made then, and the one under way
   * has been deleted already, since each is deleted before the next is made. */
  stopped: () => boolean;
}

/** The run was stopped during the pre-flight: nothing it made is left, and no test has started. */
export class PreflightStopped extends Error {}

/** The harmless call the pre-flight and the round-trip measurement send, named as the client names it. */
export function listOne(baseUrl: string): PlainRequest {
  const list = new PlainRequest(`${baseUrl}/v2.0/vpc/peerings?limit=1`, { method: 'GET' });
  list.operationId = 'listVpcPeerings';
  return list;
}

export async function preflight(baseUrl: string, tenants: ResolvedTenant[], file: string, run: PreflightRun): Promise<void> {
  await everyTokenAnswered(baseUrl, tenants, file, run.transport);
  await noPeeringHoldsTheVpcs(baseUrl, tenants, file, run.transport);
  await new ProjectFacts(baseUrl, tenants, file, run).check();
}

/** Reachable, and every token accepted, by a harmless list call per tenant. */
async function everyTokenAnswered(baseUrl: string, tenants: ResolvedTenant[], file: string, transport: Transport): Promise<void> {
  for (const tenant of tenants) {
    let status: number;
    let exchange: Exchange;
    try {
      ({ status, exchange } = await transport.send(listOne(baseUrl), {
        deadlineMs: PREFLIGHT_TIMEOUT_MS,
        credentials: credentialsOf(tenant),
      }));
    } catch (error) {
      if (!(error instanceof NoAnswer)) throw error;
      throw new StartupProblem(
        `Cannot reach ${baseUrl} (${error.code ?? error.exchange.error}): check "baseUrl" in ${file} and that the server is up.`,
      );
    }
    if (status === 401 || status === 403) {
      throw new StartupProblem(
        tenant.token !== undefined
          ? `The server refused the ${tenant.role}'s token (${answerOf(exchange)}): renew ${whereSecretIs(tenant, 'token', file)}.`
          : `The server refused the ${tenant.role}'s AK/SK signature (${answerOf(exchange)}): check ${whereSecretIs(tenant, 'ak', file)}, ${whereSecretIs(tenant, 'sk', file)} and "${tenant.role}.projectId", which is signed as X-Project-Id.`,
      );
    }
    if (status !== 200) {
      throw new StartupProblem(
        `Listing peerings as the ${tenant.role} answered ${answerOf(exchange)}, not 200: is ${baseUrl} the VPC peering API?`,
      );
    }
  }
}

async function noPeeringHoldsTheVpcs(baseUrl: string, tenants: ResolvedTenant[], file: string, transport: Transport): Promise<void> {
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

/** The server's own words for an answer: its status and its error's message, on one line. */
function answerOf(exchange: Exchange): string {
  let body: unknown;
  try {
    body = JSON.parse(exchange.responseText);
  } catch {
    body = undefined;
  }
  const errorBody = body as { NeutronError?: { message?: unknown }; message?: unknown; error_msg?: unknown } | undefined;
  const message = [errorBody?.NeutronError?.message, errorBody?.message, errorBody?.error_msg].find((m) => typeof m === 'string');
  const words = String(message ?? exchange.responseText)
    .replace(/\s+/g, ' ')
    .trim();
  if (words === '') return `${exchange.status}, with no message`;
  return `${exchange.status}: "${words.length > 200 ? `${words.slice(0, 200)}…` : words}"`;
}

type VpcPair = readonly [string, string];

/** What one create between two VPCs came to: created (and deleted at once), with the projects its
 * answer named, or refused, with the server's answer. */
type Attempt = { created: true; requestTenant?: string; acceptTenant?: string } | { created: false; answer: string; status: number };

/** Pairs that between them name every VPC once (the first again, when their number is odd):
 * every VPC checked in half as many creates. */
function coveringPairs(vpcs: string[]): VpcPair[] {
  const pairs: VpcPair[] = [];
  for (let i = 0; i < vpcs.length; i += 2) pairs.push([vpcs[i]!, vpcs[i + 1] ?? vpcs[0]!]);
  return pairs;
}

/** Whether each project's token and VPCs are the project's, found by peering them. */
class ProjectFacts {
  private readonly clients = new Map<ResolvedTenant, PeeringClient>();

  constructor(
    private readonly baseUrl: string,
    private readonly tenants: ResolvedTenant[],
    private readonly file: string,
    private readonly run: PreflightRun,
  ) {}

  private clientOf(tenant: ResolvedTenant): PeeringClient {
    let client = this.clients.get(tenant);
    if (!client) {
      // Unvalidated: the pre-flight asks what the file's facts are, not whether the answers keep
      // to the document; that is the tests' to judge.
      client = new PeeringClient(this.baseUrl, credentialsOf(tenant), {
        transport: this.run.transport,
        deadlineMs: PREFLIGHT_TIMEOUT_MS,
        validate: false,
      });
      this.clients.set(tenant, client);
    }
    return client;
  }

  /** A create between `pair` as `tenant`; a peering it makes is deleted at once, and waited for
   * until gone, so the tests start on free VPCs. `acceptTenant` goes in the body when given. */
  private async peer(tenant: ResolvedTenant, [requestVpc, acceptVpc]: VpcPair, acceptTenant?: string): Promise<Attempt> {
    if (this.run.stopped()) throw new PreflightStopped();
    const client = this.clientOf(tenant);
    const name = `${this.run.namePrefix}preflight`;
    const between = `between ${requestVpc} and ${acceptVpc} as the ${tenant.role}`;
    const reply = await client
      .create({
        peering: {
          name,
          request_vpc_info: { vpc_id: requestVpc },
          accept_vpc_info: { vpc_id: acceptVpc, ...(acceptTenant !== undefined && { tenant_id: acceptTenant }) },
        },
      })
      .catch((error: Error) => {
        throw new StartupProblem(
          `The pre-flight's create ${between} got no answer (${error.message.split('\n')[0]}): the server may be at fault, or check "baseUrl" in ${this.file}.`,
        );
      });
    if (reply.status >= 500) {
      throw new StartupProblem(
        `The pre-flight's create ${between} answered ${answerOf(reply.exchange)}: the server is at fault, and the target file in ${this.file} could not be checked.`,
      );
    }
    // Whether the answer keeps the document is the tests' to judge: any success made a peering.
    if (reply.status < 200 || reply.status >= 300) return { created: false, answer: answerOf(reply.exchange), status: reply.status };
    const peering = reply.data?.peering;
    if (typeof peering?.id !== 'string') {
      throw new StartupProblem(
        `The pre-flight's create ${between} answered ${reply.status} with no peering ID to delete it by: the server is at fault, and may have left a peering named "${name}" (npm run sweep -- --target ${this.file}).`,
      );
    }
    await deleteUntilGone(client, peering.id, PREFLIGHT_TIMEOUT_MS).catch((error: Error) => {
      throw new StartupProblem(
        `The pre-flight could not delete its peering ${peering.id} ("${name}", ${error.message.split('\n')[0]!.trim()}): the server may be at fault; delete it by hand, or run "npm run sweep -- --target ${this.file}".`,
      );
    });
    const tenantOf = (info: { tenant_id?: unknown } | undefined) => (typeof info?.tenant_id === 'string' ? info.tenant_id : undefined);
    const requestTenant = tenantOf(peering.request_vpc_info);
    const acceptTenantShown = tenantOf(peering.accept_vpc_info);
    return { created: true, ...(requestTenant && { requestTenant }), ...(acceptTenantShown && { acceptTenant: acceptTenantShown }) };
  }

  async check(): Promise<void> {
    const requester = this.tenants.find((t) => t.role === 'requester')!;
    const accepter = this.tenants.find((t) => t.role === 'accepter')!;
    const outsider = this.tenants.find((t) => t.role === 'outsider');
    const requesterFirst = await this.firstTries(requester);
    const accepterFirst = await this.firstTries(accepter);
    if (!requesterFirst.peerable && !accepterFirst.peerable) {
      throw new StartupProblem(
        `The server refused every pre-flight peering between a project's own VPCs (the requester's ${requesterFirst.answer}; the accepter's ${accepterFirst.answer}): ` +
          `check "requester.vpcIds", "accepter.vpcIds" and both tokens in ${this.file}, though the server may be at fault, since it refused them all.`,
      );
    }
    const requesterPair = await this.peerablePair(requester, requesterFirst, accepter, accepterFirst.peerable);
    const accepterPair = await this.peerablePair(accepter, accepterFirst, requester, requesterFirst.peerable ?? requesterPair);
    await this.everyVpcPeerable(requester, requesterFirst, requesterPair[0]);
    await this.everyVpcPeerable(accepter, accepterFirst, accepterPair[0]);
    if (outsider) await this.partyToNothing(outsider, [requesterPair, accepterPair]);
    if (!accepterFirst.acceptTenantShown) await this.accepterProjectTaken(requester, accepter, requesterPair[0], accepterPair[0]);
  }

  /** The creates of the covering pairs: which VPCs they showed peerable, the first pair that was,
   * and the first refusal. A created answer's projects must be the file's. */
  private async firstTries(tenant: ResolvedTenant) {
    const peerable = new Set<string>();
    const refused: { pair: VpcPair; answer: string }[] = [];
    let firstPeerable: VpcPair | undefined;
    let acceptTenantShown = false;
    for (const pair of coveringPairs(tenant.vpcIds)) {
      const attempt = await this.peer(tenant, pair);
      if (!attempt.created) {
        refused.push({ pair, answer: attempt.answer });
        continue;
      }
      for (const shown of [attempt.requestTenant, attempt.acceptTenant]) {
        if (shown !== undefined && shown !== tenant.projectId) {
          throw new StartupProblem(
            `"${tenant.role}.projectId" in ${this.file} is ${tenant.projectId}, but the server made the ${tenant.role}'s peering between its VPCs ${pair[0]} and ${pair[1]} in project ${shown}: ` +
              `set "${tenant.role}.projectId" to the project of ${whereSecretIs(tenant, tenant.token !== undefined ? 'token' : 'ak', this.file)}.`,
          );
        }
      }
      acceptTenantShown ||= attempt.acceptTenant !== undefined;
      firstPeerable ??= pair;
      pair.forEach((vpc) => peerable.add(vpc));
    }
    return { peerable: firstPeerable, peerableVpcs: peerable, refused, acceptTenantShown, answer: refused[0]?.answer };
  }

  /** A pair of the tenant's VPCs that its token can peer. When none of the covering pairs could be
   * peered, the token is tried on the other project's peerable pair (a token of that project
   * peers it), and then the tenant's other pairs (a single mistyped VPC spoils every pair it is in). */
  private async peerablePair(
    tenant: ResolvedTenant,
    tries: Awaited<ReturnType<ProjectFacts['firstTries']>>,
    other: ResolvedTenant,
    othersPair: VpcPair | undefined,
  ): Promise<VpcPair> {
    if (tries.peerable) return tries.peerable;
    const token = whereSecretIs(tenant, tenant.token !== undefined ? 'token' : 'ak', this.file);
    if (othersPair && (await this.peer(tenant, othersPair)).created) {
      throw new StartupProblem(
        `${token[0]!.toUpperCase()}${token.slice(1)} is the ${other.role} project's, not the ${tenant.role}'s: the server refused to peer the ${tenant.role}'s own VPCs with it (${tries.answer}) but peered the ${other.role}'s; give a token of project ${tenant.projectId}.`,
      );
    }
    const vpcs = tenant.vpcIds;
    const tried = new Set(coveringPairs(vpcs).map((pair) => pair.join()));
    for (let i = 0; i < vpcs.length; i++) {
      for (let j = i + 1; j < vpcs.length; j++) {
        const pair: VpcPair = [vpcs[i]!, vpcs[j]!];
        if (tried.has(pair.join()) || tried.has([...pair].reverse().join())) continue;
        if ((await this.peer(tenant, pair)).created) {
          pair.forEach((vpc) => tries.peerableVpcs.add(vpc));
          return pair;
        }
      }
    }
    throw new StartupProblem(
      `The server would peer no two of "${tenant.role}.vpcIds" as the ${tenant.role} (${tries.answer}): check that they are VPCs of project ${tenant.projectId} and that ${token} is that project's.`,
    );
  }

  /** Every VPC of the tenant's list peered with one known peerable: one that will not is named. */
  private async everyVpcPeerable(
    tenant: ResolvedTenant,
    tries: Awaited<ReturnType<ProjectFacts['firstTries']>>,
    known: string,
  ): Promise<void> {
    for (const { pair, answer } of tries.refused) {
      for (const vpc of pair) {
        if (tries.peerableVpcs.has(vpc)) continue;
        // Refused beside a VPC that peers elsewhere: the other one is at fault, with no more requests.
        const partner = pair[0] === vpc ? pair[1] : pair[0];
        const attempt = tries.peerableVpcs.has(partner) ? { created: false as const, answer } : await this.peer(tenant, [known, vpc]);
        if (!attempt.created) {
          throw new StartupProblem(
            `"${tenant.role}.vpcIds" in ${this.file} lists ${vpc}, which the server will not peer as the ${tenant.role}'s (${attempt.answer}): list only VPCs of project ${tenant.projectId}.`,
          );
        }
        tries.peerableVpcs.add(vpc);
      }
    }
  }

  /** The outsider must be party to nothing the run creates: its token must not peer another project's VPCs. */
  private async partyToNothing(outsider: ResolvedTenant, pairs: VpcPair[]): Promise<void> {
    for (const [i, pair] of pairs.entries()) {
      if ((await this.peer(outsider, pair)).created) {
        const owner = i === 0 ? 'requester' : 'accepter';
        throw new StartupProblem(
          `${whereSecretIs(outsider, outsider.token !== undefined ? 'token' : 'ak', this.file)} peered the ${owner}'s VPCs ${pair[0]} and ${pair[1]}, so it is the ${owner} project's: give the outsider a token of a project party to nothing the run creates.`,
        );
      }
    }
  }

  /** When no answer named the accepter's project, a cross-project create names it as the document
   * asks (`accept_vpc_info.tenant_id`), as the tests will: refused, its projectId is wrong. */
  private async accepterProjectTaken(
    requester: ResolvedTenant,
    accepter: ResolvedTenant,
    requestVpc: string,
    acceptVpc: string,
  ): Promise<void> {
    const attempt = await this.peer(requester, [requestVpc, acceptVpc], accepter.projectId);
    if (!attempt.created) {
      throw new StartupProblem(
        `The server refused a peering from the requester's VPC ${requestVpc} to the accepter's ${acceptVpc} naming "accepter.projectId" ${accepter.projectId} as its tenant_id (${attempt.answer}): set "accepter.projectId" in ${this.file} to the accepter's project.`,
      );
    }
  }
}

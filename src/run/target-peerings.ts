// The peerings between two of a target file's VPCs, as its requester and accepter list them, every
// page: what the pre-flight refuses to start beside, and what `npm run sweep` may delete. One
// reading, so the two can never disagree about which peerings are between the target's VPCs.
import { Transport } from '../http/transport.ts';
import type { SchemaPeering } from '../../generated/vpc-peering.ts';
import { PeeringClient } from '../http/client.ts';
import { ConformanceFailure } from '../http/failure.ts';
import { everyPeering } from '../http/paging.ts';
import { credentialsOf, type ResolvedTenant } from '../document/target-file.ts';

export interface TargetPeering {
  peering: SchemaPeering;
  /** A client of a tenant that listed it, which may delete it. */
  client: PeeringClient;
}

/** Fails with one line naming the tenant whose list call failed or was refused, and why. One wire
 * for every tenant, as in the sweep: an operation that missed its deadline twice is not waited on
 * again; the pre-flight hands over its own, which records what it sends. */
export async function peeringsBetweenTargetVpcs(
  baseUrl: string,
  tenants: ResolvedTenant[],
  deadlineMs?: number,
  transport = new Transport(),
): Promise<TargetPeering[]> {
  const targetVpcs = new Set(tenants.flatMap((t) => t.vpcIds));
  const found = new Map<string, TargetPeering>();
  for (const tenant of tenants.filter((t) => t.role !== 'outsider')) {
    const client = new PeeringClient(baseUrl, credentialsOf(tenant), { transport, ...(deadlineMs !== undefined && { deadlineMs }) });
    const listed = await everyPeering(client, {}, (reply) => {
      if (reply.status !== 200) throw new Error(`listing the ${tenant.role}'s peerings answered ${reply.status}`);
      return reply.data!;
    }).catch((error: Error) => {
      // The client's own failures (no answer, a body that breaks the document) span many lines.
      throw error instanceof ConformanceFailure
        ? new Error(`could not list the ${tenant.role}'s peerings at ${baseUrl}: ${error.message.split('\n')[0]}`)
        : error;
    });
    for (const peering of listed.peerings) {
      const between = targetVpcs.has(peering.request_vpc_info.vpc_id) && targetVpcs.has(peering.accept_vpc_info.vpc_id);
      if (between && !found.has(peering.id)) found.set(peering.id, { peering, client });
    }
  }
  return [...found.values()];
}

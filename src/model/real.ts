// The system under test as the commands reach it, built from a conformance test's fixture: each
// tenant's validating client and project, the outsider's when the target names one, and the
// pairs a sequence works on.
import type { PeeringClient } from '../http/client.ts';
import { runContext, type Api } from '../suite/api.ts';
import type { TenantRole } from '../document/target-file.ts';
import type { Model, Real } from './model.ts';

export function realOf(api: Api): { roles: TenantRole[]; real: Real } {
  const clients = new Map<TenantRole, PeeringClient>([
    ['requester', api.requester],
    ['accepter', api.accepter],
  ]);
  if (api.target.tenants.some((t) => t.role === 'outsider')) clients.set('outsider', api.outsider);
  const tenants = new Map(api.target.tenants.map((t) => [t.role, t]));
  const real: Real = {
    client: (role) => clients.get(role)!,
    tenant: (role) => tenants.get(role)!,
    settled: (check) => api.settled(check),
    settleMs: runContext.settleMs,
  };
  return { roles: [...clients.keys()], real };
}

/** Two same-project and two cross-project pairs, leased for the whole test: every status and
 * every refusal meets a pair, and a pair is often already held when a create comes. */
export async function lifecyclePairs(api: Api): Promise<Model['pairs']> {
  return [
    { label: 'same-1', pair: await api.lease('same') },
    { label: 'same-2', pair: await api.lease('same') },
    { label: 'cross-1', pair: await api.lease('cross') },
    { label: 'cross-2', pair: await api.lease('cross') },
  ];
}

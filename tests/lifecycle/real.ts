// The system under test as the commands reach it, built from a conformance test's fixture: each
// tenant's validating client and project, the outsider's when the target names one.
import type { PeeringClient } from '../support/client.ts';
import type { Api } from '../support/conformance.ts';
import type { TenantRole } from '../support/target-file.ts';
import type { Real } from './model.ts';

export function realOf(api: Api): { roles: TenantRole[]; real: Real } {
  const clients = new Map<TenantRole, PeeringClient>([['requester', api.requester], ['accepter', api.accepter]]);
  if (api.target.tenants.some((t) => t.role === 'outsider')) clients.set('outsider', api.outsider);
  const tenants = new Map(api.target.tenants.map((t) => [t.role, t]));
  const real: Real = { client: (role) => clients.get(role)!, tenant: (role) => tenants.get(role)!, settled: (check) => api.settled(check) };
  return { roles: [...clients.keys()], real };
}

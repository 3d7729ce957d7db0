// A peering as the model holds one, made up for the model's self-tests: #1, which the requester
// asked of the accepter across projects, pending unless `over` says otherwise.
import type { VpcPair } from '../run/leases.ts';
import type { ResolvedTenant } from '../document/target-file.ts';
import type { ModelPeering } from './model.ts';

export const requesterTenant: ResolvedTenant = { role: 'requester', projectId: 'project-a', vpcIds: ['vpc-a', 'vpc-c'] };
const accepterTenant: ResolvedTenant = { role: 'accepter', projectId: 'project-b', vpcIds: ['vpc-b'] };
export const CROSS: VpcPair = { kind: 'cross', requestVpc: 'vpc-a', acceptVpc: 'vpc-b', acceptTenant: accepterTenant };

export const modelPeering = (over: Partial<ModelPeering> = {}): ModelPeering => ({
  label: '#1',
  id: 'p1',
  pair: CROSS,
  requestVpc: 'vpc-a',
  acceptVpc: 'vpc-b',
  requestedBy: 'requester',
  answeredBy: 'accepter',
  status: 'PENDING_ACCEPTANCE',
  name: 'cf-test-a',
  description: '',
  deleted: false,
  stamp: { created_at: '2026-12-07T00:00:00', request_tenant: 'project-a', accept_tenant: 'project-b' },
  ...over,
});

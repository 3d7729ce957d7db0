// Create bodies for a leased pair, valid unless a test changes them: the peer's tenant_id is
// given exactly when the peer VPC belongs to another project, as the create page requires.
import type { SchemaCreatePeeringRequest } from '../../generated/vpc-peering.ts';
import type { VpcPair } from '../run/leases.ts';

type CreateFields = SchemaCreatePeeringRequest['peering'];

export function peeringBetween(pair: VpcPair, fields: { name: string } & Partial<CreateFields>): SchemaCreatePeeringRequest {
  return {
    peering: {
      request_vpc_info: { vpc_id: pair.requestVpc },
      accept_vpc_info:
        pair.kind === 'cross' ? { vpc_id: pair.acceptVpc, tenant_id: pair.acceptTenant.projectId } : { vpc_id: pair.acceptVpc },
      ...fields,
    },
  };
}

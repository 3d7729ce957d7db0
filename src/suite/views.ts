// What of a peering two answers must agree on: every documented field but `updated_at`, which
// any change moves. An absent description reads as empty, as a server may leave an empty one out.
import type { SchemaPeering } from '../../generated/vpc-peering.ts';

export const stableFields = ({ id, name, description = '', status, request_vpc_info, accept_vpc_info, created_at }: SchemaPeering) => ({
  id,
  name,
  description,
  status,
  request_vpc_info,
  accept_vpc_info,
  created_at,
});

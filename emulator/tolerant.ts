// The tolerant variant: a correct server that makes, everywhere the spec is silent, another
// choice than the reference emulator. The suite must pass on it, or it is stricter than the spec.
import { randomBytes } from 'node:crypto';
import { generateTenants, type Tenants, type Tenant } from './tenants.ts';
import { isParty, PeeringStore, type CreateBody, type PeeringRecord, type UpdateBody } from './peerings.ts';
import { refuse, type StoreResult } from './refusals.ts';
import { eachPeering, type JsonBody, type EmulatorReply, type Variant } from './variant.ts';

/** Letters, digits, `-`, `_` and `.`: what some consoles allow, and stricter than the API. */
const SUPPORTED_NAME = /^[A-Za-z0-9_.-]+$/;

const unsupportedName = (name: string | undefined) =>
  name !== undefined && !SUPPORTED_NAME.test(name)
    ? refuse(400, 'InvalidInput', 'The name may hold only letters, digits, -, _ and .')
    : undefined;

/** Another status for one kind of refusal, where the spec leaves the code open. */
function withStatus<T>(outcome: StoreResult<T>, type: string, status: number): StoreResult<T> {
  return !outcome.ok && outcome.refusal.type === type ? { ok: false, refusal: { ...outcome.refusal, status } } : outcome;
}

class TolerantStore extends PeeringStore {
  override create(caller: Tenant, body: CreateBody) {
    return unsupportedName(body.name) ?? withStatus(super.create(caller, body), 'PeeringExists', 409);
  }

  override update(caller: Tenant, id: string, changes: UpdateBody) {
    return unsupportedName(changes.name) ?? super.update(caller, id, changes);
  }

  override accept(caller: Tenant, id: string) {
    return withStatus(super.accept(caller, id), 'Forbidden', 404);
  }

  override reject(caller: Tenant, id: string) {
    return withStatus(super.reject(caller, id), 'Forbidden', 404);
  }

  /** A peering exists for everyone; a tenant party to neither side is forbidden it (403). */
  protected override find(caller: Tenant, id: string): StoreResult<PeeringRecord> {
    const record = this.peerings.get(id);
    return record && !isParty(record, caller)
      ? refuse(403, 'Forbidden', `Peering ${id} belongs to other projects.`)
      : super.find(caller, id);
  }
}

function thirtyTwoHexProjects(): Tenants {
  const tenants = generateTenants();
  for (const tenant of Object.values(tenants)) tenant.projectId = randomBytes(16).toString('hex');
  return tenants;
}

const extendEachPeering = eachPeering((peering) => ({ ...peering, region: 'eu-west-0', route_table_ids: [] }));

/** Fields the document does not name, as real servers add them: on every peering, beside a list,
 * and on the flat peering accept and reject answer. */
function withExtraFields(operationId: string, reply: EmulatorReply): EmulatorReply {
  const extended = extendEachPeering(operationId, reply);
  const body = extended.body as JsonBody | undefined;
  if (extended === reply || !body) return reply;
  if (Array.isArray(body.peerings)) return { ...extended, body: { ...body, request_id: 'r-1' } };
  const flat = operationId === 'acceptVpcPeering' || operationId === 'rejectVpcPeering';
  return flat ? { ...extended, body: { ...body, tenant_id: body.accept_vpc_info?.tenant_id } } : extended;
}

export const TOLERANT: Variant = {
  name: 'tolerant',
  summary:
    '409 for a duplicate pair, 404 for the requester answering its own request, 403 for a tenant party to neither side, 32-hex project IDs, extra fields everywhere, and a stricter name character set',
  store: (tenants, options) => new TolerantStore(tenants, options),
  tenants: thirtyTwoHexProjects,
  reply: withExtraFields,
};

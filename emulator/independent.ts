// The independent variant: a correct server as another team might write it from the same public
// sources. At every point the sources leave open (the `silences` of openapi/requirements.yaml) it
// makes the choice opposite to the reference emulator's, and to the tolerant variant's where the
// two agree. The suite must pass on it, or it holds servers to our emulator's taste.
import type { Tenant } from './tenants.ts';
import { isParty, PeeringStore, sameVpcPair, type CreateBody, type StoreQuery, type PeeringRecord, type UpdateBody } from './peerings.ts';
import { refuse, type StoreResult, type Refusal } from './refusals.ts';
import { eachPeering, type EmulatorReply, type Variant } from './variant.ts';

/** Only these hold a VPC pair: a rejected or expired request leaves it free to be peered again. */
const HOLDS_PAIR = new Set<PeeringRecord['status']>(['PENDING_ACCEPTANCE', 'ACTIVE']);

/** A larger limit is read as the largest page. */
const MAX_LIMIT = 2000;

/** The status this server gives each kind of refusal whose code the sources leave open. */
const CODES: Record<string, number> = {
  PeeringExists: 403,
  SelfPeering: 409,
  VpcNotFound: 400,
  NotYourVpc: 403,
  OwnRequest: 409,
  NotPending: 400,
  NotParty: 400,
};

/** An empty `tenant_id`, as the vendor's Ansible module sends on every create, means "not given". */
function withoutEmptyTenants(body: CreateBody): CreateBody {
  const side = ({ tenant_id, ...info }: CreateBody['request_vpc_info']) => (tenant_id === '' ? info : { ...info, tenant_id });
  return { ...body, request_vpc_info: side(body.request_vpc_info), accept_vpc_info: side(body.accept_vpc_info) };
}

function recoded({ refusal }: { refusal: Refusal }, type: string): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { ...refusal, type, status: CODES[type]! } };
}

class IndependentStore extends PeeringStore {
  override create(caller: Tenant, given: CreateBody) {
    const body = withoutEmptyTenants(given);
    const requestVpc = body.request_vpc_info.vpc_id;
    const acceptVpc = body.accept_vpc_info.vpc_id;
    const outcome = super.create(caller, body);
    if (outcome.ok) return outcome;
    if (this.vpcOwners.get(requestVpc) !== caller.projectId) return recoded(outcome, 'NotYourVpc');
    if (requestVpc === acceptVpc) return recoded(outcome, 'SelfPeering');
    if (outcome.refusal.type === 'VpcNotFound') return recoded(outcome, 'VpcNotFound');
    return outcome.refusal.type === 'PeeringExists' ? recoded(outcome, 'PeeringExists') : outcome;
  }

  protected override pairHolder(a: string, b: string): PeeringRecord | undefined {
    return [...this.peerings.values()].find((p) => sameVpcPair(p, a, b) && HOLDS_PAIR.has(this.withExpiry(p).status));
  }

  /** A marker is a place in the order of IDs: one the caller cannot see still marks where to
   * start. An empty one is no marker. Every full page has a next link, as Neutron writes them,
   * even when nothing remains. */
  override list(caller: Tenant, { marker, limit, ...query }: StoreQuery) {
    if (marker && !this.peerings.has(marker)) return super.list(caller, { ...query, marker });
    const all = super.list(caller, query);
    if (!all.ok) return all;
    const rest = marker ? all.value.peerings.filter((p) => p.id > marker) : all.value.peerings;
    const page = limit ? rest.slice(0, limit) : rest;
    return { ok: true as const, value: { peerings: page, ...(limit && page.length === limit && { nextMarker: page.at(-1)!.id }) } };
  }

  /** The create page bans `<` and `>` in a description; this server bans them on update too. */
  override update(caller: Tenant, id: string, changes: UpdateBody) {
    return /[<>]/.test(changes.description ?? '')
      ? refuse(400, 'InvalidInput', 'A description cannot contain < or >.')
      : super.update(caller, id, changes);
  }

  protected override answer(caller: Tenant, id: string, status: 'ACTIVE' | 'REJECTED') {
    const outcome = super.answer(caller, id, status);
    if (outcome.ok) return outcome;
    return outcome.refusal.type === 'Forbidden'
      ? recoded(outcome, 'OwnRequest')
      : outcome.refusal.type === 'Conflict'
        ? recoded(outcome, 'NotPending')
        : outcome;
  }

  /** A peering the caller is party to neither side of is refused as a bad request, not hidden. */
  protected override find(caller: Tenant, id: string): StoreResult<PeeringRecord> {
    const record = this.peerings.get(id);
    return record && !isParty(record, caller)
      ? refuse(CODES.NotParty!, 'NotParty', `You are party to neither side of peering ${id}.`)
      : super.find(caller, id);
  }
}

const withoutEmptyDescription = eachPeering(({ description, ...peering }) => (description === '' ? peering : { ...peering, description }));

/** Links as the vendor's generic pagination page writes them: a marker and a rel, no href. */
function markerLinks(reply: EmulatorReply): EmulatorReply {
  const body = reply.body as { peerings_links?: { href: string; rel: string }[] } | undefined;
  if (!body?.peerings_links) return reply;
  const links = body.peerings_links.map(({ href, rel }) => ({ marker: new URL(href).searchParams.get('marker')!, rel }));
  return { ...reply, body: { ...body, peerings_links: links } };
}

/** Errors in the shape of the vendor's error-code appendix, `{"code", "message"}`, 401s included. */
function appendixErrors(reply: EmulatorReply): EmulatorReply {
  const body = reply.body as { NeutronError?: { type: string; message: string }; error_code?: string; error_msg?: string } | undefined;
  if (body?.NeutronError) return { ...reply, body: { code: `VPC.${body.NeutronError.type}`, message: body.NeutronError.message } };
  if (body?.error_msg) return { ...reply, body: { code: 'VPC.0008', message: body.error_msg } };
  return reply;
}

export const INDEPENDENT: Variant = {
  name: 'independent',
  summary:
    'the opposite choice at every silent point: an empty tenant_id taken as absent, rejected and expired peerings leave their pair free, ' +
    'an unseen marker is a place to start, unknown filter values match nothing, next links as a marker on every full page, ' +
    '400/403/409 where the others answer 404, a limit over 2000 read as 2000, < and > refused on update, errors as {code, message}, ' +
    'and no empty description',
  store: (tenants, options) => new IndependentStore(tenants, options),
  readsQuery: (name, raw) => (name === 'status' || name === 'name' ? raw : name === 'limit' && /^\d+$/.test(raw) ? MAX_LIMIT : undefined),
  reply: (operationId, reply) =>
    appendixErrors(withoutEmptyDescription(operationId, operationId === 'listVpcPeerings' ? markerLinks(reply) : reply)),
};

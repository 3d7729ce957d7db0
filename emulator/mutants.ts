// The mutant catalogue: emulator variants that each break exactly one requirement, the way a
// real server might. `npm run mutants` runs the suite against every one; a mutant the suite does
// not kill is a requirement the suite does not really check.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { SchemaPeering } from '../generated/vpc-peering.ts';
import type { Tenants, Tenant } from './tenants.ts';
import {
  isParty,
  PeeringStore,
  present,
  sameVpcPair,
  type CreateBody,
  type StoreQuery,
  type PeeringRecord,
  type PeeringStoreOptions,
  type UpdateBody,
} from './peerings.ts';
import { refuse } from './refusals.ts';
import { documentValidators } from '../src/document/validators.ts';
import { eachPeering, type JsonBody, type Variant } from './variant.ts';

const validBody = (operationId: string, body: unknown) => documentValidators().requestBody(operationId)(body);

/** Admits a body of the operation (a create unless told) only when it is invalid and repairing one
 * defect of its `peering` makes it valid, so the mutant lets through exactly one kind of broken body. */
function brokenOnlyBy(repair: (peering: JsonBody) => JsonBody, operationId = 'createVpcPeering') {
  return (op: string, body: unknown) => {
    const peering = (body as { peering?: JsonBody } | undefined)?.peering;
    return (
      op === operationId &&
      typeof peering === 'object' &&
      peering !== null &&
      !validBody(op, body) &&
      validBody(op, { peering: repair(peering) })
    );
  };
}

/** The caller, acting as the project `projectId`: how a mutant lets a tenant do what only a party
 * (or only the other party) may. */
const actingAs = (caller: Tenant, projectId: string): Tenant => ({ ...caller, projectId });

/** A VPC ID as Python's uuid.UUID reads one, and Neutron's is_uuid_like with it: a urn:uuid:
 * prefix, braces, dashes and case are ignored, so IDs that are no UUID name the VPC they spell. */
function readAsUuid(id: unknown): unknown {
  if (typeof id !== 'string') return id;
  const hex = id
    .replaceAll('urn:', '')
    .replaceAll('uuid:', '')
    .replace(/^\{+|\}+$/g, '')
    .replaceAll('-', '')
    .toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return id;
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

const withVpcIdReadAsUuid = (info: unknown) =>
  typeof info === 'object' && info !== null ? { ...info, vpc_id: readAsUuid((info as JsonBody).vpc_id) } : info;

const storeOf = (Store: new (f: Tenants, o: PeeringStoreOptions) => PeeringStore) => (f: Tenants, o: PeeringStoreOptions) =>
  new Store(f, o);
/** A store whose new peerings all start in one status, whoever owns the peer VPC. */
const everyPeeringStartsAs = (status: PeeringRecord['status']) =>
  storeOf(
    class extends PeeringStore {
      protected override insert(caller: Tenant, body: CreateBody, acceptProject: string): PeeringRecord {
        const record = super.insert(caller, body, acceptProject);
        record.status = status;
        return record;
      }
    },
  );

/** How long after its check a race mutant's write lands, and so how long it holds each answer:
 * requests sent together fall into the window, requests sent one after another never do. */
const RACE_WINDOW_MS = 10;

const codePoints = (text: unknown) => (typeof text === 'string' ? [...text].length : 0);
const nameWithinBounds = (name: string) => codePoints(name) >= 1 && codePoints(name) <= 64;

/** A stored name, one character off: wrong, yet within the document's 64 characters, so that only a
 * comparison with the peering stored can tell. */
const oneCharacterOff = (name: string) => (codePoints(name) < 64 ? `${name}x` : [...name].slice(0, -1).join(''));

/** A store that can delete a peering on a request nobody could be identified for: as its requester. */
class DeletesUnasked extends PeeringStore {
  constructor(
    private readonly tenants: Tenants,
    options: PeeringStoreOptions,
  ) {
    super(tenants, options);
  }

  deleteUnasked(id: string): void {
    const requestProject = this.peerings.get(id)?.request.projectId;
    const requester = Object.values(this.tenants).find((t) => t.projectId === requestProject);
    if (requester) this.delete(requester, id);
  }
}

/** The peering a credential-less DELETE names, if the request is one. */
function uncredentialedDeleteOf(req: IncomingMessage): string | undefined {
  if (req.method !== 'DELETE' || req.headers['x-auth-token'] || req.headers.authorization) return undefined;
  const id = /^\/v2\.0\/vpc\/peerings\/([^/?]+)$/.exec(req.url?.split('?')[0] ?? '')?.[1];
  return id && decodeURIComponent(id);
}

/** Answers a DELETE without credentials 401, as the reference does, after deleting the peering it
 * names: a gateway that refuses the call but lets it through to the back end. The interceptor
 * reaches the store of the emulator this variant last started; a run starts one. */
function deletesWithoutCredentials(): Variant {
  let store: DeletesUnasked | undefined;
  return {
    name: 'unauthenticated-delete-deletes',
    breaks: 'PEER-AUTH-001',
    summary:
      'answers a DELETE without a token 401 with the usual body, yet deletes the peering (in the background when eventually consistent)',
    store: (tenants, options) => (store = new DeletesUnasked(tenants, options)),
    intercept: (req) => {
      const id = uncredentialedDeleteOf(req);
      if (id) store?.deleteUnasked(id);
      return undefined;
    },
  };
}

export const MUTANTS: Variant[] = [
  {
    name: 'name-65-accepted',
    breaks: 'PEER-CREATE-004',
    summary: 'accepts a 65-character name',
    admits: brokenOnlyBy((p) => (codePoints(p.name) === 65 ? { ...p, name: [...p.name].slice(0, 64).join('') } : p)),
  },
  {
    name: 'cross-create-unvalidated',
    breaks: 'PEER-CREATE-004',
    summary: 'accepts a name of 0 or more than 64 characters on a cross-project create, and stores it as sent',
    admits: brokenOnlyBy((p) => (typeof p.name === 'string' && !nameWithinBounds(p.name) ? { ...p, name: 'n' } : p)),
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          const acceptProject = this.vpcOwners.get(body.accept_vpc_info.vpc_id);
          const crossProject =
            this.vpcOwners.get(body.request_vpc_info.vpc_id) === caller.projectId &&
            acceptProject !== undefined &&
            acceptProject !== caller.projectId;
          return crossProject || nameWithinBounds(body.name)
            ? super.create(caller, body)
            : refuse(400, 'InvalidInput', 'Invalid input: the name must have 1 to 64 characters.');
        }
      },
    ),
  },
  {
    name: 'name-truncated',
    breaks: 'PEER-CREATE-005',
    summary: 'silently truncates names to 32 characters',
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          return super.create(caller, { ...body, name: [...body.name].slice(0, 32).join('') });
        }
      },
    ),
  },
  {
    name: 'description-256-accepted',
    breaks: 'PEER-CREATE-007',
    // Cut as a column of 255 characters cuts it: a stored description of 256 would be in every
    // list of the project, and a list cannot tell whether a create or an update (PEER-UPDATE-003)
    // let it in. update-description-truncated does the same on update.
    summary: 'accepts a 256-character description on create, silently cut to 255',
    admits: brokenOnlyBy((p) => (codePoints(p.description) === 256 ? { ...p, description: [...p.description].slice(0, 255).join('') } : p)),
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          const { description } = body;
          return super.create(caller, description === undefined ? body : { ...body, description: [...description].slice(0, 255).join('') });
        }
      },
    ),
  },
  {
    name: 'description-brackets-accepted',
    breaks: 'PEER-CREATE-008',
    summary: 'accepts < and > in a description',
    admits: brokenOnlyBy((p) => (typeof p.description === 'string' ? { ...p, description: p.description.replace(/[<>]/g, '-') } : p)),
  },
  {
    name: 'nameless-create-named',
    breaks: 'PEER-CREATE-003',
    summary: 'accepts a create without `name`, and names the peering itself',
    admits: brokenOnlyBy((p) => (p.name === undefined ? { ...p, name: 'n' } : p)),
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          const { name } = body as Partial<CreateBody>;
          return super.create(caller, { ...body, name: name ?? `peering-${randomUUID().slice(0, 8)}` });
        }
      },
    ),
  },
  {
    name: 'missing-vpc-404',
    breaks: 'PEER-CREATE-009',
    summary: 'answers a create missing a vpc_info, or its vpc_id, with 404 (it looks the VPC up and finds none), not 400',
    admits: brokenOnlyBy((p) => ({
      ...p,
      request_vpc_info: { vpc_id: randomUUID(), ...p.request_vpc_info },
      accept_vpc_info: { vpc_id: randomUUID(), ...p.accept_vpc_info },
    })),
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          const sides = [body.request_vpc_info, body.accept_vpc_info] as (Partial<CreateBody['request_vpc_info']> | undefined)[];
          return sides.every((side) => side?.vpc_id !== undefined)
            ? super.create(caller, body)
            : refuse(404, 'VpcNotFound', 'VPC None could not be found.');
        }
      },
    ),
  },
  {
    name: 'vpc-id-read-as-uuid',
    breaks: 'PEER-CREATE-010',
    summary:
      "reads a vpc_id as Python's uuid.UUID does, so one in braces, with a urn:uuid: prefix or without dashes names the VPC it spells",
    admits: brokenOnlyBy((p) => ({
      ...p,
      request_vpc_info: withVpcIdReadAsUuid(p.request_vpc_info),
      accept_vpc_info: withVpcIdReadAsUuid(p.accept_vpc_info),
    })),
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          return super.create(caller, {
            ...body,
            request_vpc_info: withVpcIdReadAsUuid(body.request_vpc_info) as CreateBody['request_vpc_info'],
            accept_vpc_info: withVpcIdReadAsUuid(body.accept_vpc_info) as CreateBody['accept_vpc_info'],
          });
        }
      },
    ),
  },
  {
    name: 'same-project-needs-tenant',
    breaks: 'PEER-CREATE-013',
    summary: "refuses, with 400, every create without accept_vpc_info.tenant_id, between two of the caller's own VPCs too",
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          return body.accept_vpc_info.tenant_id === undefined
            ? refuse(400, 'InvalidInput', 'Invalid input for accept_vpc_info: tenant_id is mandatory.')
            : super.create(caller, body);
        }
      },
    ),
  },
  {
    name: 'cross-project-without-tenant',
    breaks: 'PEER-CREATE-011',
    summary: 'creates a cross-project peering without accept_vpc_info.tenant_id',
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          const owner = this.vpcOwners.get(body.accept_vpc_info.vpc_id);
          const filled =
            body.accept_vpc_info.tenant_id === undefined && owner ? { ...body.accept_vpc_info, tenant_id: owner } : body.accept_vpc_info;
          return super.create(caller, { ...body, accept_vpc_info: filled });
        }
      },
    ),
  },
  {
    name: 'wrong-tenant-accepted',
    breaks: 'PEER-CREATE-012',
    summary: 'accepts a peer tenant_id that does not own the peer VPC',
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          const owner = this.vpcOwners.get(body.accept_vpc_info.vpc_id);
          const given = body.accept_vpc_info.tenant_id;
          // Not an empty one: whether "" names a tenant or none is left open (SILENCE-002), so a
          // cross-project create accepting it breaks PEER-CREATE-012 on one reading and
          // PEER-CREATE-011 on the other, and the suite rightly cannot tell which.
          return super.create(caller, given && owner ? { ...body, accept_vpc_info: { ...body.accept_vpc_info, tenant_id: owner } } : body);
        }
      },
    ),
  },
  {
    name: 'same-project-pending',
    breaks: 'PEER-CREATE-014',
    summary: 'leaves a same-project peering PENDING_ACCEPTANCE',
    store: everyPeeringStartsAs('PENDING_ACCEPTANCE'),
  },
  {
    name: 'cross-project-active',
    breaks: 'PEER-CREATE-015',
    summary: 'makes a cross-project peering ACTIVE without acceptance',
    store: everyPeeringStartsAs('ACTIVE'),
  },
  {
    name: 'description-dropped',
    breaks: 'PEER-CREATE-016',
    summary: 'does not store the description given on create',
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, { description: _, ...body }: CreateBody) {
          return super.create(caller, body);
        }
      },
    ),
  },
  {
    name: 'duplicate-pair-allowed',
    breaks: 'PEER-CREATE-017',
    // PEER-RACE-001 holds creates sent at once on one pair to the same: "at most one succeeds". A
    // server that never checks the pair lets two creates sent at once both succeed, which a batch
    // cannot tell from a check that lost a race (racy-duplicate-check): its answers are the same.
    consequences: ['PEER-RACE-001'],
    summary: 'allows a second peering between the same two VPCs',
    store: storeOf(
      class extends PeeringStore {
        protected override pairHolder(): PeeringRecord | undefined {
          return undefined;
        }
      },
    ),
  },
  {
    name: 'self-peering-allowed',
    breaks: 'PEER-CREATE-018',
    summary: 'peers a VPC with itself',
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          if (
            body.request_vpc_info.vpc_id !== body.accept_vpc_info.vpc_id ||
            this.vpcOwners.get(body.request_vpc_info.vpc_id) !== caller.projectId
          )
            return super.create(caller, body);
          return { ok: true as const, value: present(this.insert(caller, body, caller.projectId)) };
        }
      },
    ),
  },
  {
    name: 'unknown-peer-vpc-allowed',
    breaks: 'PEER-CREATE-019',
    summary: 'peers with a VPC that does not exist',
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          if (!this.vpcOwners.has(body.accept_vpc_info.vpc_id)) this.vpcOwners.set(body.accept_vpc_info.vpc_id, caller.projectId);
          return super.create(caller, body);
        }
      },
    ),
  },
  {
    name: 'foreign-request-vpc-allowed',
    breaks: 'PEER-CREATE-020',
    summary: "lets a caller peer from another project's VPC",
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          const owner = this.vpcOwners.get(body.request_vpc_info.vpc_id);
          if (owner === undefined || owner === caller.projectId) return super.create(caller, body);
          const acceptProject = this.vpcOwners.get(body.accept_vpc_info.vpc_id) ?? caller.projectId;
          return { ok: true as const, value: present(this.insert(caller, body, acceptProject)) };
        }
      },
    ),
  },
  {
    name: 'refused-create-persisted',
    breaks: 'PEER-CREATE-021',
    // REJECTED and holding no pair, so that only a look for what the refusal left finds it: a
    // peering that held the pair would refuse the next test's create there, for another rule.
    summary:
      'refuses a wrong or missing peer tenant_id with 400, but keeps the peering it had begun, REJECTED: listed to its parties, holding no VPC pair',
    store: storeOf(
      class extends PeeringStore {
        private readonly keptThoughRefused = new Set<string>();

        override create(caller: Tenant, body: CreateBody) {
          const outcome = super.create(caller, body);
          const owner = this.vpcOwners.get(body.accept_vpc_info.vpc_id);
          if (
            !outcome.ok &&
            outcome.refusal.type === 'InvalidInput' &&
            owner &&
            this.vpcOwners.get(body.request_vpc_info.vpc_id) === caller.projectId &&
            body.request_vpc_info.vpc_id !== body.accept_vpc_info.vpc_id
          ) {
            const kept = this.insert(caller, body, owner);
            kept.status = 'REJECTED';
            this.keptThoughRefused.add(kept.id);
          }
          return outcome;
        }

        protected override pairHolder(a: string, b: string): PeeringRecord | undefined {
          return [...this.peerings.values()].find((p) => !this.keptThoughRefused.has(p.id) && sameVpcPair(p, a, b));
        }
      },
    ),
  },
  {
    name: 'create-answers-200',
    breaks: 'PEER-CREATE-001',
    // A code the operation does not list breaks the rule of listed codes in the same answer.
    consequences: ['PEER-ERR-002'],
    summary: 'answers a create with 200 instead of 201',
    reply: (op, reply) => (op === 'createVpcPeering' && reply.status === 201 ? { ...reply, status: 200 } : reply),
  },
  {
    name: 'create-unwrapped',
    breaks: 'PEER-CREATE-001',
    summary: 'answers a create with the peering flat, not wrapped',
    reply: (op, reply) =>
      op === 'createVpcPeering' && reply.status === 201 ? { ...reply, body: (reply.body as JsonBody).peering } : reply,
  },
  {
    name: 'unwrapped-body-404',
    breaks: 'PEER-CREATE-002',
    // A code the document lists for create: an unlisted one (422) would break PEER-ERR-002 as well.
    summary: 'refuses a create body without `peering` with 404, as a router that finds no resource named in the body',
    admits: (op, body) => op === 'createVpcPeering' && typeof body === 'object' && body !== null && !('peering' in body),
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody | undefined) {
          return body ? super.create(caller, body) : refuse(404, 'HTTPNotFound', 'The resource could not be found.');
        }
      },
    ),
  },
  {
    name: 'id-not-uuid',
    breaks: 'PEER-OBJ-002',
    summary: 'gives peerings ids that are not UUIDs',
    store: storeOf(
      class extends PeeringStore {
        private next = 0;
        protected override newId(): string {
          return `peering-${++this.next}`;
        }
      },
    ),
  },
  {
    name: 'status-lowercase',
    breaks: 'PEER-OBJ-003',
    summary: 'writes statuses in lower case',
    reply: eachPeering((p) => ({ ...p, status: String(p.status).toLowerCase() })),
  },
  {
    name: 'timestamps-zoned',
    breaks: 'PEER-OBJ-004',
    summary: 'writes timestamps with a zone designator',
    reply: eachPeering((p) => ({ ...p, created_at: `${p.created_at}Z`, updated_at: `${p.updated_at}Z` })),
  },
  {
    name: 'update-answer-partial',
    breaks: 'PEER-OBJ-001',
    consequences: ['PEER-UPDATE-001'],
    summary:
      "answers an update with the peering's id, name, description and status only, without its vpc_infos (an answer that is not the peering, as PEER-UPDATE-001 needs it, either)",
    reply: (op, reply) => {
      if (op !== 'updateVpcPeering' || reply.status !== 200) return reply;
      const { id, name, description, status } = (reply.body as JsonBody).peering;
      return { ...reply, body: { peering: { id, name, description, status } } };
    },
  },
  {
    name: 'outsider-sees-list',
    breaks: 'PEER-LIST-003',
    summary: 'lists every peering to a tenant party to none',
    store: storeOf(
      class extends PeeringStore {
        override list(caller: Tenant, query: StoreQuery) {
          const own = super.list(caller, query);
          if (!own.ok || own.value.peerings.length > 0) return own;
          return { ok: true as const, value: { peerings: [...this.peerings.values()].filter((p) => !isParty(p, caller)).map(present) } };
        }
      },
    ),
  },
  {
    name: 'outsider-sees-lagging-list',
    breaks: 'PEER-LIST-003',
    // When lists do not lag, there is no lag to leak behind: the leak shows at once, and the mutant
    // is then caught as plainly as outsider-sees-list; its point is the eventually consistent run.
    summary:
      "lists, to a tenant party to neither side, other projects' peerings once they are older than the list lag (at once when consistent)",
    store: storeOf(
      class extends PeeringStore {
        override list(caller: Tenant, query: StoreQuery) {
          const own = super.list(caller, query);
          if (!own.ok || own.value.nextMarker) return own;
          const lagMs = this.options.consistency?.listLagMs ?? 0;
          const now = this.options.clock.now();
          const leaking = this.listable().filter((p) => !isParty(p, caller) && now - p.createdAt >= lagMs);
          const leakingIds = new Set(leaking.map((p) => p.id));
          // Each leaked peering passes the query's filters as its requester's list would pass it.
          const leaked = new Map<string, SchemaPeering>();
          for (const projectId of new Set(leaking.map((p) => p.request.projectId))) {
            const theirs = super.list({ ...caller, projectId }, { ...query, marker: undefined, limit: undefined });
            for (const p of theirs.ok ? theirs.value.peerings : []) if (leakingIds.has(p.id)) leaked.set(p.id, p);
          }
          const peerings = [...own.value.peerings, ...leaked.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
          return { ok: true as const, value: { peerings } };
        }
      },
    ),
  },
  {
    name: 'status-filter-ignored',
    breaks: 'PEER-LIST-004',
    summary: 'ignores the status filter of list',
    store: storeOf(
      class extends PeeringStore {
        override list(caller: Tenant, { status: _, ...query }: StoreQuery) {
          return super.list(caller, query);
        }
      },
    ),
  },
  {
    name: 'flaky-status-filter',
    breaks: 'PEER-LIST-004',
    summary: 'ignores the status filter of every other list that has one, the first included',
    store: storeOf(
      class extends PeeringStore {
        private statusFilteredLists = 0;

        override list(caller: Tenant, query: StoreQuery) {
          const { status, ...unfiltered } = query;
          return status !== undefined && this.statusFilteredLists++ % 2 === 0 ? super.list(caller, unfiltered) : super.list(caller, query);
        }
      },
    ),
  },
  {
    name: 'limit-ignored',
    breaks: 'PEER-LIST-006',
    summary: 'ignores the limit of list',
    store: storeOf(
      class extends PeeringStore {
        override list(caller: Tenant, { limit: _, ...query }: StoreQuery) {
          return super.list(caller, query);
        }
      },
    ),
  },
  {
    name: 'list-descending',
    breaks: 'PEER-LIST-007',
    summary: 'lists peerings in descending order of id',
    store: storeOf(
      class extends PeeringStore {
        override list(caller: Tenant, query: StoreQuery) {
          const page = super.list(caller, query);
          return page.ok ? { ok: true as const, value: { ...page.value, peerings: [...page.value.peerings].reverse() } } : page;
        }
      },
    ),
  },
  {
    name: 'unknown-marker-ignored',
    breaks: 'PEER-LIST-008',
    summary: 'answers an unknown marker with the first page, not 400',
    store: storeOf(
      class extends PeeringStore {
        override list(caller: Tenant, query: StoreQuery) {
          const page = super.list(caller, query);
          return page.ok || query.marker === undefined ? page : super.list(caller, { ...query, marker: undefined });
        }
      },
    ),
  },
  {
    name: 'links-null',
    breaks: 'PEER-LIST-001',
    summary: 'answers a list that has no next page with `"peerings_links": null`, as a Go server marshals a nil slice',
    reply: (op, reply) =>
      op === 'listVpcPeerings' && reply.status === 200 && (reply.body as JsonBody).peerings_links === undefined
        ? { ...reply, body: { ...(reply.body as JsonBody), peerings_links: null } }
        : reply,
  },
  {
    name: 'unfiltered-list-requested-only',
    breaks: 'PEER-LIST-002',
    summary:
      "lists, unless filtered by vpc_id or tenant_id, only the peerings the caller requested: the accepting project's list leaves out the requests made to it",
    store: storeOf(
      class extends PeeringStore {
        override list(caller: Tenant, query: StoreQuery) {
          const page = super.list(caller, query);
          if (!page.ok || query.vpc_id !== undefined || query.tenant_id !== undefined) return page;
          const requested = page.value.peerings.filter((p) => p.request_vpc_info.tenant_id === caller.projectId);
          return { ok: true as const, value: { ...page.value, peerings: requested } };
        }
      },
    ),
  },
  {
    name: 'tenant-filter-ignored',
    breaks: 'PEER-LIST-005',
    summary: 'ignores the tenant_id filter of list',
    store: storeOf(
      class extends PeeringStore {
        override list(caller: Tenant, { tenant_id: _, ...query }: StoreQuery) {
          return super.list(caller, query);
        }
      },
    ),
  },
  {
    name: 'limit-zero-refused',
    breaks: 'PEER-LIST-009',
    summary: 'refuses a list with limit 0 with 400, as if a limit ran from 1 to 2000',
    store: storeOf(
      class extends PeeringStore {
        override list(caller: Tenant, query: StoreQuery) {
          return query.limit === 0
            ? refuse(400, 'InvalidInput', 'Invalid input for limit: it must be 1 to 2000.')
            : super.list(caller, query);
        }
      },
    ),
  },
  {
    name: 'outsider-can-show',
    breaks: 'PEER-SHOW-003',
    summary: 'shows any peering to any tenant',
    store: storeOf(
      class extends PeeringStore {
        override show(caller: Tenant, id: string) {
          const record = this.peerings.get(id);
          return record ? { ok: true as const, value: present(record) } : super.show(caller, id);
        }
      },
    ),
  },
  {
    name: 'status-flaky-read',
    breaks: 'PEER-SHOW-002',
    // A show is where PEER-CREATE-005 returns the name sent, and where PEER-UPDATE-006's later show agrees.
    consequences: ['PEER-CREATE-005', 'PEER-UPDATE-006'],
    summary: 'shows every other peering it shows, the first included, with a name one character off the stored one',
    store: storeOf(
      class extends PeeringStore {
        private shows = 0;

        override show(caller: Tenant, id: string) {
          const shown = super.show(caller, id);
          return shown.ok && this.shows++ % 2 === 0
            ? { ok: true as const, value: { ...shown.value, name: oneCharacterOff(shown.value.name) } }
            : shown;
        }
      },
    ),
  },
  {
    name: 'show-unwrapped',
    breaks: 'PEER-SHOW-001',
    summary: 'answers a show with the peering flat, not wrapped in `peering`',
    reply: (op, reply) => (op === 'showVpcPeering' && reply.status === 200 ? { ...reply, body: (reply.body as JsonBody).peering } : reply),
  },
  {
    name: 'unknown-id-400',
    breaks: 'PEER-SHOW-004',
    summary: 'answers a show of an ID it never issued with 400, as an invalid ID; a deleted peering is still 404',
    store: storeOf(
      class extends PeeringStore {
        private readonly issued = new Set<string>();

        protected override newId(): string {
          const id = super.newId();
          this.issued.add(id);
          return id;
        }

        override show(caller: Tenant, id: string) {
          return this.issued.has(id)
            ? super.show(caller, id)
            : refuse(400, 'InvalidInput', `Invalid input for peering_id: ${id} is no peering ID.`);
        }
      },
    ),
  },
  {
    name: 'accepter-cannot-update',
    breaks: 'PEER-UPDATE-005',
    summary: 'refuses updates from the accepting project once the peering is no longer PENDING_ACCEPTANCE',
    store: storeOf(
      class extends PeeringStore {
        override update(caller: Tenant, id: string, changes: UpdateBody) {
          const found = this.find(caller, id);
          if (found.ok && found.value.request.projectId !== caller.projectId && found.value.status !== 'PENDING_ACCEPTANCE')
            return refuse(403, 'Forbidden', 'Only the requester may update.');
          return super.update(caller, id, changes);
        }
      },
    ),
  },
  {
    name: 'update-resets-description',
    breaks: 'PEER-UPDATE-006',
    // PEER-RACE-004 holds updates sent at once to the same: "each changing exactly its own fields".
    // A name-only update sent with one that sets the description, and landing after it, leaves the
    // description cleared, which no order of correct updates leaves; and a batch cannot tell that
    // from a lost update (racy-update-merge), whose answers and end state are the same.
    consequences: ['PEER-RACE-004'],
    summary: 'clears the description when only the name is updated',
    store: storeOf(
      class extends PeeringStore {
        override update(caller: Tenant, id: string, changes: UpdateBody) {
          return super.update(caller, id, { ...changes, description: changes.description ?? '' });
        }
      },
    ),
  },
  {
    name: 'update-unwrapped',
    breaks: 'PEER-UPDATE-001',
    summary: 'answers an update with the peering flat, not wrapped in `peering`',
    reply: (op, reply) =>
      op === 'updateVpcPeering' && reply.status === 200 ? { ...reply, body: (reply.body as JsonBody).peering } : reply,
  },
  {
    name: 'update-name-unchecked',
    breaks: 'PEER-UPDATE-002',
    summary: 'answers an update to a name of 0 or more than 64 characters with 200, and keeps the name it had',
    admits: brokenOnlyBy((p) => (typeof p.name === 'string' && !nameWithinBounds(p.name) ? { ...p, name: 'n' } : p), 'updateVpcPeering'),
    store: storeOf(
      class extends PeeringStore {
        override update(caller: Tenant, id: string, { name, ...changes }: UpdateBody) {
          return super.update(caller, id, (name !== undefined && nameWithinBounds(name) ? { ...changes, name } : changes) as UpdateBody);
        }
      },
    ),
  },
  {
    name: 'update-description-truncated',
    breaks: 'PEER-UPDATE-003',
    summary: 'takes an update to a description of more than 255 characters, silently cut to 255',
    admits: brokenOnlyBy(
      (p) => (codePoints(p.description) > 255 ? { ...p, description: [...p.description].slice(0, 255).join('') } : p),
      'updateVpcPeering',
    ),
    store: storeOf(
      class extends PeeringStore {
        override update(caller: Tenant, id: string, changes: UpdateBody) {
          const { description } = changes;
          return super.update(
            caller,
            id,
            description === undefined ? changes : { ...changes, description: [...description].slice(0, 255).join('') },
          );
        }
      },
    ),
  },
  {
    name: 'empty-update-accepted',
    breaks: 'PEER-UPDATE-004',
    summary: 'answers an update without `peering`, or with neither name nor description, with 200 and the peering unchanged',
    admits: (op, body) => {
      const peering = (body as { peering?: unknown } | null)?.peering;
      const nothingToChange = typeof peering !== 'object' || peering === null || !('name' in peering || 'description' in peering);
      return op === 'updateVpcPeering' && typeof body === 'object' && body !== null && nothingToChange && !validBody(op, body);
    },
    store: storeOf(
      class extends PeeringStore {
        override update(caller: Tenant, id: string, changes: UpdateBody | undefined) {
          if (changes?.name === undefined && changes?.description === undefined) return this.show(caller, id);
          return super.update(caller, id, changes);
        }
      },
    ),
  },
  {
    name: 'outsider-can-update',
    breaks: 'PEER-UPDATE-007',
    summary: "applies a tenant party to neither side's update of a peering, and answers it 200",
    store: storeOf(
      class extends PeeringStore {
        override update(caller: Tenant, id: string, changes: UpdateBody) {
          const record = this.peerings.get(id);
          return super.update(record && !isParty(record, caller) ? actingAs(caller, record.request.projectId) : caller, id, changes);
        }
      },
    ),
  },
  {
    name: 'requester-accepts-own',
    breaks: 'PEER-ACCEPT-003',
    // Accepts only: letting the requester answer at all (mayAnswer) let it reject its own request
    // too, which is PEER-REJECT-003's mutant, requester-rejects-own.
    summary: 'lets the requester accept its own request',
    store: storeOf(
      class extends PeeringStore {
        override accept(caller: Tenant, id: string) {
          const record = this.peerings.get(id);
          const ownRequest = record?.request.projectId === caller.projectId;
          return super.accept(record && ownRequest ? actingAs(caller, record.accept.projectId) : caller, id);
        }
      },
    ),
  },
  {
    name: 'rejected-can-be-accepted',
    // A rejected peering accepted becomes ACTIVE, which PEER-REJECT-002 forbids; PEER-ACCEPT-004's
    // words leave that case to it. accept-repeated breaks PEER-ACCEPT-004.
    breaks: 'PEER-REJECT-002',
    // PEER-RACE-002: "an accept and a reject never both succeed", which a reject and an accept sent
    // together do whenever the reject lands first.
    consequences: ['PEER-RACE-002'],
    summary: 'accepts a peering that was rejected',
    store: storeOf(
      class extends PeeringStore {
        override accept(caller: Tenant, id: string) {
          const found = this.find(caller, id);
          if (found.ok && found.value.status === 'REJECTED') found.value.status = 'PENDING_ACCEPTANCE';
          return super.accept(caller, id);
        }
      },
    ),
  },
  {
    name: 'accept-repeated',
    breaks: 'PEER-ACCEPT-004',
    summary: 'answers an accept of an ACTIVE peering by its accepter 200, as if idempotent, and leaves it ACTIVE',
    store: storeOf(
      class extends PeeringStore {
        override accept(caller: Tenant, id: string) {
          const found = this.find(caller, id);
          const again = found.ok && found.value.status === 'ACTIVE' && found.value.accept.projectId === caller.projectId;
          return again ? { ok: true as const, value: present(found.value) } : super.accept(caller, id);
        }
      },
    ),
  },
  {
    name: 'accept-wrapped',
    breaks: 'PEER-ACCEPT-001',
    summary: 'answers accept with the peering wrapped in `peering`',
    reply: (op, reply) => (op === 'acceptVpcPeering' && reply.status === 200 ? { ...reply, body: { peering: reply.body } } : reply),
  },
  {
    name: 'accept-unseen-by-requester',
    breaks: 'PEER-ACCEPT-002',
    // PEER-RACE-002 holds the same for an accept sent together with others: "ACTIVE ... for both parties".
    consequences: ['PEER-RACE-002'],
    summary: "answers an accept ACTIVE, and the accepter sees it so, but the requester's show still gives PENDING_ACCEPTANCE",
    store: storeOf(
      class extends PeeringStore {
        private readonly accepted = new Set<string>();

        override accept(caller: Tenant, id: string) {
          const outcome = super.accept(caller, id);
          if (outcome.ok) this.accepted.add(id);
          return outcome;
        }

        override show(caller: Tenant, id: string) {
          const shown = super.show(caller, id);
          const stale = shown.ok && this.accepted.has(id) && shown.value.request_vpc_info.tenant_id === caller.projectId;
          return stale ? { ok: true as const, value: { ...shown.value, status: 'PENDING_ACCEPTANCE' as const } } : shown;
        }
      },
    ),
  },
  {
    name: 'outsider-can-accept',
    breaks: 'PEER-ACCEPT-005',
    summary: "honours a tenant party to neither side's accept of a pending request, as the accepter's",
    store: storeOf(
      class extends PeeringStore {
        override accept(caller: Tenant, id: string) {
          const record = this.peerings.get(id);
          return super.accept(record && !isParty(record, caller) ? actingAs(caller, record.accept.projectId) : caller, id);
        }
      },
    ),
  },
  {
    name: 'reject-not-persisted',
    breaks: 'PEER-REJECT-002',
    // PEER-RACE-002 holds the same for answers sent together: those that succeeded agree with the state.
    consequences: ['PEER-RACE-002'],
    summary: 'answers a reject with REJECTED but keeps the request pending',
    store: storeOf(
      class extends PeeringStore {
        override reject(caller: Tenant, id: string) {
          const outcome = super.reject(caller, id);
          if (outcome.ok) this.peerings.get(id)!.status = 'PENDING_ACCEPTANCE';
          return outcome;
        }
      },
    ),
  },
  {
    name: 'reject-wrapped',
    breaks: 'PEER-REJECT-001',
    summary: 'answers reject with the peering wrapped in `peering`',
    reply: (op, reply) => (op === 'rejectVpcPeering' && reply.status === 200 ? { ...reply, body: { peering: reply.body } } : reply),
  },
  {
    name: 'requester-rejects-own',
    breaks: 'PEER-REJECT-003',
    summary: 'lets the requester reject its own request, as if withdrawing it',
    store: storeOf(
      class extends PeeringStore {
        override reject(caller: Tenant, id: string) {
          const record = this.peerings.get(id);
          const ownRequest = record?.request.projectId === caller.projectId;
          return super.reject(record && ownRequest ? actingAs(caller, record.accept.projectId) : caller, id);
        }
      },
    ),
  },
  {
    name: 'deleted-still-listed',
    breaks: 'PEER-DELETE-003',
    // Show and the pair stay right: a deleted peering still shown would break PEER-SHOW-004 too, and
    // one still holding its pair would refuse the next test's create there.
    summary:
      'lists a deleted peering, DELETED, to a list filtered by its id, as a lookup that reads soft-deleted rows; show, unfiltered lists and the VPC pair are right',
    store: storeOf(
      class extends PeeringStore {
        private readonly softDeleted = new Map<string, PeeringRecord>();

        override delete(caller: Tenant, id: string) {
          const found = this.find(caller, id);
          const outcome = super.delete(caller, id);
          if (outcome.ok && found.ok) this.softDeleted.set(id, { ...found.value, status: 'DELETED' });
          return outcome;
        }

        override list(caller: Tenant, query: StoreQuery) {
          const page = super.list(caller, query);
          const row = query.id === undefined ? undefined : this.softDeleted.get(query.id);
          if (!page.ok || page.value.peerings.length > 0 || !row || !isParty(row, caller)) return page;
          return { ok: true as const, value: { peerings: [present(row)] } };
        }
      },
    ),
  },
  {
    name: 'outsider-can-delete',
    breaks: 'PEER-DELETE-004',
    summary: 'lets a tenant party to neither side delete a peering',
    store: storeOf(
      class extends PeeringStore {
        override delete(caller: Tenant, id: string) {
          return this.peerings.delete(id) ? { ok: true as const, value: undefined } : super.delete(caller, id);
        }
      },
    ),
  },
  {
    name: 'delete-answers-200',
    breaks: 'PEER-DELETE-001',
    // A code the operation does not list breaks the rule of listed codes in the same answer.
    consequences: ['PEER-ERR-002'],
    summary: 'answers a delete with 200 and a body',
    reply: (op, reply) => (op === 'deleteVpcPeering' && reply.status === 204 ? { status: 200, body: {} } : reply),
  },
  {
    name: 'accepter-cannot-delete-active',
    breaks: 'PEER-DELETE-002',
    summary: "refuses, with 403, the accepting project's delete of an ACTIVE peering: only its requester may tear a connection down",
    store: storeOf(
      class extends PeeringStore {
        override delete(caller: Tenant, id: string) {
          const found = this.find(caller, id);
          return found.ok && found.value.status === 'ACTIVE' && found.value.request.projectId !== caller.projectId
            ? refuse(403, 'Forbidden', `Peering ${id} is active: only the project that requested it may delete it.`)
            : super.delete(caller, id);
        }
      },
    ),
  },
  {
    name: 'never-expires',
    breaks: 'PEER-STATE-001',
    summary: 'never lets a pending request expire',
    store: storeOf(
      class extends PeeringStore {
        protected override withExpiry(record: PeeringRecord): PeeringRecord {
          return record;
        }
      },
    ),
  },
  deletesWithoutCredentials(),
  {
    name: 'unknown-token-accepted',
    breaks: 'PEER-AUTH-002',
    summary: 'takes any non-empty unknown token for the requester',
    caller: (token, tenants) => tenants.get(token) ?? (token ? [...tenants.values()].find((t) => t.role === 'requester') : undefined),
  },
  {
    name: 'signature-unchecked',
    breaks: 'PEER-AUTH-005',
    summary: "takes any signature under a known AK as that tenant's",
    signer: (auth, verified, tenantsByAk) => verified ?? tenantsByAk.get(auth.ak),
  },
  {
    name: 'neutron-body-on-401',
    breaks: 'PEER-AUTH-003',
    summary: "answers 401 with a Neutron body instead of the gateway's",
    reply: (_, reply) =>
      reply.status === 401 ? { status: 401, body: { NeutronError: { message: 'Unauthorized', type: 'Unauthorized', detail: '' } } } : reply,
  },
  {
    name: 'racy-duplicate-check',
    breaks: 'PEER-RACE-001',
    summary: `looks for a peering on the VPC pair ${RACE_WINDOW_MS} ms before it inserts its own, so creates sent together all succeed`,
    answersAfterMs: RACE_WINDOW_MS,
    store: storeOf(
      class extends PeeringStore {
        /** Inserted, but not yet where the duplicate check looks. */
        private readonly landing = new Set<string>();

        protected override insert(caller: Tenant, body: CreateBody, acceptProject: string): PeeringRecord {
          const record = super.insert(caller, body, acceptProject);
          this.landing.add(record.id);
          setTimeout(() => this.landing.delete(record.id), RACE_WINDOW_MS).unref();
          return record;
        }

        protected override pairHolder(a: string, b: string): PeeringRecord | undefined {
          return [...this.peerings.values()].find((p) => !this.landing.has(p.id) && sameVpcPair(p, a, b));
        }
      },
    ),
  },
  {
    name: 'racy-answer-check',
    breaks: 'PEER-RACE-002',
    summary: `checks that a peering is pending ${RACE_WINDOW_MS} ms before it writes the answer, so an accept and a reject sent together both succeed`,
    answersAfterMs: RACE_WINDOW_MS,
    store: storeOf(
      class extends PeeringStore {
        protected override answer(caller: Tenant, id: string, status: 'ACTIVE' | 'REJECTED') {
          const record = this.peerings.get(id);
          const checked = record?.status;
          const outcome = super.answer(caller, id, status);
          if (outcome.ok && record && checked) {
            record.status = checked;
            setTimeout(() => {
              record.status = status;
            }, RACE_WINDOW_MS).unref();
          }
          return outcome;
        }
      },
    ),
  },
  {
    name: 'racy-delete-check',
    breaks: 'PEER-RACE-003',
    summary: `finds the peering ${RACE_WINDOW_MS} ms before it deletes it, so deletes sent together all answer 204, though a repeated delete is refused`,
    answersAfterMs: RACE_WINDOW_MS,
    store: storeOf(
      class extends PeeringStore {
        override delete(caller: Tenant, id: string) {
          const found = this.find(caller, id);
          if (!found.ok || found.value.status === 'DELETED') return super.delete(caller, id);
          setTimeout(() => super.delete(caller, id), RACE_WINDOW_MS).unref();
          return { ok: true as const, value: undefined };
        }
      },
    ),
  },
  {
    name: 'racy-update-merge',
    breaks: 'PEER-RACE-004',
    summary: `reads a peering, and ${RACE_WINDOW_MS} ms later writes back its name and description with the update applied, so of updates sent together the last to land undoes the others`,
    answersAfterMs: RACE_WINDOW_MS,
    store: storeOf(
      class extends PeeringStore {
        override update(caller: Tenant, id: string, changes: UpdateBody) {
          const record = this.peerings.get(id);
          const read = record && { name: record.name, description: record.description };
          const outcome = super.update(caller, id, changes);
          if (outcome.ok && record && read) {
            const written = { name: record.name, description: record.description };
            Object.assign(record, read);
            setTimeout(() => Object.assign(record, written), RACE_WINDOW_MS).unref();
          }
          return outcome;
        }
      },
    ),
  },
  {
    name: 'errors-as-text',
    breaks: 'PEER-ERR-001',
    consequences: ['PEER-ERR-002'],
    summary: 'answers refusals with a plain-text body (which, not being application/json, breaks PEER-ERR-002 too)',
    reply: (_, reply) =>
      reply.status >= 400 && reply.status !== 401
        ? { status: reply.status, text: { content: 'request refused', contentType: 'text/plain' } }
        : reply,
  },
  {
    name: 'reject-sniffed-as-text',
    breaks: 'PEER-ERR-002',
    summary: "sends a reject's JSON answer as text/plain; charset=utf-8, as Go's content sniffing labels a body no handler typed",
    reply: (op, reply) =>
      op === 'rejectVpcPeering' && reply.status === 200
        ? { status: 200, text: { content: JSON.stringify(reply.body), contentType: 'text/plain; charset=utf-8' } }
        : reply,
  },
];

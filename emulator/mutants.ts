// The mutant catalogue: emulator variants that each break exactly one requirement, the way a
// real server might. `npm run mutants` runs the suite against every one; a mutant the suite does
// not kill is a requirement the suite does not really check.
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

const validCreate = (body: unknown) => documentValidators().requestBody('createVpcPeering')(body);

/** Admits a create body only when it is invalid and repairing one defect makes it valid, so the
 * mutant lets through exactly one kind of broken body. */
function brokenOnlyBy(repair: (peering: JsonBody) => JsonBody) {
  return (op: string, body: unknown) => {
    const peering = (body as { peering?: JsonBody } | undefined)?.peering;
    return (
      op === 'createVpcPeering' &&
      typeof peering === 'object' &&
      peering !== null &&
      !validCreate(body) &&
      validCreate({ peering: repair(peering) })
    );
  };
}

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
    summary: 'accepts a 256-character description',
    admits: brokenOnlyBy((p) => (codePoints(p.description) === 256 ? { ...p, description: [...p.description].slice(0, 255).join('') } : p)),
  },
  {
    name: 'description-brackets-accepted',
    breaks: 'PEER-CREATE-008',
    summary: 'accepts < and > in a description',
    admits: brokenOnlyBy((p) => (typeof p.description === 'string' ? { ...p, description: p.description.replace(/[<>]/g, '-') } : p)),
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
          return super.create(
            caller,
            given !== undefined && owner ? { ...body, accept_vpc_info: { ...body.accept_vpc_info, tenant_id: owner } } : body,
          );
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
    summary: 'refuses a wrong peer tenant_id with 400, but stores the peering anyway',
    store: storeOf(
      class extends PeeringStore {
        override create(caller: Tenant, body: CreateBody) {
          const outcome = super.create(caller, body);
          const owner = this.vpcOwners.get(body.accept_vpc_info.vpc_id);
          if (
            !outcome.ok &&
            outcome.refusal.type === 'InvalidInput' &&
            owner &&
            this.vpcOwners.get(body.request_vpc_info.vpc_id) === caller.projectId &&
            !this.pairHolder(body.request_vpc_info.vpc_id, body.accept_vpc_info.vpc_id)
          ) {
            this.insert(caller, body, owner);
          }
          return outcome;
        }
      },
    ),
  },
  {
    name: 'create-answers-200',
    breaks: 'PEER-CREATE-001',
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
    name: 'invalid-body-422',
    breaks: 'PEER-CREATE-002',
    summary: 'refuses an invalid create body with 422, not 400',
    reply: (op, reply) => (op === 'createVpcPeering' && reply.status === 400 ? { ...reply, status: 422 } : reply),
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
    name: 'accepter-cannot-update',
    breaks: 'PEER-UPDATE-005',
    summary: 'refuses updates from the accepting project',
    store: storeOf(
      class extends PeeringStore {
        override update(caller: Tenant, id: string, changes: UpdateBody) {
          const found = this.find(caller, id);
          if (found.ok && found.value.request.projectId !== caller.projectId)
            return refuse(403, 'Forbidden', 'Only the requester may update.');
          return super.update(caller, id, changes);
        }
      },
    ),
  },
  {
    name: 'update-resets-description',
    breaks: 'PEER-UPDATE-006',
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
    name: 'requester-accepts-own',
    breaks: 'PEER-ACCEPT-003',
    summary: 'lets the requester accept its own request',
    store: storeOf(
      class extends PeeringStore {
        protected override mayAnswer(record: PeeringRecord, caller: Tenant): boolean {
          return isParty(record, caller);
        }
      },
    ),
  },
  {
    name: 'rejected-can-be-accepted',
    breaks: 'PEER-ACCEPT-004',
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
    name: 'accept-wrapped',
    breaks: 'PEER-ACCEPT-001',
    summary: 'answers accept with the peering wrapped in `peering`',
    reply: (op, reply) => (op === 'acceptVpcPeering' && reply.status === 200 ? { ...reply, body: { peering: reply.body } } : reply),
  },
  {
    name: 'reject-not-persisted',
    breaks: 'PEER-REJECT-002',
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
    name: 'deleted-still-shown',
    breaks: 'PEER-DELETE-003',
    summary: 'marks a deleted peering DELETED and keeps showing it',
    store: storeOf(
      class extends PeeringStore {
        override delete(caller: Tenant, id: string) {
          const found = this.find(caller, id);
          if (!found.ok) return found;
          found.value.status = 'DELETED';
          return { ok: true as const, value: undefined };
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
    summary: 'answers a delete with 200 and a body',
    reply: (op, reply) => (op === 'deleteVpcPeering' && reply.status === 204 ? { status: 200, body: {} } : reply),
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
    summary: 'answers refusals with a plain-text body',
    reply: (_, reply) =>
      reply.status >= 400 && reply.status !== 401
        ? { status: reply.status, text: { content: 'request refused', contentType: 'text/plain' } }
        : reply,
  },
];

// What the spec allows an operation to answer, as one pure function of the model: given the
// peerings, a request and its caller, the legal outcomes (a success, with its status and the
// peerings it leaves; a refusal, with the codes the catalogue allows), for each illegal one the
// requirement it breaks, and for a choice the silence it belongs to. A sequential command judges
// its reply by it (commands.ts), the race checker judges an answer by it at each place in an order
// (batch.ts), and a read is judged by it against each state the history keeps (history.ts): no
// other code says what an operation may answer.
//
// Answering a peering that is no longer PENDING_ACCEPTANCE is refused, even by the party awaited
// re-sending the answer already given: PEER-ACCEPT-004 and PEER-REJECT-004 state it as rules (SHOULD,
// "not PENDING_ACCEPTANCE cannot be accepted", "cannot be rejected"), and no silence of the
// catalogue leaves a repeated answer open, as SILENCE-016 leaves a repeated delete open.
import type { RequirementId, SilenceId } from '../../generated/requirement-ids.ts';
import { isDeepStrictEqual } from 'node:util';
import type { SchemaPeering, SchemaPeeringResponse } from '../../generated/vpc-peering.ts';
import type { Reply } from '../http/client.ts';
import { refusalCodes } from '../suite/expect.ts';
import type { VpcPair } from '../run/leases.ts';
import type { TenantRole } from '../document/target-file.ts';
import { expectedView, isParty, shownView, stampOf, type ModelPeering, type Stamp, type Status } from './model.ts';

/** Where a create goes and who stands where in the peering it makes. */
export interface Site {
  pairLabel: string;
  pair: VpcPair;
  cross: boolean;
  by: TenantRole;
  answeredBy: TenantRole;
  requestVpc: string;
  acceptVpc: string;
}

interface Fields {
  name?: string;
  description?: string;
}

/** What a create's body lacks of what the create page requires, by the rule that requires it:
 * `peering` itself, its `name`, a `vpc_info` or its `vpc_id`, or the peer's `tenant_id`, which
 * only a peer VPC of another project needs (PEER-CREATE-013). */
const CREATE_NEEDS = {
  peering: 'PEER-CREATE-002',
  name: 'PEER-CREATE-003',
  vpc_id: 'PEER-CREATE-009',
  tenant_id: 'PEER-CREATE-011',
} as const satisfies Record<string, RequirementId>;

/** An update's body needs `peering`, and in it a name or a description (PEER-UPDATE-004). */
type UpdateLacks = 'peering' | 'fields';

export type Request =
  /** `id` and `stamp`: what its answer gave (`''` and none when it gave none), which the peering it
   * makes carries (`answeredCreate`). `lacks`: what its body leaves out. */
  | {
      verb: 'create';
      site: Site;
      label: string;
      name: string;
      description?: string;
      id: string;
      stamp: Stamp;
      lacks?: keyof typeof CREATE_NEEDS;
    }
  /** `label` names a peering of the model; a show may name one it never had, which never existed. */
  | { verb: 'show' | 'accept' | 'reject' | 'delete'; label: string }
  | { verb: 'update'; label: string; fields: Fields; lacks?: UpdateLacks }
  | { verb: 'list'; filter?: ListFilter };

/** A list's filters (PEER-LIST-004, PEER-LIST-005), in the model's terms: `tenant` is the tenant
 * whose project ID the query's `tenant_id` gives. */
export interface ListFilter {
  id?: string;
  name?: string;
  status?: string;
  vpc_id?: string;
  tenant?: TenantRole;
}

/** Callers a server serves nothing, answering 401, by the rule each stands for: no credentials at
 * all, a token it never issued, an AK/SK signature made with another secret key. */
const UNAUTHENTICATED = {
  anonymous: 'PEER-AUTH-001',
  stranger: 'PEER-AUTH-002',
  forger: 'PEER-AUTH-005',
} as const satisfies Record<string, RequirementId>;

/** Who sends a request: a tenant of the target, or a caller the server must not serve. */
export type Caller = TenantRole | keyof typeof UNAUTHENTICATED;

/** A choice where the sources are silent (openapi/requirements.yaml, `silences`), within the class
 * of request it was made for where the silence lists classes. */
export interface Choice {
  point: SilenceId;
  choice: string;
  within?: string;
}

type View = ReturnType<typeof shownView>;

interface Success {
  legal: true;
  next: ModelPeering[];
  /** The peering its answer carries, as the model has it there; none for a delete or a list. */
  answers?: ModelPeering;
  /** The fields of that answer the request itself decides, whatever was sent beside it. */
  decides?: (keyof View)[];
  /** What an answer showing the peering otherwise breaks... */
  answerBreaks?: RequirementId[];
  /** ...and what one showing other fields than the request sent breaks, where that differs. */
  sentBreaks?: RequirementId[];
  /** What a list must show of the peerings... */
  lists?: ModelPeering[];
  /** ...and what it may show or leave out. */
  mayList?: ModelPeering[];
  silence?: Choice;
}

interface Refusal {
  legal: true;
  codes: number[];
  requirements: [RequirementId, ...RequirementId[]];
  silence?: Choice;
}

interface Illegal {
  legal: false;
  /** Why it may not happen, as a clause: "#1 holds cross-1". */
  because: string;
  breaks: RequirementId[];
  /** A success that only repeats an answer already given: what it would leave, nothing changed. */
  repeats?: Omit<Success, 'legal'>;
}

export interface Outcomes {
  request: Request;
  before: readonly ModelPeering[];
  /** The status a success answers with, and the rule that gives it. */
  status: number;
  succeedsAs: RequirementId;
  success: Success | Illegal;
  refusal: Refusal | Illegal;
}

/** The status a success answers with, and the rule that gives it (and the shape of its body). */
const SUCCESS: Record<Request['verb'], { status: number; rule: RequirementId }> = {
  create: { status: 201, rule: 'PEER-CREATE-001' },
  show: { status: 200, rule: 'PEER-SHOW-001' },
  list: { status: 200, rule: 'PEER-LIST-001' },
  update: { status: 200, rule: 'PEER-UPDATE-001' },
  accept: { status: 200, rule: 'PEER-ACCEPT-001' },
  reject: { status: 200, rule: 'PEER-REJECT-001' },
  delete: { status: 204, rule: 'PEER-DELETE-001' },
};

const ANSWERS = {
  accept: { outcome: 'ACTIVE', answers: 'PEER-ACCEPT-002', ownRequest: 'PEER-ACCEPT-003', notPending: 'PEER-ACCEPT-004' },
  reject: { outcome: 'REJECTED', answers: 'PEER-REJECT-002', ownRequest: 'PEER-REJECT-003', notPending: 'PEER-REJECT-004' },
} as const satisfies Record<'accept' | 'reject', { outcome: Status; answers: string; ownRequest: string; notPending: string }>;

const ALL_FIELDS: (keyof View)[] = [
  'id',
  'status',
  'name',
  'description',
  'request_vpc',
  'accept_vpc',
  'created_at',
  'request_tenant',
  'accept_tenant',
];

/** The fields of a peering a write on it decides, whether it succeeds or is refused (a refusal
 * leaves them as they were): what a later show answers to the write's rule for. A show that gets
 * only other fields wrong got them wrong itself. */
export const DECIDED = ['status', 'name', 'description'] as const;
export type Decided = (typeof DECIDED)[number];
export function decidedBy(request: Exclude<Request, { verb: 'create' | 'list' }>): Decided[] {
  return request.verb === 'update' ? (Object.keys(request.fields) as Decided[]) : ['status'];
}

/** The fields a create or an update sends, which its answer gives back. */
const SENT_FIELDS: (keyof View)[] = ['name', 'description', 'request_vpc', 'accept_vpc'];

const illegal = (because: string, ...breaks: RequirementId[]): Illegal => ({ legal: false, because, breaks });
const refused = (requirement: RequirementId, ...more: RequirementId[]): Refusal => ({
  legal: true,
  codes: refusalCodes(requirement, ...more),
  requirements: [requirement, ...more],
});
const changed = (peerings: readonly ModelPeering[], p: ModelPeering, change: Partial<ModelPeering>) =>
  peerings.map((q) => (q === p ? { ...q, ...change } : q));

/** The peering a create on `site` makes, as the model expects it: ACTIVE within a project,
 * awaiting the other project's answer across. */
function createdOn(site: Site, label: string, id: string, stamp: Stamp, name: string, description = ''): ModelPeering {
  const { pair, requestVpc, acceptVpc, by, answeredBy, cross } = site;
  const status = cross ? 'PENDING_ACCEPTANCE' : 'ACTIVE';
  return { label, id, pair, requestVpc, acceptVpc, requestedBy: by, answeredBy, status, name, description, deleted: false, stamp };
}

/** The id and stamp a create's answer gave the peering it made: none when it made none. */
export function answeredCreate(reply: Reply<unknown>): { id: string; stamp: Stamp } {
  const peering = reply.status === SUCCESS.create.status ? carried({ verb: 'create' }, reply) : undefined;
  // An answer that carries no peering (read by a client that does not validate) is judged for it.
  return peering && typeof peering.id === 'string' ? { id: peering.id, stamp: stampOf(peering) } : { id: '', stamp: {} };
}

/** Every outcome of `request` by `caller` on `peerings`, legal or not. */
export function outcomes(peerings: readonly ModelPeering[], request: Request, caller: Caller): Outcomes {
  const [success, refusal] = decide(peerings, request, caller);
  const { status, rule } = SUCCESS[request.verb];
  return { request, before: peerings, status, succeedsAs: rule, success, refusal };
}

function decide(peerings: readonly ModelPeering[], request: Request, caller: Caller): [Success | Illegal, Refusal | Illegal] {
  if (caller === 'anonymous' || caller === 'stranger' || caller === 'forger') {
    const rule = UNAUTHENTICATED[caller];
    return [illegal(`the server must serve no ${caller}`, rule), refused(rule)];
  }
  if (request.verb === 'create') return create(peerings, request);
  if (request.verb === 'list') {
    const visible = peerings.filter((p) => !p.deleted && isParty(p, caller));
    const { filter = {} } = request;
    const lists = visible.filter((p) => listing(p, filter) === 'must');
    const mayList = visible.filter((p) => listing(p, filter) === 'may');
    return [{ legal: true, next: [...peerings], lists, mayList }, illegal(`any tenant may list`, 'PEER-LIST-001')];
  }
  const p = peerings.find((q) => q.label === request.label);
  if (!p) {
    if (request.verb !== 'show') throw new Error(`the model has no peering ${request.label} to ${request.verb}`);
    return [illegal(`${request.label} never existed`, 'PEER-SHOW-004'), refused('PEER-SHOW-004')];
  }
  const label = p.label;
  const notParty = `the ${caller} is party to neither side of ${label}`;
  const gone = `${label} is gone`;
  const { verb } = request;
  if (verb === 'show') {
    if (!isParty(p, caller)) return [illegal(notParty, 'PEER-SHOW-003'), refused('PEER-SHOW-003')];
    if (p.deleted) return [illegal(gone, 'PEER-SHOW-004', 'PEER-DELETE-003'), refused('PEER-SHOW-004')];
    const shows = { legal: true as const, next: [...peerings], answers: p, decides: ALL_FIELDS, answerBreaks: ['PEER-SHOW-002' as const] };
    return [shows, illegal(`the ${caller} is party to ${label}`, 'PEER-SHOW-002')];
  }
  if (verb === 'update') {
    if (!isParty(p, caller)) return [illegal(notParty, 'PEER-UPDATE-007'), refused('PEER-UPDATE-007')];
    if (p.deleted) return [illegal(gone, 'PEER-DELETE-003'), refused('PEER-UPDATE-007')];
    if (request.lacks) return [illegal(`its body lacks ${request.lacks}`, 'PEER-UPDATE-004'), refused('PEER-UPDATE-004')];
    const next = changed(peerings, p, request.fields);
    const updated = next.find((q) => q.label === label)!;
    const decides = Object.keys(request.fields) as (keyof View)[];
    const success: Success = { legal: true, next, answers: updated, decides, answerBreaks: ['PEER-UPDATE-006'] };
    const within = bracketsIn(request.fields.description);
    if (within)
      return [
        { ...success, silence: { point: 'SILENCE-008', choice: 'stored', within } },
        { ...refused('PEER-UPDATE-003'), silence: { point: 'SILENCE-008', choice: 'refused', within } },
      ];
    return [success, illegal(`the ${caller} is party to ${label}`, 'PEER-UPDATE-005')];
  }
  if (verb === 'accept' || verb === 'reject') {
    const { outcome, answers, ownRequest, notPending } = ANSWERS[verb];
    if (!isParty(p, caller)) return [illegal(notParty, 'PEER-ACCEPT-005'), refused('PEER-ACCEPT-005')];
    if (p.deleted) return [illegal(gone, 'PEER-DELETE-003'), refused(notPending)];
    // A rejected peering accepted is one that became ACTIVE: PEER-REJECT-002 ("never becomes
    // ACTIVE"), a MUST, as PEER-ACCEPT-004's own words leave it; a refusal takes ACCEPT-004's codes.
    if (verb === 'accept' && p.status === 'REJECTED')
      return [illegal(`${label} is REJECTED, and a rejected peering never becomes ACTIVE`, 'PEER-REJECT-002'), refused(notPending)];
    if (p.status !== 'PENDING_ACCEPTANCE') {
      const again = p.status === outcome && caller === p.answeredBy;
      const repeats = again ? { next: [...peerings], answers: p, decides: ['status' as const], answerBreaks: [answers] } : undefined;
      return [{ ...illegal(`${label} is ${p.status}`, notPending), ...(repeats && { repeats }) }, refused(notPending)];
    }
    if (caller !== p.answeredBy) return [illegal(`${label} awaits the ${p.answeredBy}'s answer`, ownRequest), refused(ownRequest)];
    const next = changed(peerings, p, { status: outcome });
    const answered = next.find((q) => q.label === label)!;
    const success: Success = { legal: true, next, answers: answered, decides: ['status'], answerBreaks: [answers] };
    return [success, illegal(`${label} is pending and awaits the ${caller}'s answer`, answers)];
  }
  if (!isParty(p, caller)) return [illegal(notParty, 'PEER-DELETE-004'), refused('PEER-DELETE-004')];
  if (p.deleted)
    return [
      { legal: true, next: [...peerings], silence: { point: 'SILENCE-016', choice: 'idempotent' } },
      { ...refused('PEER-DELETE-004'), silence: { point: 'SILENCE-016', choice: 'not-found' } },
    ];
  return [{ legal: true, next: changed(peerings, p, { deleted: true }) }, illegal(`the ${caller} is party to ${label}`, 'PEER-DELETE-002')];
}

/** The angle brackets in an update's description, as the classes of SILENCE-008 name them: the
 * create page bans them, the update page does not. */
function bracketsIn(description: string | undefined): 'tag' | 'less-than' | 'greater-than' | undefined {
  if (description === undefined) return undefined;
  if (/<[^<>]*>/.test(description)) return 'tag';
  if (description.includes('<')) return 'less-than';
  return description.includes('>') ? 'greater-than' : undefined;
}

function create(peerings: readonly ModelPeering[], request: Extract<Request, { verb: 'create' }>): [Success | Illegal, Refusal | Illegal] {
  const { site, label, id, stamp, name, description, lacks } = request;
  const { pair, pairLabel, cross } = site;
  if (lacks && (lacks !== 'tenant_id' || cross))
    return [illegal(`its body lacks ${lacks}`, CREATE_NEEDS[lacks]), refused(CREATE_NEEDS[lacks])];
  const onPair = peerings.filter((p) => !p.deleted && p.pair === pair);
  const holder = onPair.find((p) => p.status !== 'REJECTED');
  const rejected = onPair.find((p) => p.status === 'REJECTED');
  const createdAs = cross ? 'PEER-CREATE-015' : 'PEER-CREATE-014';
  const created = createdOn(site, label, id, stamp, name, description);
  const success: Success = {
    legal: true,
    next: [...peerings, created],
    answers: created,
    decides: ALL_FIELDS,
    answerBreaks: [createdAs],
    sentBreaks: ['PEER-CREATE-016'],
  };
  if (holder) return [illegal(`${holder.label} holds ${pairLabel}`, 'PEER-CREATE-017'), refused('PEER-CREATE-017')];
  if (rejected)
    return [
      { ...success, silence: { point: 'SILENCE-003', choice: 'frees' } },
      { ...refused('PEER-CREATE-017'), silence: { point: 'SILENCE-003', choice: 'holds' } },
    ];
  const freed = peerings.some((p) => p.pair === pair);
  // Within a project a create is sent without tenant_id, which it needs only across projects.
  const refusedAs = freed ? 'PEER-DELETE-003' : cross ? createdAs : 'PEER-CREATE-013';
  return [success, illegal(`no peering holds ${pairLabel}${freed ? ' any more' : ''}`, refusedAs)];
}

/** Whether a list filtered by `filter` must show a peering its caller may see, may show it, or
 * must not: exactly the peerings with the value of `id`, `name` or `status`; those whose request
 * side has the `vpc_id` or `tenant_id`, and perhaps those whose accept side alone has it (PEER-LIST-005). */
function listing(p: ModelPeering, filter: ListFilter): 'must' | 'may' | 'not' {
  const exactly = (['id', 'name', 'status'] as const).every((field) => filter[field] === undefined || filter[field] === p[field]);
  const side = (request: boolean, accept: boolean) => (request ? 'must' : accept ? 'may' : 'not');
  const sides = [
    filter.vpc_id === undefined ? 'must' : side(p.requestVpc === filter.vpc_id, p.acceptVpc === filter.vpc_id),
    filter.tenant === undefined ? 'must' : side(p.requestedBy === filter.tenant, p.answeredBy === filter.tenant),
  ];
  return !exactly || sides.includes('not') ? 'not' : sides.includes('may') ? 'may' : 'must';
}

/** Whether a peering the model does not know, listed under `filter`, has the values it filters by
 * that a list shows: `id`, `name` and `status`. */
export function admittedBy(filter: ListFilter, entry: { id: string; name: string; status: string }): boolean {
  return (['id', 'name', 'status'] as const).every((field) => filter[field] === undefined || filter[field] === entry[field]);
}

/** What a list that shows (or leaves out) a peering breaks, against the peering as it stands. */
export function listBreaks(p: ModelPeering | undefined, viewer: TenantRole, listed: boolean, filter: ListFilter = {}): RequirementId[] {
  if (!p) return ['PEER-CREATE-021'];
  if (listed && p.deleted) return ['PEER-DELETE-003'];
  // A tenant party to neither side is judged by the rule that hides it from them, listed or not:
  // its list leaving the peering out is that rule's evidence.
  if (!isParty(p, viewer)) return ['PEER-LIST-003'];
  if (filter.vpc_id !== undefined || filter.tenant !== undefined) return ['PEER-LIST-005'];
  if (Object.keys(filter).length > 0) return ['PEER-LIST-004'];
  return ['PEER-LIST-002'];
}

/** Why an answer cannot come back, and the rules it would break. */
export interface Unexplained {
  why: string;
  breaks?: RequirementId[];
}

export type Judged = { next: ModelPeering[]; silence?: Choice; lapses?: RequirementId[] } | { unexplained: Unexplained };

export interface Judging {
  /** The choice the server made at a silence (within a class of request), if it has made one. */
  chosen(point: SilenceId, within?: string): string | undefined;
  /** Sent together with others: only the fields the request decides are its own (the rest may show
   * what others did), and a peering a delete beside it raced may be read back DELETED. */
  together?: { deleting: ReadonlySet<string> };
  /** Explains an answer that repeats one already given, as the lapse it is, instead of no answer. */
  lapses?: boolean;
  /** A stateless mock answers from its examples: only the status of its answer is its own. */
  statusOnly?: boolean;
}

const unexplained = (why: string, breaks?: RequirementId[]): Judged => ({ unexplained: { why, ...(breaks && { breaks }) } });

/** The peering an answer carries: wrapped in `peering`, except accept's and reject's; undefined
 * where it carries no object there (a client that does not validate hands such a body over). */
function carried({ verb }: Pick<Request, 'verb'>, reply: Reply<unknown>): SchemaPeering | undefined {
  if (verb === 'delete' || verb === 'list') return undefined;
  const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);
  const body: unknown = reply.data;
  const peering =
    verb === 'accept' || verb === 'reject' ? body : isObject(body) ? (body as Partial<SchemaPeeringResponse>).peering : undefined;
  return isObject(peering) ? (peering as SchemaPeering) : undefined;
}

/** Judges a reply by the outcomes: the peerings it leaves, or why it cannot have come back. */
export function judge(o: Outcomes, reply: Reply<unknown>, judging: Judging): Judged {
  const heldTo = (silence: Choice | undefined) => {
    const earlier = silence && judging.chosen(silence.point, silence.within);
    const at = silence && `${silence.point}${silence.within ? ` (${silence.within})` : ''}`;
    return earlier !== undefined && earlier !== silence!.choice
      ? unexplained(`it answered as "${silence!.choice}" at ${at}, where the server chose "${earlier}" before`)
      : undefined;
  };
  if (reply.status !== o.status && reply.status >= 200 && reply.status < 300)
    return unexplained(`it answered ${reply.status}, where a success answers ${o.status}`, [o.succeedsAs]);
  if (reply.status !== o.status) {
    const { refusal } = o;
    const answered = reply.status >= 400 && reply.status < 500 ? `it was refused with ${reply.status}` : `it answered ${reply.status}`;
    if (!refusal.legal) return unexplained(`${answered}, though ${refusal.because}`, refusal.breaks);
    if (!refusal.codes.includes(reply.status))
      return unexplained(
        `it answered ${reply.status}: neither ${o.status} nor a refusal (${refusal.codes.join(', ')})`,
        refusal.requirements,
      );
    return heldTo(refusal.silence) ?? { next: [...o.before], ...(refusal.silence && { silence: refusal.silence }) };
  }
  const lapse = !o.success.legal && judging.lapses ? o.success.repeats : undefined;
  if (!o.success.legal && !lapse) return unexplained(`it succeeded, though ${o.success.because}`, o.success.breaks);
  const success = o.success.legal ? o.success : lapse!;
  const answer = carried(o.request, reply);
  // No peering where the document puts one breaks the operation's own rule of its answer, before any field can.
  if (success.answers && !judging.statusOnly && !answer)
    return unexplained(`it answered ${reply.status} without the peering where the document puts it`, [o.succeedsAs]);
  const wrong = success.answers && !judging.statusOnly && wrongAnswer(o.request, success, answer!, judging);
  if (wrong) return wrong;
  return (
    heldTo(success.silence) ?? {
      next: success.next,
      ...(success.silence && { silence: success.silence }),
      ...(lapse && { lapses: (o.success as Illegal).breaks }),
    }
  );
}

function wrongAnswer(request: Request, success: Omit<Success, 'legal'>, answer: SchemaPeering, judging: Judging): Judged | undefined {
  const fields = judging.together ? success.decides! : ALL_FIELDS;
  const pick = (view: View) => Object.fromEntries(fields.map((field) => [field, view[field]]));
  const shown = pick(shownView(answer));
  const expected = pick(expectedView(success.answers!));
  const label = 'label' in request ? request.label : '';
  const readBack = judging.together?.deleting.has(label) && shown.status === 'DELETED';
  const answered = readBack ? { ...shown, status: expected.status } : shown;
  if (isDeepStrictEqual(answered, expected)) return undefined;
  const sentOtherwise = SENT_FIELDS.some((field) => field in expected && !isDeepStrictEqual(answered[field], expected[field]));
  const breaks = sentOtherwise && success.sentBreaks ? success.sentBreaks : success.answerBreaks;
  return unexplained(`it answered ${JSON.stringify(shown)}, not ${JSON.stringify(expected)}`, breaks);
}

/** Every requirement the outcomes name: what judging a reply by them checks; and where a refusal
 * may take any of several codes, the freedom PEER-ERR-003 gives a server there. */
export function stated(o: Outcomes): string[] {
  const named = (outcome: Success | Refusal | Illegal) =>
    outcome.legal
      ? 'requirements' in outcome
        ? outcome.requirements
        : [...(outcome.answerBreaks ?? []), ...(outcome.sentBreaks ?? [])]
      : outcome.breaks;
  const anyOfSeveral = o.refusal.legal && o.refusal.codes.length > 1 ? ['PEER-ERR-003'] : [];
  return [...new Set([...(o.success.legal ? [o.succeedsAs] : []), ...named(o.success), ...named(o.refusal), ...anyOfSeveral])];
}

/** The answers the outcomes allow, for a failure's "Expected" line. */
export function allowedAnswers(o: Outcomes): string {
  const success = o.success.legal
    ? `${o.status}${o.success.answers ? ` with ${JSON.stringify(expectedView(o.success.answers))}` : ''}`
    : undefined;
  const refusal = o.refusal.legal ? `a refusal (${o.refusal.codes.join(', ')})` : undefined;
  return [success, refusal].filter(Boolean).join(', or ');
}

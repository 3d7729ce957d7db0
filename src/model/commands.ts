// One command per action on a peering. `check` is the precondition, `run` makes the call, judges
// the reply by the model, updates the model and shows the peering it touched to each party;
// `toString` prints the call as made, so a shrunk counterexample reads as an API script:
//   requester creates #1 on cross-1 named "cf-…-lifecycle-a" (POST /v2.0/vpc/peerings) -> 3f2c…
//   requester accepts #1 (PUT /v2.0/vpc/peerings/3f2c…/accept)
// A command names its peering by a number from 0 to 3 counted back from the latest, modulo the
// peerings the model has when it runs: it still means one when shrinking removes the creates
// before it, and a sequence keeps working on the peerings it just made. It names its tenant by
// where that tenant stands (the requesting party, the party awaited, or neither), so that
// answers meet their peering in every status; the printed call names the tenant.
// Sequences are plain arrays of commands run by fc.asyncModelRun, not fc.commands: a shrunk
// fc.commands case replays only with its own replayPath besides the seed and path, which the
// suite's replay line (PEERING_SEED, PEERING_PATH) does not carry; an array replays from those two.
import type { RequirementId } from '../../generated/requirement-ids.ts';
import fc from 'fast-check';
import type { SchemaUpdatePeeringRequest } from '../../generated/vpc-peering.ts';
import { peeringBetween } from '../suite/bodies.ts';
import type { Reply } from '../http/client.ts';
import { expectStatus, fail } from '../suite/expect.ts';
import type { PairKind } from '../run/leases.ts';
import { everyPeering } from '../http/paging.ts';
import type { TenantRole } from '../document/target-file.ts';
import { advance, expectReads, listRead, showRead, type ShowBlame } from './history.ts';
import { isParty, live, occupant, partiesOf, rejectedOn, type Model, type ModelPeering, type Real } from './model.ts';
import { checked } from '../suite/evidence.ts';
import { allowedAnswers, answeredCreate, decidedBy, judge, outcomes, stated, type Caller, type Request, type Site } from './outcomes.ts';

export const PEERINGS = '/v2.0/vpc/peerings';

/** The rules the commands judge at every step, whoever sends them and in whatever status. */
export const LIFECYCLE_RULES = [
  'PEER-CREATE-014',
  'PEER-CREATE-015',
  'PEER-CREATE-017',
  'PEER-CREATE-021',
  'PEER-SHOW-002',
  'PEER-SHOW-003',
  'PEER-SHOW-004',
  'PEER-LIST-002',
  'PEER-LIST-003',
  'PEER-UPDATE-005',
  'PEER-UPDATE-006',
  'PEER-UPDATE-007',
  'PEER-ACCEPT-001',
  'PEER-ACCEPT-002',
  'PEER-ACCEPT-003',
  'PEER-ACCEPT-004',
  'PEER-ACCEPT-005',
  'PEER-REJECT-001',
  'PEER-REJECT-002',
  'PEER-REJECT-003',
  'PEER-REJECT-004',
  'PEER-DELETE-001',
  'PEER-DELETE-002',
  'PEER-DELETE-003',
  'PEER-DELETE-004',
];

export abstract class Step implements fc.AsyncCommand<Model, Real> {
  /** The call as made, once `run` has resolved the peering and the tenant it means. */
  protected made?: string;

  abstract check(model: Readonly<Model>): boolean;
  abstract run(model: Model, real: Real): Promise<void>;
  /** The command before it has run: what is printed of one whose precondition did not hold. */
  protected abstract intent(): string;

  toString(): string {
    return this.made ?? `(skipped) ${this.intent()}`;
  }

  [fc.toStringMethod](): string {
    return this.toString();
  }

  /** A fresh copy whenever fast-check reuses a generated command, so a printed script shows the
   * calls of its own run and no other's. */
  [fc.cloneMethod](): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this)), this, { made: undefined });
  }
}

/** Create on one of the leased pairs of a kind: a same-project one by the requester, a
 * cross-project one by the requester or (reversed) by the accepter towards the requester. */
export class Create extends Step {
  constructor(
    readonly kind: PairKind,
    readonly pairAt: number,
    readonly reversed: boolean,
    readonly tail: string,
    readonly description: string | undefined,
  ) {
    super();
  }

  check(): boolean {
    return true;
  }

  protected intent(): string {
    return `create on ${this.kind} pair ${this.pairAt}${this.reversed ? ' reversed' : ''} named "${this.tail}"`;
  }

  async run(model: Model, real: Real): Promise<void> {
    const where = createOn(model, this.kind, this.pairAt, this.reversed);
    const { pairLabel, pair, by, answeredBy, requestVpc, acceptVpc } = where;
    const name = model.namePrefix + this.tail;
    const body = peeringBetween(
      { kind: pair.kind, requestVpc, acceptVpc, acceptTenant: real.tenant(answeredBy) },
      { name, ...(this.description !== undefined && { description: this.description }) },
    );
    const holder = occupant(model, pair);
    const rejected = rejectedOn(model, pair);
    const label = `#${model.peerings.length + 1}`;
    const fields = `named "${name}"${this.description === undefined ? '' : `, description "${this.description}"`}`;
    const beside = holder ? `another peering beside ${holder.label}` : rejected ? `${label} beside rejected ${rejected.label}` : label;
    this.made = `${by} creates ${beside} on ${pairLabel}${this.reversed ? ' reversed' : ''} ${fields} (POST ${PEERINGS})`;
    const reply = await real.client(by).create(body);
    const { id, stamp } = answeredCreate(reply);
    this.made += ` -> ${id || reply.status}`;
    const request: Request = {
      verb: 'create',
      site: where,
      label,
      name,
      id,
      stamp,
      ...(this.description !== undefined && { description: this.description }),
    };
    answered(model, request, by, reply, this.made);
    if (id) await showToParties(model, real, label, this.made);
  }
}

/** Where a create goes, as a command names it: the `pairAt`th leased pair of a kind; across
 * projects by the requester, or (reversed) by the accepter towards the requester; within a
 * project by the requester, from either VPC. */
export function createOn(model: Readonly<Model>, kind: PairKind, pairAt: number, reversed: boolean): Site {
  const pairs = model.pairs.filter(({ pair }) => pair.kind === kind);
  const { label: pairLabel, pair } = pairs[pairAt % pairs.length]!;
  const cross = pair.kind === 'cross';
  const by: TenantRole = cross && reversed ? 'accepter' : 'requester';
  const answeredBy: TenantRole = cross ? (by === 'requester' ? 'accepter' : 'requester') : by;
  const [requestVpc, acceptVpc] = reversed ? [pair.acceptVpc, pair.requestVpc] : [pair.requestVpc, pair.acceptVpc];
  return { pairLabel, pair, cross, by, answeredBy, requestVpc, acceptVpc };
}

/** Who acts on a peering, told by where it stands; resolved to a tenant when the command runs. */
export type Relation = 'requesting' | 'awaited' | 'neither';

/**
 * A command on one peering of the sequence by one tenant. `neither` is a tenant party to neither
 * side: the accepter for a same-project peering, the outsider (when the target names one) for a
 * cross-project one; with no such tenant the command is skipped.
 */
abstract class OnPeering extends Step {
  /** Whether the command can also mean a deleted peering. */
  protected readonly deletedToo: boolean = false;

  constructor(
    readonly pick: number,
    readonly relation: Relation,
  ) {
    super();
  }

  check(model: Readonly<Model>): boolean {
    return this.target(model) !== undefined;
  }

  protected target(model: Readonly<Model>): { p: ModelPeering; actor: TenantRole } | undefined {
    return targetOf(model, this.deletedToo ? model.peerings : live(model), this.pick, this.relation);
  }
}

/** The peering `pick` names among `peerings` (counted back from the latest), and the tenant that
 * stands in `relation` to it; undefined when there is no such peering or tenant. */
export function targetOf(
  model: Readonly<Model>,
  peerings: ModelPeering[],
  pick: number,
  relation: Relation,
): { p: ModelPeering; actor: TenantRole } | undefined {
  if (peerings.length === 0) return undefined;
  const p = peerings[peerings.length - 1 - (pick % peerings.length)]!;
  const actor =
    relation === 'requesting' ? p.requestedBy : relation === 'awaited' ? p.answeredBy : model.roles.find((role) => !isParty(p, role));
  return actor && { p, actor };
}

/** Show any peering of the sequence, deleted ones too. */
class Show extends OnPeering {
  protected override readonly deletedToo = true;

  protected intent(): string {
    return `the ${this.relation} tenant shows peering ${this.pick}`;
  }

  async run(model: Model, real: Real): Promise<void> {
    const { p, actor } = this.target(model)!;
    this.made = `${actor} shows ${p.label}${p.deleted ? ' (deleted)' : ''} (GET ${PEERINGS}/${p.id})`;
    const versions = model.history.get(p.label)!;
    await real.settled(async () =>
      expectReads([showRead(`${this.made}: the ${actor}`, actor, await real.client(actor).show(p.id), versions)], real.settleMs),
    );
  }
}

/** One tenant's list, against the model's peerings that tenant is party to. */
class List extends Step {
  constructor(readonly viewer: TenantRole) {
    super();
  }

  check(model: Readonly<Model>): boolean {
    return model.roles.includes(this.viewer);
  }

  protected intent(): string {
    return `${this.viewer} lists`;
  }

  async run(model: Model, real: Real): Promise<void> {
    this.made = `${this.viewer} lists (GET ${PEERINGS})`;
    await compareList(model, real, this.viewer, this.made);
  }
}

export interface Changes {
  tail?: string;
  description?: string;
}

/** Update the name, the description or both of a live peering. */
class Update extends OnPeering {
  constructor(
    pick: number,
    relation: Relation,
    readonly changes: Changes,
  ) {
    super(pick, relation);
  }

  protected intent(): string {
    return `the ${this.relation} tenant updates peering ${this.pick} with ${JSON.stringify(this.changes)}`;
  }

  async run(model: Model, real: Real): Promise<void> {
    const { p, actor } = this.target(model)!;
    const fields = updateFields(model, this.changes);
    this.made = `${actor} updates ${p.label} to ${JSON.stringify(fields)} (PUT ${PEERINGS}/${p.id})`;
    const reply = await real.client(actor).update(p.id, { peering: fields } as SchemaUpdatePeeringRequest);
    const request = { verb: 'update' as const, label: p.label, fields };
    const leftBehind = answered(model, request, actor, reply, this.made);
    await showToParties(model, real, p.label, this.made, { breaks: leftBehind, decides: decidedBy(request) });
  }
}

/** Accept or reject a live peering: only the party awaited may, and only while it is pending. */
abstract class Answer extends OnPeering {
  protected abstract readonly verb: 'accept' | 'reject';

  protected intent(): string {
    return `the ${this.relation} tenant ${this.verb}s peering ${this.pick}`;
  }

  async run(model: Model, real: Real): Promise<void> {
    const { verb } = this;
    const { p, actor } = this.target(model)!;
    this.made = `${actor} ${verb}s ${p.label} (PUT ${PEERINGS}/${p.id}/${verb})`;
    const client = real.client(actor);
    const reply = await (verb === 'accept' ? client.accept(p.id) : client.reject(p.id));
    const request = { verb, label: p.label };
    const leftBehind = answered(model, request, actor, reply, this.made);
    await showToParties(model, real, p.label, this.made, { breaks: leftBehind, decides: decidedBy(request) });
  }
}

class Accept extends Answer {
  protected readonly verb = 'accept';
}

export class Reject extends Answer {
  protected readonly verb = 'reject';
}

/** Delete a live peering: either party may, whatever its status. */
class Delete extends OnPeering {
  protected intent(): string {
    return `the ${this.relation} tenant deletes peering ${this.pick}`;
  }

  async run(model: Model, real: Real): Promise<void> {
    const { p, actor } = this.target(model)!;
    this.made = `${actor} deletes ${p.label} (DELETE ${PEERINGS}/${p.id})`;
    const reply = await real.client(actor).delete(p.id);
    const request = { verb: 'delete' as const, label: p.label };
    const leftBehind = answered(model, request, actor, reply, this.made);
    await showToParties(model, real, p.label, this.made, { breaks: leftBehind, decides: decidedBy(request) });
  }
}

/**
 * Judges a write's reply by what the model allows (src/model/outcomes.ts), holds the server to a
 * choice it made where the spec is silent, and moves the model on. Gives what a read of the
 * peering afterwards breaks when it differs: what the write should have left behind. A stateless
 * mock (`statusOnly`) is judged by its status alone.
 */
export function answered(
  model: Model,
  request: Request,
  caller: Caller,
  reply: Reply<unknown>,
  made: string,
  { statusOnly = false } = {},
): RequirementId[] | undefined {
  const allowed = outcomes(model.peerings, request, caller);
  const judged = judge(allowed, reply, { chosen: (point, within) => model.choices.at(point, within), statusOnly });
  if ('unexplained' in judged) fail(`${made}: ${judged.unexplained.why}`, reply, allowedAnswers(allowed), judged.unexplained.breaks);
  checked(stated(allowed));
  if (judged.silence) model.choices.hold(judged.silence.point, judged.silence.choice, reply, judged.silence.within);
  advance(model, judged.next, Date.now());
  const { success, refusal } = allowed;
  return reply.status === allowed.status
    ? success.legal
      ? success.answerBreaks
      : undefined
    : refusal.legal
      ? refusal.requirements
      : undefined;
}

/** Each party shows the peering a write touched, judged against the states the writes passed it
 * through; what a show no state explains breaks is the write's to say (`blame`). */
async function showToParties(model: Model, real: Real, label: string, after: string, blame?: ShowBlame): Promise<void> {
  const versions = model.history.get(label)!;
  const p = versions.at(-1)!.peering;
  for (const role of partiesOf(p)) {
    await real.settled(async () =>
      expectReads([showRead(`after ${after}, the ${role}`, role, await real.client(role).show(p.id), versions, blame)], real.settleMs),
    );
  }
}

/**
 * The peerings of this sequence in a tenant's list (those the model knows by ID, and any other
 * bearing this test's name prefix), each judged against the states the writes passed it through,
 * as a list may lag behind one write and not another. Other tests' peerings, listed alongside,
 * are left out.
 */
export async function compareList(model: Model, real: Real, viewer: TenantRole, after: string): Promise<void> {
  await real.settled(() => compareListOnce(model, real, viewer, after));
}

async function compareListOnce(model: Model, real: Real, viewer: TenantRole, after: string): Promise<void> {
  const { peerings: listed, last: reply } = await everyPeering(real.client(viewer), {}, (page) =>
    expectStatus(page, 200, `${after}: the ${viewer}'s list was refused`),
  );
  const known = new Set(model.peerings.map((p) => p.id));
  const strangers = listed.filter((p) => !known.has(p.id) && p.name.startsWith(model.namePrefix));
  if (strangers.length > 0)
    fail(
      `${after}: the ${viewer}'s list has ${strangers.map((p) => `${p.id} "${p.name}"`).join(', ')}, which no create of the sequence made`,
      reply,
      'only peerings the sequence created',
      ['PEER-CREATE-021'],
    );
  const title = `${after}, the ${viewer}'s list`;
  const reads = model.peerings.map((p) =>
    listRead(
      title,
      viewer,
      reply,
      listed.find((q) => q.id === p.id),
      model.history.get(p.label)!,
    ),
  );
  expectReads(reads, real.settleMs);
}

const UPDATE_NAMES = ['x', 'y'];
export const CREATE_NAMES = ['a', 'b'];
const DESCRIPTIONS = ['', 'blue', 'green link'];

/** Who answers a request: mostly the party awaited, so that answers meet every status. */
const ANSWERING: Record<Relation, number> = { awaited: 3, requesting: 2, neither: 1 };
/** Who shows, updates or deletes a peering: any of them alike. */
const ACTING: Record<Relation, number> = { awaited: 1, requesting: 1, neither: 1 };

export const relation = (weights: Record<Relation, number>) =>
  fc.oneof(...(Object.entries(weights) as [Relation, number][]).map(([r, weight]) => ({ weight, arbitrary: fc.constant(r) })));

const description = fc.constantFrom(...DESCRIPTIONS);

/** An update's fields: a new name, a new description, or both. */
export const changesArbitrary: fc.Arbitrary<Changes> = fc.oneof(
  fc.constantFrom(...UPDATE_NAMES).map((tail) => ({ tail })),
  description.map((d) => ({ description: d })),
  fc.tuple(fc.constantFrom(...UPDATE_NAMES), description).map(([tail, d]) => ({ tail, description: d })),
);

/** The fields an update sends, names carrying the sequence's prefix. */
export function updateFields(model: Readonly<Model>, changes: Changes): { name?: string; description?: string } {
  return {
    ...(changes.tail !== undefined && { name: model.namePrefix + changes.tail }),
    ...(changes.description !== undefined && { description: changes.description }),
  };
}

/** A create on one of the leased pairs of a kind. */
export const createCommand = (kind: PairKind): fc.Arbitrary<Step> =>
  fc
    .tuple(fc.nat(), fc.boolean(), fc.constantFrom(...CREATE_NAMES), fc.option(description, { nil: undefined }))
    .map(([at, reversed, tail, d]) => new Create(kind, at, reversed, tail, d));

/** Sequences of up to `maxLength` commands by the given tenants, creates and answers the most frequent. */
export function lifecycleCommands(roles: TenantRole[], maxLength: number): fc.Arbitrary<Step[]> {
  const pick = fc.nat({ max: 3 });
  const changes = changesArbitrary;
  const create = createCommand;
  const command = fc.oneof(
    { weight: 1, arbitrary: create('same') },
    { weight: 4, arbitrary: create('cross') },
    { weight: 2, arbitrary: fc.tuple(pick, relation(ACTING)).map(([at, r]) => new Show(at, r)) },
    { weight: 1, arbitrary: fc.constantFrom(...roles).map((viewer) => new List(viewer)) },
    { weight: 2, arbitrary: fc.tuple(pick, relation(ACTING), changes).map(([at, r, c]) => new Update(at, r, c)) },
    { weight: 6, arbitrary: fc.tuple(pick, relation(ANSWERING)).map(([at, r]) => new Accept(at, r)) },
    { weight: 5, arbitrary: fc.tuple(pick, relation(ANSWERING)).map(([at, r]) => new Reject(at, r)) },
    { weight: 2, arbitrary: fc.tuple(pick, relation(ACTING)).map(([at, r]) => new Delete(at, r)) },
  );
  return fc.noBias(fc.array<Step>(command, { maxLength, size: 'max' }));
}

// Requests sent together, and whether some order of them explains what came back: every answer,
// and the state they leave (src/model/linearizability.ts). In an order, each request is
// judged by the rules the sequential commands (commands.ts) hold a server to, on the same model:
// where the spec allows several answers, each is allowed here too. A server may still complete a
// delete in the background and serve its lists late: the state left is read through the settle
// window, and a request racing a delete is explained by the order that puts it first.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { SchemaPeering, SchemaPeeringResponse, SchemaUpdatePeeringRequest } from '../../generated/vpc-peering.ts';
import { peeringBetween } from '../suite/bodies.ts';
import type { Reply } from '../http/client.ts';
import { refusalCodes } from '../suite/expect.ts';
import { ConformanceFailure } from '../reports/failure.ts';
import type { PairKind } from '../run/leases.ts';
import { explainingOrders, type Placed } from './linearizability.ts';
import { wholeList } from '../http/paging.ts';
import type { TenantRole } from '../run/target-file.ts';
import {
  changesArbitrary,
  CREATE_NAMES,
  createOn,
  createdOn,
  PEERINGS,
  relation,
  targetOf,
  updateFields,
  type Changes,
  type Relation,
} from './commands.ts';
import { expectedView, isParty, live, partiesOf, shownView, type Model, type ModelPeering, type Real, type Status } from './model.ts';

/** A request of a batch as generated, before it is resolved against the model, as a command is. */
export type Move =
  | { verb: 'create'; kind: PairKind; pairAt: number; reversed: boolean; tail: string }
  | { verb: 'accept' | 'reject' | 'delete'; pick: number; relation: Relation }
  | { verb: 'update'; pick: number; relation: Relation; changes: Changes };

/** The race requirement a history breaks when a request of this kind has no place in any order. */
const RACE: Record<Move['verb'], string> = {
  create: 'PEER-RACE-001',
  accept: 'PEER-RACE-002',
  reject: 'PEER-RACE-002',
  delete: 'PEER-RACE-003',
  update: 'PEER-RACE-004',
};

/** A request of a batch, resolved: what it sends, and what it does at any place in an order. */
interface Racer {
  verb: Move['verb'];
  /** The call as made: `accepter accepts #1 (PUT /v2.0/vpc/peerings/…/accept)`. */
  call: string;
  /** The peering it creates or acts on. */
  label: string;
  send(): Promise<Reply<unknown>>;
  place(peerings: ModelPeering[], reply: Reply<unknown>): PlacedHere;
}

/** What the model says of a request at one place in an order: it must succeed, may, or must be refused. */
interface Due {
  succeeds: 'must' | 'may' | 'not';
  /** Why, as a clause: "#1 holds cross-1". */
  because: string;
  requirement: string;
}

const must = (because: string, requirement: string): Due => ({ succeeds: 'must', because, requirement });
const may = (because: string, requirement: string): Due => ({ succeeds: 'may', because, requirement });
const not = (because: string, requirement: string): Due => ({ succeeds: 'not', because, requirement });

/** Why an answer cannot come back at some place in an order, and the rule it would break there. */
interface Unexplained {
  why: string;
  breaks?: string;
}
type PlacedHere = Placed<ModelPeering[], Unexplained>;
const unexplained = (why: string, breaks?: string): PlacedHere => ({ unexplained: { why, ...(breaks && { breaks }) } });
/** The reason as a reader wants it, with the rule it breaks. */
const said = ({ why, breaks }: Unexplained) => (breaks ? `${why} (${breaks})` : why);

/** Judges an answer against what is due: a success goes on to `succeeded`, a refusal must carry an
 * allowed code and leaves the peerings as they are. */
function judged(
  peerings: ModelPeering[],
  reply: Reply<unknown>,
  success: number,
  due: Due,
  refusedAs: [string, ...string[]],
  succeeded: () => PlacedHere,
): PlacedHere {
  if (reply.status === success) {
    return due.succeeds === 'not' ? unexplained(`it succeeded, though ${due.because}`, due.requirement) : succeeded();
  }
  const codes = refusalCodes(...refusedAs);
  if (!codes.includes(reply.status))
    return unexplained(`it answered ${reply.status}: neither ${success} nor a refusal (${codes.join(', ')})`);
  return due.succeeds === 'must' ? unexplained(`it was refused, though ${due.because}`, due.requirement) : { next: peerings };
}

const changed = (peerings: ModelPeering[], p: ModelPeering, change: Partial<ModelPeering>) =>
  peerings.map((q) => (q === p ? { ...q, ...change } : q));
const labelled = (peerings: ModelPeering[], label: string) => peerings.find((p) => p.label === label)!;

function createRacer(model: Model, real: Real, move: Extract<Move, { verb: 'create' }>, label: string): Racer {
  const where = createOn(model, move.kind, move.pairAt, move.reversed);
  const { pairLabel, pair, cross, by, answeredBy, requestVpc, acceptVpc } = where;
  const name = model.namePrefix + move.tail;
  const body = peeringBetween({ kind: pair.kind, requestVpc, acceptVpc, acceptTenant: real.tenant(answeredBy) }, { name });
  const createdAs = cross ? 'PEER-CREATE-015' : 'PEER-CREATE-014';
  return {
    verb: 'create',
    call: `${by} creates ${label} on ${pairLabel}${move.reversed ? ' reversed' : ''} named "${name}" (POST ${PEERINGS})`,
    label,
    send: () => real.client(by).create(body),
    place(peerings, reply) {
      const onPair = peerings.filter((p) => !p.deleted && p.pair === pair);
      const holder = onPair.find((p) => p.status !== 'REJECTED');
      const due = holder
        ? not(`${holder.label} holds ${pairLabel}`, 'PEER-CREATE-017')
        : onPair.length > 0
          ? may(`only rejected ${onPair[0]!.label} is on ${pairLabel}`, 'SILENCE-003')
          : must(`no peering holds ${pairLabel}`, createdAs);
      return judged(peerings, reply, 201, due, ['PEER-CREATE-017'], () => {
        const created = (reply.data as SchemaPeeringResponse).peering;
        const p = createdOn(where, label, created.id, name);
        return isDeepStrictEqual(shownView(created), expectedView(p))
          ? { next: [...peerings, p] }
          : unexplained(`it answered ${JSON.stringify(shownView(created))}, not the peering it asked for`, createdAs);
      });
    },
  };
}

const ANSWERS = {
  accept: { outcome: 'ACTIVE', answers: 'PEER-ACCEPT-002', ownRequest: 'PEER-ACCEPT-003', notPending: 'PEER-ACCEPT-004' },
  reject: { outcome: 'REJECTED', answers: 'PEER-REJECT-002', ownRequest: 'PEER-REJECT-003', notPending: 'PEER-REJECT-004' },
} as const satisfies Record<'accept' | 'reject', { outcome: Status; answers: string; ownRequest: string; notPending: string }>;

/** `deletedAlongside`: the peerings a delete of the same batch races; a server that reads a peering
 * back after writing may already show such a one DELETED in an answer. */
function onPeeringRacer(
  model: Model,
  real: Real,
  move: Exclude<Move, { verb: 'create' }>,
  deletedAlongside: Set<string>,
): Racer | undefined {
  const target = targetOf(model, live(model), move.pick, move.relation);
  if (!target) return undefined;
  const {
    p: { label, id },
    actor,
  } = target;
  const client = real.client(actor);
  const racer = { verb: move.verb, label };
  const notParty = (p: ModelPeering, requirement: string) =>
    isParty(p, actor) ? undefined : not(`the ${actor} is party to neither side of ${p.label}`, requirement);
  const deleted = (p: ModelPeering) => (p.deleted ? not(`${p.label} was deleted`, 'PEER-DELETE-003') : undefined);

  if (move.verb === 'accept' || move.verb === 'reject') {
    const { outcome, answers, ownRequest, notPending } = ANSWERS[move.verb];
    return {
      ...racer,
      call: `${actor} ${move.verb}s ${label} (PUT ${PEERINGS}/${id}/${move.verb})`,
      send: () => (move.verb === 'accept' ? client.accept(id) : client.reject(id)),
      place(peerings, reply) {
        const p = labelled(peerings, label);
        const due =
          notParty(p, 'PEER-ACCEPT-005') ??
          deleted(p) ??
          (p.status === outcome && actor === p.answeredBy ? may(`${p.label} is ${outcome} already`, notPending) : undefined) ??
          (p.status !== 'PENDING_ACCEPTANCE' ? not(`${p.label} is ${p.status}`, notPending) : undefined) ??
          (actor !== p.answeredBy ? not(`${p.label} awaits the ${p.answeredBy}'s answer`, ownRequest) : undefined) ??
          must(`${p.label} is pending and awaits the ${actor}'s answer`, answers);
        return judged(peerings, reply, 200, due, ['PEER-ACCEPT-005', ownRequest, notPending], () => {
          const status = (reply.data as SchemaPeering).status;
          const readBack = status === 'DELETED' && deletedAlongside.has(label);
          return status === outcome || readBack
            ? { next: changed(peerings, p, { status: outcome }) }
            : unexplained(`it succeeded with status ${status}, not ${outcome}`, answers);
        });
      },
    };
  }
  if (move.verb === 'update') {
    const fields = updateFields(model, move.changes);
    return {
      ...racer,
      call: `${actor} updates ${label} to ${JSON.stringify(fields)} (PUT ${PEERINGS}/${id})`,
      send: () => client.update(id, { peering: fields } as SchemaUpdatePeeringRequest),
      place(peerings, reply) {
        const p = labelled(peerings, label);
        const due = notParty(p, 'PEER-UPDATE-007') ?? deleted(p) ?? must(`the ${actor} is party to ${p.label}`, 'PEER-UPDATE-005');
        return judged(peerings, reply, 200, due, ['PEER-UPDATE-007'], () => {
          // Only the fields it set: a server may read the rest back after other writes landed.
          const { name, description = '' } = (reply.data as SchemaPeeringResponse).peering;
          const answered = { ...(fields.name !== undefined && { name }), ...(fields.description !== undefined && { description }) };
          return isDeepStrictEqual(answered, fields)
            ? { next: changed(peerings, p, fields) }
            : unexplained(`it answered ${JSON.stringify(answered)}, not the fields it set`, 'PEER-UPDATE-006');
        });
      },
    };
  }
  return {
    ...racer,
    call: `${actor} deletes ${label} (DELETE ${PEERINGS}/${id})`,
    send: () => client.delete(id),
    place(peerings, reply) {
      const p = labelled(peerings, label);
      const due =
        notParty(p, 'PEER-DELETE-004') ??
        (p.deleted
          ? may(`${p.label} was deleted already (a repeated delete may be answered 204 or refused, SILENCE-016)`, 'SILENCE-016')
          : undefined) ??
        must(`the ${actor} is party to ${p.label}`, 'PEER-DELETE-002');
      return judged(peerings, reply, 204, due, ['PEER-DELETE-004'], () => ({ next: changed(peerings, p, { deleted: true }) }));
    },
  };
}

/** How a peering stands, as the model has it or as its parties show it: `gone` once deleted. */
const standing = (view: ReturnType<typeof shownView> | undefined) =>
  view ? `${view.status} "${view.name}" "${view.description}"` : 'gone';

interface Seen {
  /** Per peering, how each party's show has it, and the show's reply. */
  shown: Map<string, Map<TenantRole, { standing: string; reply: Reply<unknown> }>>;
  /** How the requester's list has each peering of this test: the model's label, or the id of one the model does not know. */
  listed: Map<string, string>;
  /** The list's last page. */
  list: Reply<unknown>;
}

/** Each party shows every peering of the batch, and the requester (party to every leased pair) lists. */
async function observe(model: Model, real: Real, peerings: ModelPeering[]): Promise<Seen> {
  const shown: Seen['shown'] = new Map();
  for (const p of peerings) {
    const byParty = new Map<TenantRole, { standing: string; reply: Reply<unknown> }>();
    for (const role of partiesOf(p)) {
      const reply = await real.client(role).show(p.id);
      byParty.set(role, {
        reply,
        standing:
          reply.status === 200
            ? standing(shownView((reply.data as SchemaPeeringResponse).peering))
            : reply.status === 404
              ? 'gone'
              : `answered ${reply.status}`,
      });
    }
    shown.set(p.label, byParty);
  }
  const labels = new Map(peerings.map((p) => [p.id, p.label]));
  const { peerings: listed, last } = await wholeList(real.client('requester'));
  const ours = listed.filter((p) => labels.has(p.id) || p.name.startsWith(model.namePrefix));
  return { shown, listed: new Map(ours.map((p) => [labels.get(p.id) ?? p.id, standing(shownView(p))])), list: last };
}

/** What was seen, one line: each party's show of each peering, then the requester's list. */
function seenLine(seen: Seen): string {
  const shows = [...seen.shown].flatMap(([label, byParty]) =>
    [...byParty].map(([role, { standing: shown }]) => `the ${role} shows ${label} ${shown}`),
  );
  const listed = [...seen.listed].map(([key, shown]) => `${key} ${shown}`);
  return [...shows, `the requester lists ${listed.length ? listed.join(', ') : 'none of them'}`].join('; ');
}

/** The first difference between the state an order leaves and the state seen, with the reply that
 * shows it; undefined when there is none. */
function difference(final: ModelPeering[], seen: Seen): { label: string; what: string; reply: Reply<unknown> } | undefined {
  for (const p of final) {
    const expected = standing(p.deleted ? undefined : expectedView(p));
    for (const [role, { standing: shown, reply }] of seen.shown.get(p.label) ?? []) {
      if (shown !== expected) return { label: p.label, what: `the ${role} shows ${p.label} ${shown}, not ${expected}`, reply };
    }
    const listed = seen.listed.get(p.label);
    if (p.deleted && listed) return { label: p.label, what: `the requester's list still has ${p.label} (${listed})`, reply: seen.list };
    if (!p.deleted && listed !== expected)
      return { label: p.label, what: `the requester's list has ${p.label} ${listed ?? 'missing'}, not ${expected}`, reply: seen.list };
  }
  const stranger = [...seen.listed.keys()].find((key) => !final.some((p) => p.label === key));
  return stranger
    ? { label: stranger, what: `the requester's list has ${stranger}, which no answer created`, reply: seen.list }
    : undefined;
}

/**
 * Sends the moves together (each on its own pooled connection, released in one tick), then
 * checks that some order of them explains every answer and, once settled, the state they left.
 * The model takes that state. A failure prints the batch as sent, each answer and when it came,
 * and why no order explains them.
 */
export async function raceBatch(model: Model, real: Real, moves: Move[]): Promise<void> {
  let creates = 0;
  const deletedAlongside = new Set(
    moves.flatMap((move) => (move.verb === 'delete' ? (targetOf(model, live(model), move.pick, move.relation)?.p.label ?? []) : [])),
  );
  const racers = moves.flatMap((move) =>
    move.verb === 'create'
      ? [createRacer(model, real, move, `#${model.peerings.length + ++creates}`)]
      : (onPeeringRacer(model, real, move, deletedAlongside) ?? []),
  );
  const released = performance.now();
  const settled = await Promise.allSettled(racers.map(async (racer) => ({ reply: await racer.send(), ms: performance.now() - released })));
  const thrown = settled.find((s) => s.status === 'rejected');
  if (thrown) throw thrown.reason;
  const answers = settled.map((s) => (s as PromiseFulfilledResult<{ reply: Reply<unknown>; ms: number }>).value);
  const history = racers.map(
    (racer, i) =>
      `${i === 0 ? 'Sent together:' : ''.padEnd(14)}  ${i + 1}. ${racer.call} -> ${answers[i]!.reply.status} (${Math.round(answers[i]!.ms)} ms)`,
  );
  const orderOf = (order: number[]) => order.map((i) => i + 1).join(' ');

  const { orders, closest, unplaceable } = explainingOrders(racers.length, model.peerings, (peerings, i) =>
    racers[i]!.place(peerings, answers[i]!.reply),
  );
  if (orders.length === 0 && unplaceable) {
    // Wherever it is placed the answer breaks a rule of its own: that rule, not a race, is to blame.
    const { request, why } = unplaceable;
    throw new ConformanceFailure({
      title: `request ${request + 1} of the ${racers.length} sent together cannot come back ${answers[request]!.reply.status} in any order: ${why.why}`,
      ...(why.breaks && { breaks: [why.breaks] }),
      history,
      exchange: answers[request]!.reply.exchange,
      expected: 'an answer some order of the requests would give',
    });
  }
  if (orders.length === 0) {
    const { order, why } = closest!;
    const stuck = order.at(-1)!;
    const before =
      order.length > 1
        ? `after ${order
            .slice(0, -1)
            .map((i) => `request ${i + 1}`)
            .join(', ')}, `
        : '';
    // What the batch left, for the reader: a read that fails must not hide the race it follows.
    const then = await observe(model, real, model.peerings).then(
      seenLine,
      (error: Error) => `the state could not be read: ${error.message.split('\n')[0]}`,
    );
    throw new ConformanceFailure({
      title: `no order of the ${racers.length} requests sent together explains their answers`,
      breaks: [RACE[racers[stuck]!.verb]],
      history: [
        ...history,
        `Then:           ${then}`,
        `No order explains them: ${before}request ${stuck + 1} (${racers[stuck]!.call}) cannot come back ${answers[stuck]!.reply.status}: ${said(why)}`,
      ],
      exchange: answers[stuck]!.reply.exchange,
      expected: 'answers that some order of the requests, one after another, would give',
    });
  }
  await repeatDoubleDeletes(
    model,
    real,
    racers,
    answers.map((a) => a.reply),
    history,
  );

  const byLabel = (final: ModelPeering[]) => [...final].sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  const finals = orders.map((o) => byLabel(o.final)).filter((final, i, all) => all.findIndex((f) => isDeepStrictEqual(f, final)) === i);
  await real.settled(async () => {
    const seen = await observe(model, real, finals[0]!);
    const differences = finals.map((final) => difference(final, seen));
    const matching = differences.findIndex((d) => d === undefined);
    if (matching >= 0) {
      model.peerings = finals[matching]!;
      return;
    }
    const { label, what, reply } = differences[0]!;
    const blamed = RACE[racers.find((r) => r.label === label)?.verb ?? 'create'];
    throw new ConformanceFailure({
      title: 'the requests sent together left a state no order of them leaves',
      breaks: [blamed],
      history: [
        ...history,
        `Then:           ${seenLine(seen)}`,
        `Unexplained:    ${what}`,
        `Orders of the requests that explain their answers: ${orders
          .slice(0, 3)
          .map((o) => orderOf(o.order))
          .join('; ')}${orders.length > 3 ? ` and ${orders.length - 3} more` : ''}`,
      ],
      exchange: reply.exchange,
      expected: finals
        .map((final) => final.map((p) => `${p.label} ${standing(p.deleted ? undefined : expectedView(p))}`).join(', '))
        .join('; or '),
    });
  });
}

/** Two deletes of one peering both answered 204: allowed only of a server that answers a repeated
 * delete 204 as well (SILENCE-016), so one more delete, now, must be answered 204 too. */
async function repeatDoubleDeletes(model: Model, real: Real, racers: Racer[], replies: Reply<unknown>[], history: string[]): Promise<void> {
  const deletedBy = racers.flatMap((r, i) => (r.verb === 'delete' && replies[i]!.status === 204 ? [r.label] : []));
  const deletedTwice = new Set(deletedBy.filter((label, i) => deletedBy.indexOf(label) !== i));
  for (const label of deletedTwice) {
    const p = model.peerings.find((q) => q.label === label)!;
    const again = await real.client(p.requestedBy).delete(p.id);
    if (again.status === 204) continue;
    throw new ConformanceFailure({
      title: `deletes of ${label} sent together were answered 204 more than once, but a repeated delete answers ${again.status}`,
      breaks: ['PEER-RACE-003'],
      history,
      exchange: again.exchange,
      expected: 'at most one 204 of the deletes sent together, as the server refuses a repeated delete',
    });
  }
}

/** Who answers a request in a batch: mostly the party awaited, whose answers can race. */
const RACING_ANSWERS: Record<Relation, number> = { awaited: 4, requesting: 1, neither: 1 };

/** Who updates or deletes a peering in a batch: mostly its parties, whose writes can race. */
const RACING_CHANGES: Record<Relation, number> = { awaited: 2, requesting: 2, neither: 1 };

/** A move on the same target: the other answer to a request (two of one answer come from the base
 * moves), an update of the field the other did not set (where a lost update shows), and, flipped,
 * the other direction of a create or the other party updating or deleting. */
function echo(move: Move, flipped: boolean): Move {
  if (move.verb === 'create') return { ...move, reversed: move.reversed !== flipped, tail: move.tail === 'a' ? 'b' : 'a' };
  if (move.verb === 'accept' || move.verb === 'reject') return { ...move, verb: move.verb === 'accept' ? 'reject' : 'accept' };
  const relation = flipped ? (move.relation === 'requesting' ? 'awaited' : 'requesting') : move.relation;
  if (move.verb === 'update')
    return { ...move, relation, changes: move.changes.tail === undefined ? { tail: 'z' } : { description: 'echo' } };
  return { ...move, relation };
}

/** A batch of 2 to `maxLength` requests on the model's pairs and peerings, by every tenant: one or
 * two moves, and echoes of them, so that every batch has requests contending for one pair or
 * one peering, where a check-then-act race shows. */
export function batchMoves(maxLength: number): fc.Arbitrary<Move[]> {
  const pick = fc.nat({ max: 3 });
  const onPeering = (verb: 'accept' | 'reject' | 'delete', weights: Record<Relation, number>) =>
    fc.tuple(pick, relation(weights)).map(([at, r]): Move => ({ verb, pick: at, relation: r }));
  const move = fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom<PairKind>('cross', 'cross', 'same'), fc.nat({ max: 1 }), fc.boolean(), fc.constantFrom(...CREATE_NAMES))
        .map(([kind, pairAt, reversed, tail]): Move => ({ verb: 'create', kind, pairAt, reversed, tail })),
    },
    { weight: 3, arbitrary: onPeering('accept', RACING_ANSWERS) },
    { weight: 3, arbitrary: onPeering('reject', RACING_ANSWERS) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(pick, relation(RACING_CHANGES), changesArbitrary)
        .map(([at, r, changes]): Move => ({ verb: 'update', pick: at, relation: r, changes })),
    },
    { weight: 2, arbitrary: onPeering('delete', RACING_CHANGES) },
  );
  const echoes = (base: Move[]) =>
    fc.array(
      fc.tuple(fc.nat(), fc.boolean()).map(([at, flipped]) => echo(base[at % base.length]!, flipped)),
      { minLength: 1, maxLength: maxLength - base.length },
    );
  return fc
    .array(move, { minLength: 1, maxLength: Math.min(2, maxLength - 1) })
    .chain((base) => echoes(base).map((more) => [...base, ...more]));
}

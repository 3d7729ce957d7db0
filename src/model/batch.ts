// Requests sent together, and whether some order of them explains what came back: every answer,
// and the state they leave (src/model/linearizability.ts). In an order, each answer is judged
// by what the spec allows the request at that point (src/model/outcomes.ts), the judgement the
// sequential commands make; where the spec leaves a choice, an order may take either unless the
// server chose before (in this order, or in the test before it), and a choice is held only once
// the order that explains the batch is settled. The state left is read through the settle window,
// each read judged against the states the batch and the writes before it passed through.
import type { RequirementId, SilenceId } from '../../generated/requirement-ids.ts';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { SchemaPeering, SchemaPeeringResponse, SchemaUpdatePeeringRequest } from '../../generated/vpc-peering.ts';
import { peeringBetween } from '../suite/bodies.ts';
import type { Reply } from '../http/client.ts';
import { ConformanceFailure, type FailureDetails } from '../http/failure.ts';
import { checked } from '../suite/evidence.ts';
import type { PairKind } from '../run/leases.ts';
import { explainingOrders, type Placed } from './linearizability.ts';
import { wholeList } from '../http/paging.ts';
import type { TenantRole } from '../document/target-file.ts';
import {
  changesArbitrary,
  CREATE_NAMES,
  createOn,
  PEERINGS,
  relation,
  targetOf,
  updateFields,
  type Changes,
  type Relation,
} from './commands.ts';
import { extended, judgeReads, listRead, showRead, standing, type Read, type ReadsVerdict } from './history.ts';
import { olderState } from '../http/waiter.ts';
import { live, partiesOf, type Model, type ModelPeering, type Real } from './model.ts';
import type { Version } from './versions.ts';
import { answeredCreate, DECIDED, decidedBy, judge, outcomes, type Choice, type Request, type Unexplained } from './outcomes.ts';

/** A request of a batch as generated, before it is resolved against the model, as a command is. */
export type Move =
  | { verb: 'create'; kind: PairKind; pairAt: number; reversed: boolean; tail: string }
  | { verb: 'accept' | 'reject' | 'delete'; pick: number; relation: Relation }
  | { verb: 'update'; pick: number; relation: Relation; changes: Changes };

/** The race requirement a history breaks when a request of this kind has no place in any order. */
const RACE: Record<Move['verb'], RequirementId> = {
  create: 'PEER-RACE-001',
  accept: 'PEER-RACE-002',
  reject: 'PEER-RACE-002',
  delete: 'PEER-RACE-003',
  update: 'PEER-RACE-004',
};

/** A request of a batch, resolved: what it sends, and the request the model judges its answer as. */
interface Racer {
  verb: Move['verb'];
  /** The call as made: `accepter accepts #1 (PUT /v2.0/vpc/peerings/…/accept)`. */
  call: string;
  /** The peering it creates or acts on. */
  label: string;
  caller: TenantRole;
  send(): Promise<Reply<unknown>>;
  /** A create's request carries the id its answer gave. */
  request(reply: Reply<unknown>): Request;
}

/** Where an order has got to: the peerings, the choices it has the server make where the spec is
 * silent (and the request that made each), and the answers it explains only as repeats. */
interface Standing {
  peerings: ModelPeering[];
  chose: Partial<Record<string, { made: Choice; request: number }>>;
  lapses: { request: number; breaks: RequirementId[] }[];
}

/** A silence's point, and the class of request within it where the silence lists classes. */
const silenceKey = ({ point, within }: Pick<Choice, 'point' | 'within'>) => (within ? `${point} ${within}` : point);

/** A race that breaks a rule: a check made, and failed. */
function broken(details: FailureDetails): never {
  checked(details.breaks);
  throw new ConformanceFailure(details);
}

/** The reason as a reader wants it, with the rule it breaks. */
const said = ({ why, breaks }: Unexplained) => (breaks?.length ? `${why} (${breaks.join(', ')})` : why);

function createRacer(model: Model, real: Real, move: Extract<Move, { verb: 'create' }>, label: string): Racer {
  const site = createOn(model, move.kind, move.pairAt, move.reversed);
  const { pairLabel, pair, by, answeredBy, requestVpc, acceptVpc } = site;
  const name = model.namePrefix + move.tail;
  const body = peeringBetween({ kind: pair.kind, requestVpc, acceptVpc, acceptTenant: real.tenant(answeredBy) }, { name });
  return {
    verb: 'create',
    call: `${by} creates ${label} on ${pairLabel}${move.reversed ? ' reversed' : ''} named "${name}" (POST ${PEERINGS})`,
    label,
    caller: by,
    send: () => real.client(by).create(body),
    request: (reply) => ({ verb: 'create', site, label, name, ...answeredCreate(reply) }),
  };
}

function onPeeringRacer(model: Model, real: Real, move: Exclude<Move, { verb: 'create' }>): Racer | undefined {
  const target = targetOf(model, live(model), move.pick, move.relation);
  if (!target) return undefined;
  const {
    p: { label, id },
    actor,
  } = target;
  const client = real.client(actor);
  const racer = { verb: move.verb, label, caller: actor };
  if (move.verb === 'update') {
    const fields = updateFields(model, move.changes);
    return {
      ...racer,
      call: `${actor} updates ${label} to ${JSON.stringify(fields)} (PUT ${PEERINGS}/${id})`,
      send: () => client.update(id, { peering: fields } as SchemaUpdatePeeringRequest),
      request: () => ({ verb: 'update', label, fields }),
    };
  }
  const { verb } = move;
  const sent = { accept: () => client.accept(id), reject: () => client.reject(id), delete: () => client.delete(id) }[verb];
  const path = verb === 'delete' ? `DELETE ${PEERINGS}/${id}` : `PUT ${PEERINGS}/${id}/${verb}`;
  return { ...racer, call: `${actor} ${verb}s ${label} (${path})`, send: sent, request: () => ({ verb, label }) };
}

/** What each party's show and the requester's list (the requester is party to every leased pair)
 * had of the batch's peerings. */
interface Seen {
  shows: { label: string; role: TenantRole; reply: Reply<unknown> }[];
  /** The peerings of the list that bear the test's name prefix or the id of one of the batch's. */
  listed: SchemaPeering[];
  list: Reply<unknown>;
}

async function observe(model: Model, real: Real, peerings: readonly ModelPeering[]): Promise<Seen> {
  const shows: Seen['shows'] = [];
  for (const p of peerings) {
    for (const role of partiesOf(p)) shows.push({ label: p.label, role, reply: await real.client(role).show(p.id) });
  }
  const ids = new Set(peerings.map((p) => p.id));
  const { peerings: listed, last } = await wholeList(real.client('requester'));
  return { shows, listed: listed.filter((p) => ids.has(p.id) || p.name.startsWith(model.namePrefix)), list: last };
}

/** What was seen, one line: each party's show of each peering, then the requester's list. */
function seenLine(seen: Seen, peerings: readonly ModelPeering[]): string {
  const shown = (reply: Reply<unknown>) =>
    reply.status === 200
      ? `${(reply.data as SchemaPeeringResponse).peering.status} "${(reply.data as SchemaPeeringResponse).peering.name}"`
      : `answered ${reply.status}`;
  const shows = seen.shows.map(({ label, role, reply }) => `the ${role} shows ${label} ${shown(reply)}`);
  const labelOf = (id: string) => peerings.find((p) => p.id === id)?.label ?? id;
  const listed = seen.listed.map((p) => `${labelOf(p.id)} ${p.status} "${p.name}" "${p.description ?? ''}"`);
  return [...shows, `the requester lists ${listed.length ? listed.join(', ') : 'none of them'}`].join('; ');
}

/** The reads of `seen`, each against its peering's versions. */
function readsOf(seen: Seen, versions: ReadonlyMap<string, readonly Version<ModelPeering>[]>, peerings: readonly ModelPeering[]): Read[] {
  return [
    ...seen.shows.map(({ label, role, reply }) => showRead(`the ${role}`, role, reply, versions.get(label)!)),
    ...peerings.map((p) =>
      listRead(
        `the requester's list`,
        'requester',
        seen.list,
        seen.listed.find((q) => q.id === p.id),
        versions.get(p.label)!,
      ),
    ),
  ];
}

/**
 * Sends the moves together (each on its own pooled connection, released in one tick), then
 * checks that some order of them explains every answer and, once settled, the state they left.
 * The model takes that state and its history, and the server is held to the choices that order
 * made. A failure prints the batch as sent, each answer and when it came, and why no order
 * explains them.
 */
export async function raceBatch(model: Model, real: Real, moves: Move[]): Promise<void> {
  let creates = 0;
  const racers = moves.flatMap((move) =>
    move.verb === 'create'
      ? [createRacer(model, real, move, `#${model.peerings.length + ++creates}`)]
      : (onPeeringRacer(model, real, move) ?? []),
  );
  const deleting = new Set(racers.filter((r) => r.verb === 'delete').map((r) => r.label));
  const released = performance.now();
  const settled = await Promise.allSettled(racers.map(async (racer) => ({ reply: await racer.send(), ms: performance.now() - released })));
  const thrown = settled.find((s) => s.status === 'rejected');
  if (thrown) throw thrown.reason;
  const answers = settled.map((s) => (s as PromiseFulfilledResult<{ reply: Reply<unknown>; ms: number }>).value);
  const answeredAt = Date.now();
  const history = racers.map(
    (racer, i) =>
      `${i === 0 ? 'Sent together:' : ''.padEnd(14)}  ${i + 1}. ${racer.call} -> ${answers[i]!.reply.status} (${Math.round(answers[i]!.ms)} ms)`,
  );
  const orderOf = (order: number[]) => order.map((i) => i + 1).join(' ');

  /** Request `i` placed next: the same judgement a sequential command makes, at this point. */
  const place = (standing: Standing, i: number, lapses: boolean): Placed<Standing, Unexplained> => {
    const { reply } = answers[i]!;
    const allowed = outcomes(standing.peerings, racers[i]!.request(reply), racers[i]!.caller);
    const chosen = (point: SilenceId, within?: string) =>
      standing.chose[silenceKey({ point, within })]?.made.choice ?? model.choices.at(point, within);
    const judged = judge(allowed, reply, { chosen, together: { deleting }, lapses });
    if ('unexplained' in judged) return judged;
    const { next, silence, lapses: broken } = judged;
    return {
      next: {
        peerings: next,
        chose:
          silence && !standing.chose[silenceKey(silence)]
            ? { ...standing.chose, [silenceKey(silence)]: { made: silence, request: i } }
            : standing.chose,
        lapses: broken ? [...standing.lapses, { request: i, breaks: broken }] : standing.lapses,
      },
    };
  };
  const start: Standing = { peerings: model.peerings, chose: {}, lapses: [] };
  const search = (lapses: boolean) => explainingOrders(racers.length, start, (standing, i) => place(standing, i, lapses));
  const { orders, closest, unplaceable } = search(false);
  if (orders.length === 0 && unplaceable) {
    // Wherever it is placed the answer breaks a rule of its own: that rule, not a race, is to blame.
    const { request, why } = unplaceable;
    broken({
      title: `request ${request + 1} of the ${racers.length} sent together cannot come back ${answers[request]!.reply.status} in any order: ${why.why}`,
      ...(why.breaks && { breaks: why.breaks }),
      history,
      exchange: answers[request]!.reply.exchange,
      expected: 'an answer some order of the requests would give',
    });
  }
  if (orders.length === 0) {
    // What the batch left, for the reader: a read that fails must not hide the race it follows.
    const then = await observe(model, real, model.peerings).then(
      (seen) => seenLine(seen, model.peerings),
      (error: Error) => `the state could not be read: ${error.message.split('\n')[0]}`,
    );
    const repeated = search(true).orders[0];
    if (repeated) {
      // Every answer fits some order once an answer may repeat one already given: the rule that
      // refuses a repeat is broken, not the race.
      const { request, breaks } = repeated.final.lapses[0]!;
      broken({
        title: `request ${request + 1} of the ${racers.length} sent together succeeded only as a repeat of an answer already given`,
        breaks,
        history: [
          ...history,
          `Then:           ${then}`,
          `Explained as:   ${orderOf(repeated.order)}, request ${request + 1} answering again`,
        ],
        exchange: answers[request]!.reply.exchange,
        expected: 'a refusal of an answer to a peering that is no longer pending',
      });
    }
    const { order, why } = closest!;
    const stuck = order.at(-1)!;
    const before =
      order.length > 1
        ? `after ${order
            .slice(0, -1)
            .map((i) => `request ${i + 1}`)
            .join(', ')}, `
        : '';
    broken({
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

  const byLabel = (peerings: readonly ModelPeering[]) =>
    [...peerings].sort((a, b) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  const finals = orders
    .map((o) => byLabel(o.final.peerings))
    .filter((final, i, all) => all.findIndex((f) => isDeepStrictEqual(f, final)) === i)
    .map((peerings) => {
      const leading = orders.filter((o) => isDeepStrictEqual(byLabel(o.final.peerings), peerings));
      return {
        peerings,
        leading,
        versions: versionsTo(
          model,
          leading.map((o) => statesAlong(o.order)),
          answeredAt,
        ),
      };
    });
  /** The peerings after each request of an order, as it was explained. */
  function statesAlong(order: number[]): ModelPeering[][] {
    const states: ModelPeering[][] = [];
    order.reduce((standing, i) => {
      const { next } = place(standing, i, false) as { next: Standing };
      states.push(next.peerings);
      return next;
    }, start);
    return states;
  }

  let settledOn: (typeof finals)[number] | undefined;
  await real.settled(async () => {
    const seen = await observe(model, real, finals[0]!.peerings);
    const stranger = seen.listed.find((p) => !finals[0]!.peerings.some((q) => q.id === p.id));
    const verdicts = finals.map((final) => judgeReads(readsOf(seen, final.versions, final.peerings), real.settleMs));
    const matching = verdicts.findIndex((v) => v.matches === 'latest');
    if (!stranger && matching >= 0) {
      settledOn = finals[matching];
      return;
    }
    const lagging = stranger ? undefined : verdicts.find((v) => v.matches === 'older');
    const { read, details } = (lagging ?? verdicts.find((v) => v.matches !== 'latest') ?? {}) as Partial<
      Exclude<ReadsVerdict, { matches: 'latest' }>
    >;
    const label = read?.versions.at(-1)!.peering.label;
    // With two or more requests of the batch on that peering, their order may be what went wrong: the
    // race rule of those that changed it (not those refused on it) is broken. With one or none,
    // nothing raced on it; a read still showing an older state when every request on the peering
    // was refused shows no write of the batch landing; and a read showing the peering absent when
    // no request of the batch creates or deletes it shows what no order, nor any interleaving, of
    // accepts, rejects and updates leaves (none of them removes a peering): in each case the read
    // breaks its own rule (a list leaving the peering out, PEER-LIST-002).
    const onIt = racers.flatMap((racer, i) => (racer.label === label ? [{ racer, reply: answers[i]!.reply }] : []));
    const changedIt = onIt.filter(({ reply }) => reply.status < 300);
    const latest = read?.versions.at(-1)!.peering;
    // Of those that changed it, the one whose field the read gets wrong names the race: a read
    // that fits once one field is put back as an earlier state had it lost that field's write.
    const wrongFields = DECIDED.filter(
      (field) =>
        latest !== undefined &&
        read!.versions.some(({ peering }) => peering[field] !== latest[field] && read!.fits({ ...latest, [field]: peering[field] })),
    );
    const decidesWrongField = ({ racer, reply }: (typeof onIt)[number]) => {
      const request = racer.request(reply);
      return request.verb !== 'create' && request.verb !== 'list' && decidedBy(request).some((f) => wrongFields.includes(f));
    };
    const raceRule = RACE[(changedIt.find(decidesWrongField) ?? changedIt[0] ?? onIt[0])?.racer.verb ?? 'create'];
    const absentUnraced =
      latest !== undefined &&
      read!.fits({ ...latest, deleted: true }) &&
      !onIt.some(({ racer }) => racer.verb === 'create' || racer.verb === 'delete');
    const nothingRaced = onIt.length < 2 || (changedIt.length === 0 && lagging !== undefined) || absentUnraced;
    const failure = {
      title: 'the requests sent together left a state no order of them leaves',
      breaks: !stranger && nothingRaced && details?.breaks?.length ? details.breaks : [raceRule],
      history: [
        ...history,
        `Then:           ${seenLine(seen, finals[0]!.peerings)}`,
        `Unexplained:    ${stranger ? `the requester's list has ${stranger.id} "${stranger.name}", which no answer created` : details!.title}`,
        `Orders of the requests that explain their answers: ${orders
          .slice(0, 3)
          .map((o) => orderOf(o.order))
          .join('; ')}${orders.length > 3 ? ` and ${orders.length - 3} more` : ''}`,
      ],
      exchange: (stranger ? seen.list : read!.reply).exchange,
      expected: finals.map((final) => final.peerings.map((p) => `${p.label} ${standing(p)}`).join(', ')).join('; or '),
    };
    if (lagging) olderState(failure);
    broken(failure);
  });
  await settle(
    model,
    real,
    racers,
    answers.map((a) => a.reply),
    history,
    settledOn!,
    statesAlong,
    answeredAt,
  );
}

/** Per peering, the versions a read may show once the batch has left `final`: those before the
 * batch, every state an order leading to it passed through, superseded when the answers came,
 * and the final state, latest. */
function versionsTo(model: Model, paths: ModelPeering[][][], at: number): Map<string, Version<ModelPeering>[]> {
  const [first, ...others] = paths.map((states) =>
    states.reduce((history, next) => extended(history, next, at), model.history as Map<string, Version<ModelPeering>[]>),
  );
  for (const other of others) {
    for (const [label, versions] of other) {
      const into = first!.get(label)!;
      const latest = into.pop()!;
      for (const v of versions) if (v.supersededAt !== undefined && !into.some((w) => isDeepStrictEqual(w, v))) into.push(v);
      into.push(latest);
    }
  }
  return first!;
}

/** The model takes the state the batch settled on, and the history of the first order leading to it;
 * the server is held to each choice every such order made where the spec is silent. A repeated delete
 * answered 204 (SILENCE-016) is confirmed first by one more delete, sent alone. */
async function settle(
  model: Model,
  real: Real,
  racers: Racer[],
  replies: Reply<unknown>[],
  history: string[],
  final: { leading: { order: number[]; final: Standing }[] },
  statesAlong: (order: number[]) => ModelPeering[][],
  at: number,
): Promise<void> {
  const [first, ...others] = final.leading;
  for (const next of statesAlong(first!.order)) model.history = extended(model.history, next, at);
  model.peerings = first!.final.peerings;
  for (const [key, { made, request }] of Object.entries(first!.final.chose) as [string, { made: Choice; request: number }][]) {
    const { point, choice, within } = made;
    if (others.some((o) => o.final.chose[key]?.made.choice !== choice)) continue;
    let reply = replies[request]!;
    if (point === 'SILENCE-016' && choice === 'idempotent' && model.choices.at(point) === undefined) {
      const p = model.peerings.find((q) => q.label === racers[request]!.label)!;
      reply = await real.client(p.requestedBy).delete(p.id);
      if (reply.status !== 204)
        broken({
          title: `deletes of ${p.label} sent together were answered 204 more than once, but a repeated delete answers ${reply.status}`,
          breaks: ['PEER-RACE-003'],
          history,
          exchange: reply.exchange,
          expected: 'at most one 204 of the deletes sent together, as the server refuses a repeated delete',
        });
    }
    model.choices.hold(point, choice, reply, within);
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

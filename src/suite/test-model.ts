// A contract test's peerings as the one model of what the spec allows holds them
// (src/model/outcomes.ts), so that the tests state behaviour and the model decides every rule: a
// test says what it expects of a request (it succeeds, it is refused, or either where the sources
// leave the choice), the model must agree, and the reply is judged by the outcomes the model
// allows, as the lifecycle's commands judge theirs: the codes a refusal may have, the state it
// leaves, the requirement a wrong answer breaks and the silence a choice belongs to all come from
// the model. Reads are judged against the states the test's writes passed the peerings through
// (src/model/history.ts): an older state within the settle window is read again, anything else
// fails at once.
import type { SchemaCreatePeeringRequest, SchemaPeering, SchemaPeeringResponse } from '../../generated/vpc-peering.ts';
import type { ListQuery, PeeringClient, Reply } from '../http/client.ts';
import { wholeList } from '../http/paging.ts';
import type { PairKind, VpcPair } from '../run/leases.ts';
import type { TenantRole } from '../document/target-file.ts';
import { answered } from '../model/commands.ts';
import { serverChoices } from '../model/choices.ts';
import { expectReads, listRead, showRead, type ShowBlame } from '../model/history.ts';
import { emptyModel, partiesOf, type Model, type ModelPeering } from '../model/model.ts';
import {
  admittedBy,
  allowedAnswers,
  answeredCreate,
  decidedBy,
  outcomes,
  type Caller,
  type ListFilter,
  type Request,
  type Site,
} from '../model/outcomes.ts';
import { runContext, type Api } from './api.ts';
import { peeringBetween } from './bodies.ts';
import { expectStatus, expectThat } from './expect.ts';

/** What a test states of a request: the model must allow that, and only that. */
type Expectation = 'succeeds' | 'refused' | 'either';

type Fields = { name: string; description?: string };
type CreateLacks = Extract<Request, { verb: 'create' }>['lacks'];
type UpdateLacks = Extract<Request, { verb: 'update' }>['lacks'];

/** An AK/SK signature made with a key that is not the tenant's. */
const FORGED_SK = 'not-the-secret-key';

export class TestModel {
  private readonly model: Model;
  /** Per peering, what a read of it breaks when no state explains it: what the last write to it
   * named (none after a create, whose reads break what a show or list breaks). */
  private readonly leftBehind = new Map<string, ShowBlame>();

  /** `clients` stand in for the api's own, as a signed one for the requester. */
  constructor(
    private readonly api: Api,
    private readonly clients: Partial<Record<Caller, PeeringClient>> = {},
  ) {
    this.model = emptyModel(
      api.target.tenants.map((t) => t.role),
      [],
      api.name(),
      serverChoices,
    );
  }

  /** A stateless mock answers from its examples: only its statuses are judged. */
  private get stateful(): boolean {
    return this.api.target.capabilities.includes('state');
  }

  /** `by` asks for a peering on `on` (a pair leased for the test, leased here when a kind), sent
   * as `peeringBetween` writes it; gives it as the model holds it when it is created. */
  async create(by: Caller, on: PairKind | VpcPair, fields: Fields): Promise<ModelPeering>;
  async create(by: Caller, on: PairKind | VpcPair, fields: Fields, expect: Expectation): Promise<ModelPeering | undefined>;
  async create(by: Caller, on: PairKind | VpcPair, fields: Fields, expect: Expectation = 'succeeds') {
    const pair = typeof on === 'string' ? await this.api.lease(on) : on;
    return (await this.createRaw(by, pair, peeringBetween(pair, fields), fields, expect)).created;
  }

  /** `by` sends `body`, which lacks what `lacks` names of a create on `pair`: it must be refused. */
  async createLacking(by: TenantRole, pair: VpcPair, body: unknown, lacks: NonNullable<CreateLacks>): Promise<Reply<unknown>> {
    return (await this.createRaw(by, pair, body, { name: '' }, 'refused', lacks)).reply;
  }

  private async createRaw(
    by: Caller,
    pair: VpcPair,
    body: SchemaCreatePeeringRequest | unknown,
    { name, description }: Partial<Fields>,
    expect: Expectation,
    lacks?: CreateLacks,
  ): Promise<{ created?: ModelPeering; reply: Reply<unknown> }> {
    const site = this.siteOf(by, pair);
    const label = `#${this.model.peerings.length + 1}`;
    const request = (reply?: Reply<unknown>): Request => ({
      verb: 'create',
      site,
      label,
      name: name ?? '',
      ...(description !== undefined && { description }),
      ...(reply ? answeredCreate(reply) : { id: '', stamp: {} }),
      ...(lacks && { lacks }),
    });
    const made = `the ${by} creates ${label} between ${pair.requestVpc} and ${pair.acceptVpc}`;
    const reply = await this.judged(by, request, expect, made, (client) => client.createRaw(body));
    const created = reply.status === 201 ? this.model.peerings.find((p) => p.label === label) : undefined;
    return { ...(created && { created }), reply };
  }

  async update(
    caller: Caller,
    p: ModelPeering,
    fields: Partial<Fields>,
    expect: Expectation = 'succeeds',
  ): Promise<Reply<SchemaPeeringResponse>> {
    const made = `the ${caller} updates ${p.label} to ${JSON.stringify(fields)}`;
    return this.judged(
      caller,
      () => ({ verb: 'update', label: p.label, fields }),
      expect,
      made,
      (c) => c.updateRaw(p.id, { peering: fields }),
    );
  }

  /** `caller` sends `body`, which lacks what `lacks` names of an update: it must be refused. */
  async updateLacking(caller: TenantRole, p: ModelPeering, body: unknown, lacks: NonNullable<UpdateLacks>): Promise<void> {
    const made = `the ${caller} updates ${p.label} with ${JSON.stringify(body)}`;
    await this.judged(
      caller,
      () => ({ verb: 'update', label: p.label, fields: {}, lacks }),
      'refused',
      made,
      (c) => c.updateRaw(p.id, body),
    );
  }

  async accept(caller: Caller, p: ModelPeering, expect: Expectation = 'succeeds'): Promise<Reply<SchemaPeering>> {
    return this.judged(
      caller,
      () => ({ verb: 'accept', label: p.label }),
      expect,
      `the ${caller} accepts ${p.label}`,
      (c) => c.accept(p.id),
    );
  }

  async reject(caller: Caller, p: ModelPeering, expect: Expectation = 'succeeds'): Promise<Reply<SchemaPeering>> {
    return this.judged(
      caller,
      () => ({ verb: 'reject', label: p.label }),
      expect,
      `the ${caller} rejects ${p.label}`,
      (c) => c.reject(p.id),
    );
  }

  async delete(caller: Caller, p: ModelPeering, expect: Expectation = 'succeeds'): Promise<Reply<unknown>> {
    return this.judged(
      caller,
      () => ({ verb: 'delete', label: p.label }),
      expect,
      `the ${caller} deletes ${p.label}`,
      (c) => c.delete(p.id),
    );
  }

  /** A show of `p` by a caller the model says may not see it: neither party, or not authenticated. */
  async showRefused(caller: Caller, p: ModelPeering): Promise<void> {
    await this.judged(
      caller,
      () => ({ verb: 'show', label: p.label }),
      'refused',
      `the ${caller} shows ${p.label}`,
      (c) => c.show(p.id),
    );
  }

  /** A show, by `caller`, of `id`, which names no peering that ever existed. */
  async showNeverMade(caller: TenantRole, id: string): Promise<Reply<unknown>> {
    return this.judged(
      caller,
      () => ({ verb: 'show', label: id }),
      'refused',
      `the ${caller} shows ${id}, which never existed`,
      (c) => c.show(id),
    );
  }

  /** A list by a caller the model says may not list at all. */
  async listRefused(caller: Caller): Promise<void> {
    await this.judged(
      caller,
      () => ({ verb: 'list' }),
      'refused',
      `the ${caller} lists`,
      (c) => c.list(),
    );
  }

  /**
   * Each of `parties` (every party to `p`, by default) shows it, judged against the states the
   * test's writes passed it through: the latest passes, an older one still within the settle
   * window is read again, anything else fails at once. On a stateless mock, which shows its
   * examples, only the requester's show is read, and must answer 200.
   */
  async expectShown(p: ModelPeering, parties: readonly TenantRole[] = partiesOf(p)): Promise<void> {
    if (!this.stateful) {
      expectStatus(await this.api.requester.show(p.id), 200, `show of ${p.label} no longer answers 200`);
      return;
    }
    const versions = this.model.history.get(p.label)!;
    for (const role of parties) {
      await this.api.settled(async () =>
        expectReads(
          [showRead(`the ${role}'s show`, role, await this.client(role).show(p.id), versions, this.leftBehind.get(p.label))],
          runContext.settleMs,
        ),
      );
    }
  }

  /**
   * Each of `viewers` lists (every page; filtered by `filter`), and each of the test's peerings
   * is judged against its own history as the filter lists it: a list may lag behind one write and
   * not another. Peerings the test did not make are left to other tests, but a filter's `id`,
   * `name` and `status` must be theirs too.
   */
  async expectListed(viewers: readonly TenantRole[], filter?: ListFilter): Promise<void> {
    for (const viewer of viewers) {
      await this.api.settled(async () =>
        this.expectList(viewer, await wholeList(this.client(viewer), filter ? this.queryOf(filter) : {}), filter),
      );
    }
  }

  /** Judges a list `viewer` read, filtered by `filter`, as `expectListed` does: for a list read
   * another way (a walk of its next links). Read again through `api.settled`. */
  expectList(viewer: TenantRole, { peerings, last }: { peerings: SchemaPeering[]; last: Reply<unknown> }, filter?: ListFilter): void {
    const who = `the ${viewer}'s list${filter ? ` filtered by ${JSON.stringify(filter)}` : ''}`;
    if (filter) {
      const stray = peerings.find((entry) => !admittedBy(filter, entry));
      expectThat(
        !stray,
        `${who} has ${stray?.id}, which has not the value filtered by`,
        last,
        `only peerings with ${JSON.stringify(filter)}`,
        ['PEER-LIST-004'],
      );
    }
    const reads = this.model.peerings.map((p) =>
      listRead(
        who,
        viewer,
        last,
        peerings.find((entry) => entry.id === p.id),
        this.model.history.get(p.label)!,
        filter,
      ),
    );
    expectReads(reads, runContext.settleMs);
  }

  /** After a refused request: each party still shows the peering as the test's writes left it,
   * and lists it so. */
  async expectRemains(p: ModelPeering): Promise<void> {
    await this.expectShown(p);
    if (this.stateful) await this.expectListed(partiesOf(p));
  }

  /** Sends a request, judges its reply by the outcomes the model allows, which must be what the
   * test expects, and moves the model on. */
  private async judged<T>(
    caller: Caller,
    request: (reply?: Reply<unknown>) => Request,
    expect: Expectation,
    made: string,
    send: (client: PeeringClient) => Promise<Reply<T>>,
  ): Promise<Reply<T>> {
    // Asked before the request is sent: a test at odds with the model is the suite's fault.
    const allowed = outcomes(this.model.peerings, request(), caller);
    const legal =
      (expect === 'refused' ? !allowed.success.legal : allowed.success.legal) &&
      (expect === 'succeeds' ? !allowed.refusal.legal : allowed.refusal.legal);
    if (!legal) throw new Error(`the test expects ${made} to be ${expect}, but the model allows ${allowedAnswers(allowed) || 'nothing'}`);
    const reply = await send(this.client(caller));
    const judged = request(reply);
    const breaks = answered(this.model, judged, caller, reply, made, { statusOnly: !this.stateful });
    if (judged.verb !== 'create' && judged.verb !== 'list' && breaks) {
      // A read still showing the state before the last write that succeeded breaks that write's
      // rule, whatever was refused since.
      const staleBreaks = reply.status < 300 ? breaks : this.leftBehind.get(judged.label)?.staleBreaks;
      this.leftBehind.set(judged.label, { breaks, decides: decidedBy(judged), ...(staleBreaks && { staleBreaks }) });
    }
    return reply;
  }

  /** Where a create on `pair` by `by` goes: the pair as first met (a create in the other direction
   * names the same pair), and who stands where in the peering. */
  private siteOf(by: Caller, pair: VpcPair): Site {
    const same = (q: VpcPair) => new Set([q.requestVpc, q.acceptVpc, pair.requestVpc, pair.acceptVpc]).size === 2;
    let known = this.model.pairs.find(({ pair: q }) => same(q));
    if (!known) {
      known = { label: `${pair.kind}-${this.model.pairs.length + 1}`, pair };
      this.model.pairs.push(known);
    }
    const creator: TenantRole = by === 'accepter' ? 'accepter' : 'requester';
    const cross = known.pair.kind === 'cross';
    const answeredBy: TenantRole = cross ? (creator === 'requester' ? 'accepter' : 'requester') : creator;
    return {
      pairLabel: known.label,
      pair: known.pair,
      cross,
      by: creator,
      answeredBy,
      requestVpc: pair.requestVpc,
      acceptVpc: pair.acceptVpc,
    };
  }

  /** A filter as the list query writes it. */
  private queryOf({ tenant, ...filter }: ListFilter): ListQuery {
    const tenantId = tenant && this.api.target.tenants.find((t) => t.role === tenant)!.projectId;
    return { ...filter, ...(tenantId && { tenant_id: tenantId }) } as ListQuery;
  }

  private client(caller: Caller): PeeringClient {
    const own = this.clients[caller];
    if (own) return own;
    switch (caller) {
      case 'requester':
      case 'accepter':
      case 'outsider':
      case 'anonymous':
      case 'stranger':
        return this.api[caller];
      case 'forger':
        return this.api.signed('requester', { sk: FORGED_SK });
    }
  }
}

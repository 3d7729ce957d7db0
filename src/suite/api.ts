// What every conformance test is given: `api`, a fixture made fresh for each test. It holds a
// validating client per tenant (and, in `api.unvalidated`, one that is not), leases VPC pairs,
// writes each created peering to the ledger, and after the test (passed or failed) deletes what
// it created, last first. A test whose requirements need more than the target offers is skipped,
// with the reason, before it starts.
import { randomUUID } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { test as base, inject } from 'vitest';
import { PeeringClient, type CreatedPeering, type Credentials } from '../http/client.ts';
import { eventWriter, namePrefix } from '../run/run-files.ts';
import { RunStopped } from '../run/run-stop.ts';
import { LeftoversInTheWay } from '../run/suite-trouble.ts';
import { Transport } from '../http/transport.ts';
import { ExchangeRecorder } from '../http/exchange-record.ts';
import { requirement } from '../document/document.ts';
import { deleteUntilGone } from '../http/deletion.ts';
import { Leases, pairsOf, type Lease, type Leftover, type PairKind, type VpcPair } from '../run/leases.ts';
import { missingCapability, NOT_APPLICABLE, type Target } from '../run/target.ts';
import { credentialsOf, type ResolvedTenant, type TenantRole } from '../document/target-file.ts';
import { eventually } from '../http/waiter.ts';
import { testSpanIdOf } from '../http/trace.ts';
import type { RunContext } from '../run/context.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    runContext: RunContext;
  }
}

export const runContext = inject('runContext');
const tenant = (role: TenantRole) => runContext.target.tenants.find((t) => t.role === role);
const requesterTenant = tenant('requester')!;
const accepterTenant = tenant('accepter')!;
const outsiderTenant = tenant('outsider');
/** Tells the run what this worker did, the moment it did it: the ledger's events first among them,
 * which the run's sweep must find even after a Ctrl-C, or this worker ended mid-test. */
const tell = eventWriter(runContext.runDir);
// Half the test's time, so that a pair never freed fails with the lease's own sentence.
const leases = new Leases(runContext.runDir, pairsOf(requesterTenant, accepterTenant), runContext.testTimeoutMs / 2);

/** This worker's wire, which every client here is given: files share the worker's modules, so a
 * deadline missed in one test is remembered in the next, and each test's end writes down the
 * traffic and the exchanges since the last. A worker is a thread of the run's process (the
 * `threads` pool, modules evaluated once per worker), so its thread id tells its exchanges' ids
 * from every other worker's. */
// Prefixed with the run id, so that an entry a failure names is one entry of any merged HAR too.
const recorder = new ExchangeRecorder(`${runContext.runId}-w${threadId}`);
const transport = new Transport(recorder, runContext.traceId);

/** Every client's deadline and transport, and where its retries are written down for the report. */
const wire = {
  deadlineMs: runContext.deadlineMs,
  transport,
  onRetry: (status: number) => tell({ type: 'retry', status }),
};

/** Every name this run gives starts with it, so a sweep can tell the run's peerings from anyone else's. */
export const NAME_PREFIX = namePrefix(runContext.runId);

export class Api {
  readonly requester: PeeringClient;
  readonly accepter: PeeringClient;
  /** No credentials at all. */
  readonly anonymous: PeeringClient;
  /** A token the server has never issued. */
  readonly stranger: PeeringClient;
  private readonly outsiderClient?: PeeringClient;
  private unvalidatedClients?: { requester: PeeringClient; accepter: PeeringClient; anonymous: PeeringClient };
  /** What this test created: each a leftover until its delete is confirmed. */
  private readonly created: Leftover[] = [];
  private readonly held: Lease['release'][] = [];
  /** The clients cleanup deletes with: apart from the tests' own, so that a test's end, which
   * stops its clients, never stops its cleanup; sent to the server itself, past Prism's proxy, and
   * unvalidated, so that a server whose answers break the document (which the tests judge) still
   * has what they created deleted. */
  private readonly janitors: Map<TenantRole, PeeringClient>;
  /** This test's span in the run's trace: the parent of each of its requests' (src/http/trace.ts). */
  private readonly testSpanId: string;
  /** Peerings whose delete this test waited to complete: for the bench's floor. */
  private deletesWaited = 0;
  /** What this test could not confirm deleted: named to the next holder of its pairs. */
  private readonly leftovers: Leftover[] = [];
  /** Requests of this test on the wire; once it has ended, no new one is sent. */
  private inFlight = 0;
  private ended = false;
  private readonly idle = new Set<() => void>();
  private readonly gate = {
    enter: () => {
      if (this.runStopped) throw new RunStopped();
      if (this.ended || this.abortedBy === 'timeout') throw new Error(`not sent: "${this.testName}" has ended (its time ran out)`);
      this.inFlight++;
    },
    leave: () => {
      if (--this.inFlight === 0) for (const done of this.idle) done();
    },
  };

  /** `signal` is the test's: vitest aborts it when the test times out or the run is stopped.
   * `recordedAs` is what the test's exchanges are attributed to in the run's record of them. */
  constructor(
    private readonly testName: string,
    private readonly skip: (note: string) => never,
    private readonly signal: AbortSignal,
    private readonly recordedAs: { test: string; requirements: string[] },
  ) {
    this.testSpanId = testSpanIdOf(recordedAs.test);
    this.janitors = new Map(
      runContext.target.tenants.map((t) => [
        t.role,
        new PeeringClient(runContext.target.serverUrl, credentialsOf(t), { ...wire, testSpanId: this.testSpanId, validate: false }),
      ]),
    );
    this.requester = this.clientFor(requesterTenant);
    this.accepter = this.clientFor(accepterTenant);
    if (outsiderTenant) this.outsiderClient = this.clientFor(outsiderTenant);
    this.anonymous = new PeeringClient(runContext.target.baseUrl, {}, { ...wire, testSpanId: this.testSpanId });
    this.stranger = new PeeringClient(
      runContext.target.baseUrl,
      { token: `not-issued-${runContext.runId}` },
      { ...wire, testSpanId: this.testSpanId },
    );
  }

  get target(): Target {
    return runContext.target;
  }

  get tenants(): { requester: ResolvedTenant; accepter: ResolvedTenant } {
    return { requester: requesterTenant, accepter: accepterTenant };
  }

  /** The outsider's client; the test is skipped when the target file names no outsider. */
  get outsider(): PeeringClient {
    return this.outsiderClient ?? this.skip(`${runContext.target.kind} target names no outsider tenant`);
  }

  /** Each tenant's client that hands every answer over as it came, unchecked against the document:
   * for the tests whose own assertions are the check of what the document states (the peering
   * object's fields, error bodies, success codes and content types), which a validating client
   * would have thrown on first. It records and cleans up what it creates as the others do. */
  get unvalidated(): { requester: PeeringClient; accepter: PeeringClient; anonymous: PeeringClient } {
    return (this.unvalidatedClients ??= {
      requester: this.clientFor(requesterTenant, credentialsOf(requesterTenant), { validate: false }),
      accepter: this.clientFor(accepterTenant, credentialsOf(accepterTenant), { validate: false }),
      anonymous: new PeeringClient(runContext.target.baseUrl, {}, { ...wire, testSpanId: this.testSpanId, validate: false }),
    });
  }

  /** A client that signs with the tenant's AK/SK, or with another SK to forge a signature; the
   * test is skipped when the target offers no AK/SK credentials for the tenant. */
  signed(role: 'requester' | 'accepter', options: { sk?: string } = {}): PeeringClient {
    const tenant = role === 'requester' ? requesterTenant : accepterTenant;
    if (!tenant.ak || !tenant.sk)
      this.skip(
        runContext.target.absent?.includes('aksk')
          ? `${NOT_APPLICABLE}the target file declares AK/SK signing absent ("absent": ["aksk"])`
          : `the ${runContext.target.kind} target gives no AK/SK credentials for the ${role}: give them, or declare the endpoint has none with "absent": ["aksk"]`,
      );
    return this.clientFor(tenant, { ak: tenant.ak, sk: options.sk ?? tenant.sk, projectId: tenant.projectId });
  }

  /** A run-prefixed name: `tail` follows the prefix. */
  name(tail = ''): string {
    return NAME_PREFIX + tail;
  }

  /** A run-prefixed name of exactly `length` characters, for the length boundaries. */
  nameOfLength(length: number): string {
    return this.name('n'.repeat(length - NAME_PREFIX.length));
  }

  /** The run was stopped (a signal, its deadline): this test sends nothing more, and the run's
   * sweep, not the test, deletes what it created, all in parallel. */
  get runStopped(): boolean {
    return this.abortedBy === 'stop';
  }

  /** Why vitest aborted the test, if it did: the run's stop (scripts/conformance.ts cancels as a
   * keypress does), --bail after another test's failure (the test then finishes and cleans up as
   * before), or its own time limit. */
  private get abortedBy(): 'stop' | 'bail' | 'timeout' | undefined {
    if (!this.signal.aborted) return undefined;
    const reason = this.signal.reason as { name?: string; reason?: string } | undefined;
    if (reason?.name !== 'TestRunAbortError') return 'timeout';
    return reason.reason === 'keyboard-input' ? 'stop' : 'bail';
  }

  /** A VPC pair no other test holds, until this test ends. */
  async lease(kind: PairKind): Promise<VpcPair> {
    const lease = await leases.acquire(kind, this.testName, this.signal);
    this.held.push(lease.release);
    const stillThere = await this.deleteAll(lease.leftovers);
    if (stillThere.length) {
      const named = stillThere.map((l) => `${l.id}, left by "${l.test}"`).join('; ');
      throw new LeftoversInTheWay(
        `the ${kind}-project VPC pair ${lease.pair.requestVpc} + ${lease.pair.acceptVpc} is not free: ${named} could not be deleted; this test cannot run on it`,
      );
    }
    return lease.pair;
  }

  /** Ages a peering on the embedded emulator as if `seconds` had passed since its creation. Only
   * tests of `clock` requirements call it, and they are skipped on targets without a clock. */
  async age(id: string, seconds: number): Promise<void> {
    const control = runContext.target.control;
    if (!control) throw new Error(`${this.testName} needs the emulator's clock, but its requirements do not say so`);
    const res = await fetch(`${control.url}/_emulator/peerings/${encodeURIComponent(id)}/age`, {
      method: 'POST',
      headers: { 'x-emulator-control': control.token, 'content-type': 'application/json' },
      body: JSON.stringify({ seconds }),
    });
    if (res.status !== 204) throw new Error(`the emulator's control route answered ${res.status} to ageing ${id}`);
  }

  /** Runs `check`, reads only, again while it ends in `olderState` (an answer showing an older
   * state the test's writes passed through), until it passes or the settle window ends: for reads
   * a real cloud may serve late (after a delete; a list after any write). Any other failure of
   * the check fails at once. */
  settled(check: () => Promise<void>): Promise<void> {
    return eventually(check, runContext.settleMs);
  }

  /** Deletes what this test has created so far, and waits until each is gone, as the vendor's
   * Terraform providers wait: after each test, and between property runs. */
  async cleanup(): Promise<void> {
    if (this.runStopped) return;
    this.leftovers.push(...(await this.deleteAll(this.created.splice(0))));
  }

  /** Deletes each, in parallel, waiting until it is gone; gives back those still there. */
  private async deleteAll(peerings: Leftover[]): Promise<Leftover[]> {
    // A stateless mock answers show from its examples: its 204 is all a delete can show.
    const stateful = runContext.target.capabilities.includes('state');
    const deleted = (client: PeeringClient, id: string) =>
      stateful ? deleteUntilGone(client, id, runContext.settleMs) : client.delete(id);
    this.deletesWaited += peerings.length;
    const gone = await Promise.all(
      peerings.map(({ id, role }) =>
        deleted(this.janitors.get(role)!, id).then(
          () => true,
          () => false,
        ),
      ),
    );
    peerings.filter((_, i) => gone[i]).forEach(({ id }) => tell({ type: 'deleted', id }));
    return peerings.filter((_, i) => !gone[i]);
  }

  /** Ends the test: no request of its is sent from now on, those on the wire are waited for, and
   * then what it created is deleted before its VPC pairs are released. */
  async close(): Promise<void> {
    this.ended = true;
    try {
      if (this.inFlight > 0) await new Promise<void>((done) => this.idle.add(done));
      await this.cleanup();
    } finally {
      for (const release of this.held.splice(0)) release(this.leftovers);
      // Taken together, with no await between: the exchanges recorded are exactly the attempts the
      // traffic line counts as sent.
      tell({ type: 'traffic', ...transport.traffic.take(), deletes: this.deletesWaited });
      recorder.handOver((record) => tell({ type: 'exchanges', ...record }), this.recordedAs.test, this.recordedAs.requirements);
    }
  }

  private clientFor(t: ResolvedTenant, credentials: Credentials = credentialsOf(t), { validate = true } = {}): PeeringClient {
    const client: PeeringClient = new PeeringClient(runContext.target.baseUrl, credentials, {
      ...wire,
      testSpanId: this.testSpanId,
      validate,
      gate: this.gate,
      onSending: (body: unknown) => {
        const peering = (
          body as { peering?: { name?: unknown; request_vpc_info?: { vpc_id?: unknown }; accept_vpc_info?: { vpc_id?: unknown } } } | null
        )?.peering;
        const request = randomUUID();
        tell({
          type: 'sending',
          request,
          role: t.role,
          name: String(peering?.name ?? ''),
          test: this.testName,
          vpcs: [peering?.request_vpc_info?.vpc_id, peering?.accept_vpc_info?.vpc_id].map(String),
          at: Date.now(),
        });
        return () => tell({ type: 'answered', request });
      },
      onDeleted: (id: string) => tell({ type: 'deleted', id }),
      onCreated: (peering: CreatedPeering) => {
        this.created.push({ id: peering.id, role: t.role, test: this.testName });
        tell({ type: 'created', id: peering.id, role: t.role, name: peering.name, test: this.testName });
      },
    });
    return client;
  }
}

export const test = base.extend<{ api: Api }>({
  api: [
    async ({ task, skip, signal, annotate }, use) => {
      const ids = task.tags ?? [];
      if (ids.length === 0)
        throw new Error(`"${task.name}" is tagged with no requirement ID: every conformance test must say what it checks`);
      // JUnit readers see tests by title: the IDs go along as a property of each test case.
      await annotate(ids.join(' '), 'requirements');
      const reason = missingCapability(runContext.target, ids.map(requirement));
      if (reason) skip(reason);
      const api = new Api(task.name, skip as (note: string) => never, signal, { test: task.fullTestName ?? task.name, requirements: ids });
      try {
        await use(api);
      } finally {
        await api.close();
      }
    },
    { auto: true },
  ],
});

// No bare `expect`: a test fails through src/suite/expect.ts, whose failures show the exchange.
export { describe } from 'vitest';
// What a test may name of the engine beneath: the client's replies, the leased pairs, the tenants
// and whole lists. The suite imports only src/suite/ and src/model/ (eslint.config.js).
export type { PeeringClient, Reply } from '../http/client.ts';
export { nextMarker, wholeList } from '../http/paging.ts';
// How a check passed to `settled` says its answer shows an older state: read again.
export { olderState } from '../http/waiter.ts';
export type { PairKind, VpcPair } from '../run/leases.ts';
export type { ResolvedTenant } from '../document/target-file.ts';

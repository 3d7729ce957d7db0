// The end-of-run sweep. The ledger says what to delete: every peering the run created and did
// not see deleted, each deleted in parallel and waited for until gone. Before that it waits for
// the creates still on the wire, so that their peerings are in the ledger too. Then each tenant's
// whole list is read for what the ledger cannot name: a create whose answer never came, and
// anything bearing the run's name prefix. Whatever it finds still there is a leak: per-test
// cleanup should already have removed it, so the run fails and says what it found.
import { setTimeout as delay } from 'node:timers/promises';
import { PeeringClient } from '../http/client.ts';
import { Transport } from '../http/transport.ts';
import { deleteUntilGone } from '../http/deletion.ts';
import { Ledger, type LedgerEntry } from './ledger.ts';
import { everyPeering } from '../http/paging.ts';
import type { Target } from './target.ts';
import { credentialsOf } from '../document/target-file.ts';

export interface SweepResult {
  /** Found still there, and deleted. */
  leaks: LedgerEntry[];
  /** Found but not deleted, and why: the run must say so loudly. */
  stuck: { what: string; why: string }[];
  /** Not known to be gone when the sweep's time ran out, for `npm run sweep` to finish. */
  unfinished: string[];
}

export interface SweepLimits {
  /** How long one request may take: a create still unanswered after it will not be answered. */
  deadlineMs: number;
  /** How long a delete is waited for until the peering is gone. */
  settleMs: number;
  /** When the sweep must end (epoch ms), as after a stop, within CI's grace; absent, it ends when done. */
  by?: number;
}

const POLL_MS = 25;

/** A listed peering as the sweep reads it: unvalidated, so any of it may be missing. */
type Listed = { id: string; name?: string; request_vpc_info?: { vpc_id?: string }; accept_vpc_info?: { vpc_id?: string } };

/** Its requests go out on `transport`: the run's, which records them in its trace. One wire for
 * every tenant: an operation that has missed its deadline twice is not waited on again, whoever
 * calls it. They go to the server itself, past Prism's proxy, so that a server whose answers the
 * proxy turns into errors still has what the run left deleted. */
export async function sweepRun(
  target: Target,
  ledger: Ledger,
  namePrefix: string,
  { deadlineMs, settleMs, by = Infinity }: SweepLimits,
  transport = new Transport(),
): Promise<SweepResult> {
  // A stateless mock keeps nothing a run could leave, and answers every list with its example.
  if (!target.capabilities.includes('state')) return { leaks: [], stuck: [], unfinished: [] };
  const clients = new Map(
    // Unvalidated: the sweep deletes what the run left, whatever the server's answers look like;
    // judging them is the tests' work, and a server whose answers break the document would
    // otherwise keep its leftovers.
    target.tenants.map((t) => [t.role, new PeeringClient(target.serverUrl, credentialsOf(t), { deadlineMs, transport, validate: false })]),
  );
  const leaks: LedgerEntry[] = [];
  const stuck: SweepResult['stuck'] = [];
  /** Under way, by id: what is left here when the time runs out was not finished. */
  const underWay = new Map<string, LedgerEntry>();
  const handled = new Set<string>();

  const sweep = (entry: LedgerEntry) => {
    if (handled.has(entry.id)) return Promise.resolve();
    handled.add(entry.id);
    underWay.set(entry.id, entry);
    const windowMs = Math.max(0, Math.min(settleMs, by - Date.now()));
    return deleteUntilGone(clients.get(entry.role)!, entry.id, windowMs)
      .then(
        (wasThere) => {
          ledger.deleted(entry.id);
          if (wasThere) leaks.push(entry);
        },
        (error: Error) => {
          stuck.push({ what: entry.id, why: error.message.split('\n')[0]!.trim() });
        },
      )
      .finally(() => underWay.delete(entry.id));
  };

  const everything = (async () => {
    await createsAnswered(ledger, deadlineMs, by);
    const deletions = ledger.outstanding().map(sweep);
    const everCreated = ledger.created();
    const sent = ledger.sent();
    /** A create this run sent: its name and its (leased) VPC pair, in either order. */
    const sentByRun = (p: Listed) =>
      sent.find(
        (e) => e.name === p.name && [p.request_vpc_info?.vpc_id, p.accept_vpc_info?.vpc_id].every((vpc) => vpc && e.vpcs.includes(vpc)),
      );
    const listed = target.tenants
      .filter((t) => t.role !== 'outsider')
      .map(async ({ role }) => {
        const { peerings } = await everyPeering(clients.get(role)!, {}, (reply) => {
          if (reply.status !== 200) throw new Error(`the ${role}'s list answered ${reply.status}`);
          return reply.data!;
        }).catch((error: Error) => {
          stuck.push({ what: `whatever the ${role}'s list holds`, why: error.message.split('\n')[0]! });
          return { peerings: [] };
        });
        return Promise.all(
          peerings.map((p: Listed) => {
            const intent = sentByRun(p);
            if (!p.name?.startsWith(namePrefix) && !intent) return undefined;
            // Known to the ledger means its delete answered as if it worked; unknown means a create
            // the run never saw answer. Names shorter than the prefix cannot carry it: those are
            // known by what the run sent.
            return sweep(
              everCreated.get(p.id) ?? {
                id: p.id,
                role,
                name: p.name ?? '',
                test: intent?.test ?? 'a create whose answer the run never saw',
              },
            );
          }),
        );
      });
    await Promise.all([...deletions, ...listed]);
  })();

  const timeLeft = by - Date.now();
  const finished = await Promise.race([
    everything.then(() => true),
    ...(Number.isFinite(timeLeft) ? [delay(Math.max(0, timeLeft)).then(() => false)] : []),
  ]);
  const unfinished = finished
    ? []
    : [
        ...[...underWay.values()].map((e) => `${e.id} ("${e.name}", ${e.test})`),
        ...ledger
          .unanswered()
          .map((e) => `a peering named "${e.name}" between ${e.vpcs.join(' and ')}, if its create (${e.test}) went through`),
      ];
  return { leaks, stuck, unfinished };
}

/** Waits until every create the run sent has answered, or has had its deadline, or `by` passes. */
async function createsAnswered(ledger: Ledger, deadlineMs: number, by: number): Promise<void> {
  while (Date.now() < by && ledger.unanswered().some((e) => e.at + deadlineMs > Date.now())) await delay(POLL_MS);
}

/** One sentence: what may still be on the target, and how to delete it. */
export function whatMayBeLeft(target: Target, left: string[]): string {
  if (left.length === 0) return 'Nothing the run created is known to be left.';
  if (target.kind !== 'endpoint') return `Nothing is left: ${target.description} stops with the run.`;
  return `It may have left ${left.join(', ')}: npm run sweep -- --target ${target.file} deletes the peerings that carry a run's name.`;
}

/** What the ledger says may outlive the run, were it to end now: what it created and did not see
 * deleted, and what its unanswered creates may have made. */
export function leftByLedger(ledger: Ledger): string[] {
  return [
    ...ledger.outstanding().map((e) => `${e.id} ("${e.name}")`),
    ...ledger.unanswered().map((e) => `a peering named "${e.name}", if its unanswered create went through`),
  ];
}

// The end-of-run sweep: whatever the ledger still holds, anything carrying the run's name
// prefix that a tenant can list, and anything matching a create the run sent, is deleted. Everything found is a leak: per-test cleanup
// should already have removed it, so the run fails and says what it found.
import { setTimeout as delay } from 'node:timers/promises';
import { PeeringClient } from './client.ts';
import { deleteUntilGone } from './deletion.ts';
import { Ledger, type LedgerEntry } from './ledger.ts';
import type { Target } from './target.ts';
import { credentialsOf } from './target-file.ts';

export interface SweepResult {
  leaks: LedgerEntry[];
  /** Peerings the sweep found but could not delete: the run must say so loudly. */
  stuck: string[];
}

/** After a stop, how long the sweep keeps looking for creates that were already on the wire. */
const LATE_CREATES_MS = 3_000;
const POLL_MS = 100;

/**
 * `stopped`: the run was interrupted, so requests its workers had already sent may still reach
 * the server after the first pass; the sweep then keeps listing and deleting until a short
 * deadline passes.
 */
export async function sweepRun(target: Target, ledger: Ledger, namePrefix: string, { deadlineMs, settleMs }: { deadlineMs: number; settleMs: number }, stopped = false): Promise<SweepResult> {
  const clients = new Map(target.tenants.map((t) => [t.role, new PeeringClient(target.baseUrl, credentialsOf(t), { deadlineMs })]));
  const everCreated = ledger.created();
  const sent = ledger.sent();
  /** A create this run sent: its name and its (leased) VPC pair, in either order. */
  const sentByRun = (p: { name: string; request_vpc_info: { vpc_id: string }; accept_vpc_info: { vpc_id: string } }) =>
    sent.find((e) => e.name === p.name && [p.request_vpc_info.vpc_id, p.accept_vpc_info.vpc_id].every((vpc) => e.vpcs?.includes(vpc)));
  const leaks: LedgerEntry[] = [];
  const stuck: string[] = [];
  const seen = new Set<string>();

  const pass = async (found: Map<string, LedgerEntry>) => {
    for (const role of ['requester', 'accepter'] as const) {
      const listed = await clients.get(role)!.list().catch(() => undefined);
      for (const p of listed?.data?.peerings ?? []) {
        const intent = sentByRun(p);
        if ((!p.name.startsWith(namePrefix) && !intent) || found.has(p.id) || seen.has(p.id)) continue;
        // Known to the ledger means its delete answered as if it worked; unknown means a create
        // the run never saw answer (a timeout, or one cut off by a stop). Names shorter than the
        // prefix cannot carry it: those are known by what the run sent.
        found.set(p.id, everCreated.get(p.id) ?? { event: 'created', id: p.id, role, name: p.name, test: intent?.test ?? 'a create whose answer the run never saw' });
      }
    }
    for (const entry of found.values()) seen.add(entry.id);
    // In parallel: each delete may wait for a cloud to complete it.
    await Promise.all([...found.values()].map(async (entry) => {
      const client = clients.get(entry.role)!;
      const shown = await client.show(entry.id).then((r) => r.status, () => undefined);
      if (shown === 404) return;
      const failed = await deleteUntilGone(client, entry.id, settleMs).then(() => undefined, (error: Error) => error.message.split('\n')[0]!.trim());
      if (failed) stuck.push(`${entry.id} (${failed})`);
      else leaks.push(entry);
    }));
  };

  await pass(new Map(ledger.outstanding().map((e) => [e.id, e])));
  const lateDeadline = Date.now() + LATE_CREATES_MS;
  while (stopped && Date.now() < lateDeadline) {
    await delay(POLL_MS);
    await pass(new Map());
  }
  return { leaks, stuck };
}

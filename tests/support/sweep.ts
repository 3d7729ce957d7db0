// The end-of-run sweep: whatever the ledger still holds, and anything carrying the run's name
// prefix that a tenant can list, is deleted. Everything found is a leak: per-test cleanup
// should already have removed it, so the run fails and says what it found.
import { PeeringClient } from './client.ts';
import { Ledger, type LedgerEntry } from './ledger.ts';
import type { Target } from './target.ts';
import { credentialsOf } from './target-file.ts';

export interface SweepResult {
  leaks: LedgerEntry[];
  /** Peerings the sweep found but could not delete: the run must say so loudly. */
  stuck: string[];
}

export async function sweepRun(target: Target, ledger: Ledger, namePrefix: string, deadlineMs: number): Promise<SweepResult> {
  const clients = new Map(target.tenants.map((t) => [t.role, new PeeringClient(target.baseUrl, credentialsOf(t), { deadlineMs })]));
  const found = new Map(ledger.outstanding().map((e) => [e.id, e]));
  const everCreated = ledger.created();
  for (const role of ['requester', 'accepter'] as const) {
    const listed = await clients.get(role)!.list().catch(() => undefined);
    for (const p of listed?.data?.peerings ?? []) {
      if (!p.name.startsWith(namePrefix) || found.has(p.id)) continue;
      // Known to the ledger means its delete answered as if it worked; unknown means a create
      // the run never saw answer (a timeout, say).
      found.set(p.id, everCreated.get(p.id) ?? { event: 'created', id: p.id, role, name: p.name, test: 'a create whose answer the run never saw' });
    }
  }
  const leaks: LedgerEntry[] = [];
  const stuck: string[] = [];
  for (const entry of found.values()) {
    const status = await clients.get(entry.role)!.delete(entry.id).then((r) => r.status, () => undefined);
    if (status === 204) leaks.push(entry);
    else if (status !== 404) stuck.push(`${entry.id} (delete answered ${status ?? 'with an error'})`);
  }
  return { leaks, stuck };
}

// The cleanup ledger: every peering the run creates is written down the moment its create
// answers, by whichever worker made it, so the main process can sweep what a test left behind.
import { appendFileSync } from 'node:fs';
import { readJsonLines } from './run-files.ts';
import type { TenantRole } from './target-file.ts';

export interface LedgerEntry {
  /** `sending` is written before a create goes out: if its answer never comes (a stop, a
   * timeout), the sweep still knows what to look for. */
  event: 'sending' | 'created' | 'deleted';
  id: string;
  /** The tenant that created it, and so can delete it. */
  role: TenantRole;
  name: string;
  test: string;
  /** For `sending`: the two VPCs the create names. */
  vpcs?: string[];
}

const createdIn = (entries: LedgerEntry[]) => new Map(entries.filter((e) => e.event === 'created').map((e) => [e.id, e]));

export class Ledger {
  constructor(private readonly file: string) {}

  write(entry: LedgerEntry): void {
    appendFileSync(this.file, JSON.stringify(entry) + '\n');
  }

  /** Every peering the run created, by id, whether or not it was deleted since. */
  created(): Map<string, LedgerEntry> {
    return createdIn(this.entries());
  }

  /** Creates that were sent, whether or not their answer came. */
  sent(): LedgerEntry[] {
    return this.entries().filter((e) => e.event === 'sending');
  }

  /** Created and not yet deleted, in the order created. */
  outstanding(): LedgerEntry[] {
    const entries = this.entries();
    const live = createdIn(entries);
    for (const e of entries) if (e.event === 'deleted') live.delete(e.id);
    return [...live.values()];
  }

  private entries(): LedgerEntry[] {
    return readJsonLines<LedgerEntry>(this.file);
  }
}

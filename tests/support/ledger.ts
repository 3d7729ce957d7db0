// The cleanup ledger: every peering the run creates is written down the moment its create
// answers, by whichever worker made it, so the main process can sweep what a test left behind.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
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

export class Ledger {
  constructor(private readonly file: string) {}

  write(entry: LedgerEntry): void {
    appendFileSync(this.file, JSON.stringify(entry) + '\n');
  }

  private entries(): LedgerEntry[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }

  /** Every peering the run created, by id, whether or not it was deleted since. */
  created(): Map<string, LedgerEntry> {
    return new Map(this.entries().filter((e) => e.event === 'created').map((e) => [e.id, e]));
  }

  /** Creates that were sent, whether or not their answer came. */
  sent(): LedgerEntry[] {
    return this.entries().filter((e) => e.event === 'sending');
  }

  /** Created and not yet deleted, in the order created. */
  outstanding(): LedgerEntry[] {
    const live = this.created();
    for (const e of this.entries()) if (e.event === 'deleted') live.delete(e.id);
    return [...live.values()];
  }
}

// The cleanup ledger: every peering the run creates is written down the moment its create
// answers, by whichever worker made it, so the main process can sweep what a test left behind.
import { appendFileSync } from 'node:fs';
import { readJsonLines } from './run-files.ts';
import type { TenantRole } from '../document/target-file.ts';

export interface LedgerEntry {
  /** `sending` is written before a create goes out and `answered` once it has answered or failed:
   * the sweep waits for the creates still on the wire, and looks for those that never answered.
   * `deleted`: a delete of the run's answered 204, or its cleanup saw the peering gone. */
  event: 'sending' | 'answered' | 'created' | 'deleted';
  id: string;
  /** The tenant that created it, and so can delete it. */
  role: TenantRole;
  name: string;
  test: string;
  /** For `sending`: the two VPCs the create names. */
  vpcs?: string[];
  /** For `sending` and `answered`: which create this is. */
  request?: string;
  /** For `sending`: when it went out (epoch ms). */
  at?: number;
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

  /** Creates sent whose answer has not come (yet). */
  unanswered(): LedgerEntry[] {
    const entries = this.entries();
    const answered = new Set(entries.filter((e) => e.event === 'answered').map((e) => e.request));
    return entries.filter((e) => e.event === 'sending' && !answered.has(e.request));
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

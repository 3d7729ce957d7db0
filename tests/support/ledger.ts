// The cleanup ledger: every peering the run creates is written down the moment its create
// answers, by whichever worker made it, so the main process can sweep what a test left behind.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { TenantRole } from './target-file.ts';

export interface LedgerEntry {
  event: 'created' | 'deleted';
  id: string;
  /** The tenant that created it, and so can delete it. */
  role: TenantRole;
  name: string;
  test: string;
}

export class Ledger {
  constructor(private readonly file: string) {}

  write(entry: LedgerEntry): void {
    appendFileSync(this.file, JSON.stringify(entry) + '\n');
  }

  /** Created and not yet deleted, in the order created. */
  outstanding(): LedgerEntry[] {
    if (!existsSync(this.file)) return [];
    const live = new Map<string, LedgerEntry>();
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line) continue;
      const entry: LedgerEntry = JSON.parse(line);
      if (entry.event === 'created') live.set(entry.id, entry);
      else live.delete(entry.id);
    }
    return [...live.values()];
  }
}

// The cleanup ledger: every peering the run creates is written down the moment its create
// answers, by whichever worker made it, so the main process can sweep what a test left behind.
// Its events go in the run's one stream of worker events (src/run/run-files.ts), appended as they
// happen: after a Ctrl-C, or a worker ended mid-test, the stream on disk still names everything
// the run created.
import type { TenantRole } from '../document/target-file.ts';

/** A peering the run created. */
export interface LedgerEntry {
  id: string;
  /** The tenant that created it, and so can delete it. */
  role: TenantRole;
  name: string;
  test: string;
}

/** A create about to go out: written before it is sent, so that the sweep waits for the creates
 * still on the wire, and looks for those that never answered. */
interface Sending {
  type: 'sending';
  /** Which create this is. */
  request: string;
  role: TenantRole;
  name: string;
  test: string;
  /** The two VPCs the create names. */
  vpcs: string[];
  /** When it went out (epoch ms). */
  at: number;
}

/** What the ledger is told: a create is sent, it has answered (or failed), it created a peering;
 * a peering is deleted (a delete of the run's answered 204, or its cleanup saw the peering gone). */
export type LedgerEvent =
  Sending | { type: 'answered'; request: string } | ({ type: 'created' } & LedgerEntry) | { type: 'deleted'; id: string };

/** The ledger as the run reads it, folded from the stream as it is read. */
export class Ledger {
  private readonly everCreated = new Map<string, LedgerEntry>();
  private readonly gone = new Set<string>();
  private readonly sending: Sending[] = [];
  private readonly answered = new Set<string>();

  /** `catchUp` folds in what was written to the stream since it last read; `write` appends to it. */
  constructor(
    private readonly catchUp: () => void,
    private readonly write: (event: LedgerEvent) => void,
  ) {}

  /** Takes in one event of the stream. */
  fold(event: LedgerEvent): void {
    if (event.type === 'sending') this.sending.push(event);
    else if (event.type === 'answered') this.answered.add(event.request);
    else if (event.type === 'deleted') this.gone.add(event.id);
    else {
      const { type: _, ...entry } = event;
      this.everCreated.set(entry.id, entry);
    }
  }

  /** Writes down that the sweep saw the peering gone. */
  deleted(id: string): void {
    this.write({ type: 'deleted', id });
  }

  /** Every peering the run created, by id, whether or not it was deleted since. */
  created(): ReadonlyMap<string, LedgerEntry> {
    this.catchUp();
    return new Map(this.everCreated);
  }

  /** Creates that were sent, whether or not their answer came. */
  sent(): Sending[] {
    this.catchUp();
    return [...this.sending];
  }

  /** Creates sent whose answer has not come (yet). */
  unanswered(): Sending[] {
    this.catchUp();
    return this.sending.filter((e) => !this.answered.has(e.request));
  }

  /** Created and not yet deleted, in the order created. */
  outstanding(): LedgerEntry[] {
    this.catchUp();
    return [...this.everCreated.values()].filter((e) => !this.gone.has(e.id));
  }
}

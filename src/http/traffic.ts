// A transport's traffic since it was last taken, for the report: attempts sent (retries
// included), responses the validator checked (a retried 503 is not one), responses handed over
// unvalidated (api.unvalidated, and cleanup), and the time attempts spent in flight. The record is its transport's, not this module's: a conformance worker keeps
// one transport for all its clients (src/suite/api.ts), so the worker's totals are what that
// record counts, and a self-test that makes its own transport counts only its own requests.
export interface TrafficCounts {
  sent: number;
  validated: number;
  unvalidated: number;
  busyMs: number;
}

export class Traffic {
  private counts: TrafficCounts = { sent: 0, validated: 0, unvalidated: 0, busyMs: 0 };

  countAttempt(busyMs: number): void {
    this.counts.sent++;
    this.counts.busyMs += busyMs;
  }

  countValidated(): void {
    this.counts.validated++;
  }

  countUnvalidated(): void {
    this.counts.unvalidated++;
  }

  /** What was counted since the last take, and a fresh count from here. */
  take(): TrafficCounts {
    const taken = this.counts;
    this.counts = { sent: 0, validated: 0, unvalidated: 0, busyMs: 0 };
    return taken;
  }
}

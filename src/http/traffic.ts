// This process's traffic since it was last taken, for the report: attempts sent (retries
// included), responses the validator checked (a retried 503 is not one), and the time attempts
// spent in flight.
const traffic = { sent: 0, validated: 0, busyMs: 0 };

export function countAttempt(busyMs: number): void {
  traffic.sent++;
  traffic.busyMs += busyMs;
}

export function countValidated(): void {
  traffic.validated++;
}

export function takeTraffic(): typeof traffic {
  const taken = { ...traffic };
  Object.assign(traffic, { sent: 0, validated: 0, busyMs: 0 });
  return taken;
}

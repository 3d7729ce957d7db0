// The one waiter: a check that passes at once costs nothing; an older state is read again until the
// latest shows, and failed after the window, saying so; a wrong answer, or none, is not waited on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConformanceFailure, type FailureDetails } from './failure.ts';
import { eventually, OlderState } from './waiter.ts';

const details = (status: number, title: string): FailureDetails => ({
  breaks: ['PEER-SHOW-004'],
  title,
  exchange: {
    operationId: 'showVpcPeering',
    method: 'GET',
    url: 'http://127.0.0.1/v2.0/vpc/peerings/x',
    headers: {},
    status,
    contentType: null,
    responseText: '',
  },
});

/** A check that sees an older state `times` times (or, `wrong`, an answer no state explains), then passes. */
function passingAfter(times: number, { status = 200, wrong = false } = {}) {
  let calls = 0;
  const check = async () => {
    calls++;
    const seen = details(status, 'show still answers 200, status DELETED');
    if (calls <= times) throw wrong ? new ConformanceFailure(seen) : new OlderState(seen);
  };
  return { check, calls: () => calls };
}

describe('eventually', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ends at the first check that passes, with no pause', async () => {
    const { check, calls } = passingAfter(0);
    await eventually(check, 60_000);
    expect(calls()).toBe(1);
  });

  it('tries again, with pauses, until the check passes', async () => {
    const { check, calls } = passingAfter(3);
    const waited = eventually(check, 60_000);
    await vi.runAllTimersAsync();
    await waited;
    expect(calls()).toBe(4);
  });

  it('fails after the window with the last failure, saying how long it waited', async () => {
    const { check } = passingAfter(Infinity);
    const waited = eventually(check, 5_000).catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    const error = await waited;
    expect(error).toBeInstanceOf(ConformanceFailure);
    expect((error as Error).message).toMatch(
      /show still answers 200, status DELETED \(still so after waiting [45]\.\d s for it to settle\)/,
    );
  });

  it('does not wait on a request that got no answer', async () => {
    const { check, calls } = passingAfter(1, { status: 0, wrong: true });
    await expect(eventually(check, 60_000)).rejects.toThrow(ConformanceFailure);
    expect(calls()).toBe(1);
  });

  it('fails at once on an answer no state explains, though the next read would pass', async () => {
    const { check, calls } = passingAfter(1, { wrong: true });
    await expect(eventually(check, 60_000)).rejects.toThrow(ConformanceFailure);
    expect(calls()).toBe(1);
  });
});

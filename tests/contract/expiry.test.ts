// Expiry: no source gives the period, so only the emulator, whose period is 7 days by default
// and whose clock the suite can move for one peering, can show it.
import { peeringBetween } from '../../src/suite/bodies.ts';
import { describe, test } from '../../src/suite/api.ts';
import { expectEqual, expectRefused, expectStatus } from '../../src/suite/expect.ts';

const SEVEN_DAYS = 7 * 24 * 3600;

describe('expiry', () => {
  /**
   * PEER-STATE-001 (SHOULD) - family, "Behaviour": an unanswered request eventually becomes
   * EXPIRED, and an expired request can be neither accepted nor rejected.
   */
  test(
    'a request left pending for the expiry period becomes EXPIRED and can no longer be answered',
    { tags: ['PEER-STATE-001'] },
    async ({ api }) => {
      const pair = await api.lease('cross');
      const { peering } = expectStatus(await api.requester.create(peeringBetween(pair, { name: api.name('expiring') })), 201);

      await api.age(peering.id, SEVEN_DAYS - 60);
      const before = await api.accepter.show(peering.id);
      expectEqual(expectStatus(before, 200).peering.status, 'PENDING_ACCEPTANCE', 'a request expired before its period', before);

      await api.age(peering.id, 60);
      const after = await api.accepter.show(peering.id);
      expectEqual(expectStatus(after, 200).peering.status, 'EXPIRED', 'a request outlived its period', after);
      expectRefused(await api.accepter.accept(peering.id), 'PEER-STATE-001');
      expectRefused(await api.accepter.reject(peering.id), 'PEER-STATE-001');
    },
  );
});

// Deleting as the vendor's own Terraform providers do (waitForVpcPeeringDelete): delete, and while
// a delete is answered 409 or show still gives the peering (DELETED, or its old status), wait and
// look again, until show answers 404. A consistent server answers 204 then 404 at once. Any other
// refusal is no delete under way, and waiting would not change it.
import type { PeeringClient } from './client.ts';
import { ConformanceFailure } from './failure.ts';
import { eventually, olderState, unanswered } from './waiter.ts';

/** Deletes `id` and waits until it is gone; fails, through the waiter, with what was last seen.
 * Gives back whether it was there to delete: its first delete did not answer 404. */
export async function deleteUntilGone(client: PeeringClient, id: string, windowMs: number): Promise<boolean> {
  let accepted = false;
  let firstStatus: number | undefined;
  await eventually(async () => {
    if (!accepted) {
      const deleted = await client.delete(id);
      firstStatus ??= deleted.status;
      // Any success says the delete was taken: which code it should be is PEER-DELETE-001's tests'
      // to judge, not a cleanup's, which would otherwise leave a peering being deleted in the way.
      accepted = (deleted.status >= 200 && deleted.status < 300) || deleted.status === 404;
      // Only a 409 says a delete is under way; any other refusal will not change by waiting.
      if (!accepted && deleted.status !== 409) throw new Error(`the delete of ${id} answered ${deleted.status}`);
      if (!accepted)
        olderState({
          title: `the delete of ${id} answered 409`,
          exchange: deleted.exchange,
          expected: '204, once the earlier delete has completed',
        });
    }
    const shown = await client.show(id).catch((error: unknown) => {
      // A show that cannot be read leaves the delete's own answer as all there is to go on.
      if (accepted && unanswered(error)) return undefined;
      throw error;
    });
    if (!shown) return;
    const status = shown.status === 200 ? `, status ${shown.data?.peering?.status}` : '';
    if (shown.status === 404) return;
    const seen = {
      title: `show of the deleted ${id} still answers ${shown.status}${status}`,
      exchange: shown.exchange,
      expected: '404 once the delete has completed',
    };
    if (shown.status === 200 && shown.data?.peering?.id === id) olderState(seen);
    throw new ConformanceFailure(seen);
  }, windowMs);
  return firstStatus !== 404;
}

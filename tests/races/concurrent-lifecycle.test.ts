// The lifecycle with races: a short sequence of commands (a cross-project create first), judged one by one as the lifecycle
// property judges them, then a batch of two to five creates, accepts, rejects, updates and
// deletes by every tenant, sent together, that some order must explain (src/model/batch.ts).
import fc from 'fast-check';
import { serverChoices } from '../../src/model/choices.ts';
import { describe, test } from '../../src/suite/api.ts';
import { holds } from '../../src/suite/property.ts';
import { batchMoves, raceBatch } from '../../src/model/batch.ts';
import { createCommand, LIFECYCLE_RULES, lifecycleCommands } from '../../src/model/commands.ts';
import { emptyModel } from '../../src/model/model.ts';
import { lifecyclePairs, realOf } from '../../src/model/real.ts';

/** Commands before the batch, after a first cross-project create: enough to reach every status,
 * few enough that the batch meets them, and a request often still pending for it to answer. */
const PREFIX_LENGTH = 3;
const MAX_BATCH = 5;
describe('races: the lifecycle', () => {
  /**
   * PEER-RACE-001 to PEER-RACE-004 (MUST), together: after a create and any short sequence of operations on two
   * same-project and two cross-project pairs, any batch of operations sent together is explained
   * by some order of it: one peering per pair (PEER-RACE-001), one answer to a request
   * (PEER-RACE-002), deletes that leave nothing (PEER-RACE-003), updates as some order leaves them
   * (PEER-RACE-004), and every other rule of the lifecycle at each step of that order.
   */
  // The sequence before the batch is judged by the lifecycle's rules: a break there is blamed on
  // the rule broken, not on the races.
  test(
    'any batch sent together after any short sequence is explained by some order of it',
    {
      tags: ['PEER-RACE-001', 'PEER-RACE-002', 'PEER-RACE-003', 'PEER-RACE-004', ...LIFECYCLE_RULES],
    },
    async ({ api }) => {
      const pairs = await lifecyclePairs(api);
      const { roles, real } = realOf(api);
      let run = 0;
      await holds(
        api,
        [createCommand('cross'), lifecycleCommands(roles, PREFIX_LENGTH), batchMoves(MAX_BATCH)],
        async (create, commands, moves) => {
          const model = emptyModel(roles, pairs, api.name(`racing${++run}-`), serverChoices);
          await fc.asyncModelRun(() => ({ model, real }), [create, ...commands]);
          await raceBatch(model, real, moves);
        },
      );
    },
  );
});

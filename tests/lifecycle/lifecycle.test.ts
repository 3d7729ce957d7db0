// The peering state machine, model-based: random sequences of create, show, list, update,
// accept, reject and delete by every tenant, each reply and each party's view of the peering
// compared with a small model after every command (src/model/commands.ts, src/model/model.ts).
import fc from 'fast-check';
import { serverChoices } from '../../src/model/choices.ts';
import { describe, runContext, test } from '../../src/suite/api.ts';
import { holds } from '../../src/suite/property.ts';
import { compareList, LIFECYCLE_RULES, lifecycleCommands } from '../../src/model/commands.ts';
import { emptyModel } from '../../src/model/model.ts';
import { lifecyclePairs, realOf } from '../../src/model/real.ts';

describe('lifecycle', () => {
  /**
   * PEER-STATE-002 (SHOULD) - create page, "Function"; family, "Behaviour": a peering's status
   * changes only from PENDING_ACCEPTANCE, to ACTIVE by accept and to REJECTED by reject. Around
   * it, over any sequence of operations (up to 15 in the full profile) on two same-project and two cross-project pairs:
   * - create: ACTIVE within a project, PENDING_ACCEPTANCE across (PEER-CREATE-014, -015); refused
   *   while a peering holds the pair, in either direction (PEER-CREATE-017), and then leaves no
   *   peering behind (PEER-CREATE-021); allowed again once it is deleted (PEER-DELETE-003).
   * - show and list: each party sees the peering as the model has it (PEER-SHOW-002,
   *   PEER-LIST-002); a tenant party to neither side (the outsider, and the accepter for a
   *   same-project peering) cannot show it and does not list it (PEER-SHOW-003, PEER-LIST-003);
   *   after a delete, show answers 404 and no list has it (PEER-SHOW-004, PEER-DELETE-003).
   * - update: either party, in any status, changes exactly the fields given (PEER-UPDATE-005,
   *   -006); anyone else is refused and nothing changes (PEER-UPDATE-007).
   * - accept and reject: the party awaited, while pending, makes it ACTIVE or REJECTED for both
   *   parties and gets the peering back (PEER-ACCEPT-001, -002, PEER-REJECT-001, -002); the
   *   requesting tenant (PEER-ACCEPT-003, PEER-REJECT-003), anyone once it is not pending
   *   (PEER-ACCEPT-004, PEER-REJECT-004) and a tenant party to neither side (PEER-ACCEPT-005) are
   *   refused and the status stays.
   * - delete: either party, in any status, with 204 (PEER-DELETE-001, -002); anyone else is
   *   refused and the peering remains (PEER-DELETE-004).
   * The outsider takes part when the target names one. Refusal codes are any the catalogue allows.
   */
  test(
    'the peering lifecycle matches its model over any sequence of operations',
    { tags: ['PEER-STATE-002', ...LIFECYCLE_RULES] },
    async ({ api }) => {
      const pairs = await lifecyclePairs(api);
      const { roles, real } = realOf(api);
      // A prefix of each sequence's own: a list may still show the last sequence's peerings, deleted
      // as the property moved on, and they are no state of this one's.
      let sequence = 0;

      await holds(api, [lifecycleCommands(roles, runContext.lifecycleLength)], async (commands) => {
        const model = emptyModel(roles, pairs, api.name(`lifecycle${++sequence}-`), serverChoices);
        await fc.asyncModelRun(() => ({ model, real }), commands);
        for (const role of roles) await compareList(model, real, role, 'after the sequence');
      });
    },
  );
});

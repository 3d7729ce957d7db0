// What each race test stands on: one same-project and one cross-project pair, leased for the whole
// test, and for each batch a fresh model. A race test sends a batch of requests together, on one
// pair or one peering, and checks that some order of the batch explains every answer and the
// state it leaves (src/model/batch.ts). A server whose check and write are two steps ("is
// the pair free?", then insert) lets requests sent together both pass the check; requests sent
// one after another never can show that. Each race test is a property: the profile sets how many
// batches it sends.
import fc from 'fast-check';
import { serverChoices } from '../../src/model/choices.ts';
import type { Api } from '../../src/suite/api.ts';
import type { PairKind } from '../../src/suite/api.ts';
import { Create } from '../../src/model/commands.ts';
import { emptyModel, type Model, type Real } from '../../src/model/model.ts';
import { realOf } from '../../src/model/real.ts';

/** A pair of each kind given, for the whole test, and for each batch a fresh model whose names
 * carry a prefix of the test's own (`word`, unique among the tests of a run) and the batch's, so
 * that neither a test racing beside it nor a list still lagging behind the last batch's cleanup
 * shows a peering this batch did not make. */
export async function arena(
  api: Api,
  word: string,
  kinds: PairKind[],
): Promise<(setUp?: PairKind) => Promise<{ model: Model; real: Real }>> {
  const pairs: Model['pairs'] = [];
  for (const kind of kinds) pairs.push({ label: `${kind}-1`, pair: await api.lease(kind) });
  const { roles, real } = realOf(api);
  let batch = 0;
  return async (setUp) => {
    const model = emptyModel(roles, pairs, api.name(`${word}${++batch}-`), serverChoices);
    // The peering the batch races over, made by one sequential create the lifecycle judges.
    if (setUp) await new Create(setUp, 0, false, 'a', undefined).run(model, real);
    return { model, real };
  };
}

/** The kind of pair a batch races on. */
export const pairKind = fc.constantFrom<PairKind>('same', 'cross');

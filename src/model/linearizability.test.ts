// The race checker's search: it finds the order that explains a batch's answers, refuses answers
// no order gives, tries every order a batch has, and stops extending an order once a step fails.
import { describe, expect, it } from 'vitest';
import { explainingOrders, MAX_BATCH, type Placed } from './linearizability.ts';

/** A one-peering-per-pair model: the state is which create holds the pair, or none. */
const createsOnOnePair =
  (answers: number[]) =>
  (holder: number | undefined, request: number): Placed<number | undefined> => {
    if (answers[request] === 201)
      return holder === undefined ? { next: request } : { unexplained: `created while ${holder} held the pair` };
    return holder === undefined ? { unexplained: 'refused while the pair was free' } : { next: holder };
  };

describe('explainingOrders', () => {
  it('finds the one order that explains a winner and its losers, wherever the winner was sent', () => {
    const { orders } = explainingOrders(3, undefined, createsOnOnePair([409, 201, 409]));
    expect(orders.map((o) => o.order)).toEqual([
      [1, 0, 2],
      [1, 2, 0],
    ]);
    expect(orders.every((o) => o.final === 1)).toBe(true);
  });

  it('explains no batch in which two creates on one pair both succeed, and says how far an order got', () => {
    const { orders, closest } = explainingOrders(3, undefined, createsOnOnePair([201, 409, 201]));
    expect(orders).toEqual([]);
    expect(closest).toEqual({ order: [0, 1, 2], why: 'created while 0 held the pair' });
  });

  it('blames a race, not a request, when every request fits some order but no order fits them all', () => {
    expect(explainingOrders(3, undefined, createsOnOnePair([201, 409, 201])).unplaceable).toBeUndefined();
  });

  it('explains no batch in which every create was refused on a free pair, and names a request no order can place', () => {
    const { closest, unplaceable } = explainingOrders(2, undefined, createsOnOnePair([409, 409]));
    expect(closest).toEqual({ order: [0], why: 'refused while the pair was free' });
    expect(unplaceable).toEqual({ request: 0, why: 'refused while the pair was free' });
  });

  it('tries every order of the largest batch: each prefix once, and every complete order', () => {
    const placed: string[] = [];
    const { orders } = explainingOrders(MAX_BATCH, [] as number[], (state, request) => {
      placed.push([...state, request].join(''));
      return { next: [...state, request] };
    });
    const permutations = (n: number, k: number): number => (k === 0 ? 1 : n * permutations(n - 1, k - 1));
    expect(orders).toHaveLength(permutations(MAX_BATCH, MAX_BATCH));
    expect(new Set(orders.map((o) => o.final.join(''))).size).toBe(orders.length);
    const prefixes = Array.from({ length: MAX_BATCH }, (_, k) => permutations(MAX_BATCH, k + 1)).reduce((a, b) => a + b, 0);
    expect(placed).toHaveLength(prefixes);
    expect(new Set(placed).size).toBe(prefixes);
  });

  it('extends no order past a step that fails', () => {
    const placed: number[][] = [];
    explainingOrders(4, [] as number[], (state, request) => {
      placed.push([...state, request]);
      return request === 0 ? { unexplained: 'never first' } : { next: [...state, request] };
    });
    expect(placed.filter((order) => order[0] === 0)).toEqual([[0]]);
  });

  it('refuses a batch larger than it can search exactly', () => {
    expect(() => explainingOrders(MAX_BATCH + 1, undefined, () => ({ next: undefined }))).toThrow(/keep batches to 6 or fewer/);
  });
});

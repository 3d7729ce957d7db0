// Wing and Gong's check, as Jepsen's Knossos and Go's Porcupine make it: requests sent together
// are explained when some order of them, applied one by one to a model, gives every answer seen.
// Batches are small (at most 6 requests, 720 orders), so the search is exhaustive and exact; an
// order whose first steps already fail cuts every order that starts with them.

/** What one request, placed next in an order, does to the state: the state after it, or why its
 * answer cannot have come back at that point. */
export type Placed<S, Why = string> = { next: S } | { unexplained: Why };

export interface Explanations<S, Why = string> {
  /** Every order that explains every answer, with the state it leaves. */
  orders: { order: number[]; final: S }[];
  /** When no order does: the one that explained the most answers, and why the next could not follow. */
  closest?: { order: number[]; why: Why };
  /** A request no order could place anywhere, and why: its answer breaks a rule whatever the others did. */
  unplaceable?: { request: number; why: Why };
}

export const MAX_BATCH = 6;

export function explainingOrders<S, Why = string>(
  size: number,
  initial: S,
  place: (state: S, request: number) => Placed<S, Why>,
): Explanations<S, Why> {
  if (size > MAX_BATCH) throw new Error(`a batch of ${size} requests has ${size}! orders: keep batches to ${MAX_BATCH} or fewer`);
  const orders: Explanations<S, Why>['orders'] = [];
  let closest: Explanations<S, Why>['closest'];
  const placed = new Set<number>();
  const refusedFor = new Map<number, Why>();
  const extend = (state: S, order: number[]) => {
    if (order.length === size) {
      orders.push({ order, final: state });
      return;
    }
    for (let request = 0; request < size; request++) {
      if (order.includes(request)) continue;
      const step = place(state, request);
      if ('next' in step) {
        placed.add(request);
        extend(step.next, [...order, request]);
        continue;
      }
      refusedFor.set(request, step.unexplained);
      if (!closest || order.length + 1 > closest.order.length) closest = { order: [...order, request], why: step.unexplained };
    }
  };
  extend(initial, []);
  if (orders.length > 0) return { orders };
  const never = [...refusedFor.keys()].find((request) => !placed.has(request));
  return {
    orders,
    ...(closest && { closest }),
    ...(never !== undefined && { unplaceable: { request: never, why: refusedFor.get(never)! } }),
  };
}

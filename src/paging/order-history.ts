/** Filters `allOrders` can honour on both sides of the cutoff. */
export interface AllOrdersQuery {
  ticker?: string;
  /** Only orders at or after this time: Unix seconds, or a `Date`. */
  min_ts?: number | Date;
  /** Only orders at or before this time: Unix seconds, or a `Date`. */
  max_ts?: number | Date;
  /** Page size for both endpoints. */
  limit?: number;
  /** One subaccount (0 is the primary); all of them when left out. */
  subaccount?: number;
}

export interface OrderHistorySources<Order> {
  /** GET /portfolio/orders through every page. */
  live(query: AllOrdersQuery): AsyncIterable<Order>;
  /** GET /historical/orders through every page. */
  historical(query: AllOrdersQuery): AsyncIterable<Order>;
}

/**
 * Every order, each once: the live ones, then the archived ones. Unlike fills, the two sides do
 * not split by time — a resting order stays live however old it is, while newer finished ones
 * are archived — so a "before the oldest live one" rule cannot tell them apart. An order the
 * cutoff moves while we read can be met on both sides, so the ids met live are remembered (as many
 * as the live side holds) and skipped on the archived side.
 */
export async function* orderHistory<Order extends { order_id: string }>(
  sources: OrderHistorySources<Order>,
  query: AllOrdersQuery = {},
): AsyncGenerator<Order, void, undefined> {
  const live = new Set<string>();
  for await (const order of sources.live(query)) {
    live.add(order.order_id);
    yield order;
  }
  for await (const order of sources.historical(query)) {
    if (!live.has(order.order_id)) yield order;
  }
}

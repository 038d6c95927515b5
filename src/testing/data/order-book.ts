/**
 * One market's book in the fake: a single book with bids (YES direction) and asks (NO direction),
 * every price in YES terms, as Kalshi's v2 orders see it. Each level keeps its orders in time
 * priority. Besides the account's own orders the book holds the fake's own resting liquidity (the
 * "house": other traders, whose side of a trade the account never sees).
 */

import { MICROS_PER_DOLLAR } from './wire-money.js';

export type BookSide = 'bid' | 'ask';

/** An order resting on the book: the account's own (it has an id) or the house's. */
export interface RestingOrder {
  /** The account's order id; undefined for house liquidity. */
  orderId: string | undefined;
  side: BookSide;
  /** YES price, micro-dollars. */
  price: bigint;
  /** Hundredths of a contract still resting. */
  remaining: bigint;
  /** Time priority: lower goes first at a price. */
  sequence: number;
}

export interface OrderBook {
  /** Adds an order at the back of its price level's queue. */
  rest(order: Omit<RestingOrder, 'sequence'>): RestingOrder;
  /** Takes an order off the book (no-op when it is not on it). */
  remove(order: RestingOrder): void;
  /**
   * The resting orders an incoming order on `side` at `limit` may trade with, best price first,
   * then time priority: asks at or below a bid's limit, bids at or above an ask's.
   */
  crossing(side: BookSide, limit: bigint): RestingOrder[];
}

/**
 * The house's liquidity a market starts with: asks above and bids below the middle of the book,
 * deeper further out, so small orders cross at one level and large ones walk the book.
 */
const HOUSE_LEVELS: ReadonlyArray<{ side: BookSide; cents: bigint; contracts: bigint }> = [
  { side: 'ask', cents: 56n, contracts: 10n },
  { side: 'ask', cents: 58n, contracts: 20n },
  { side: 'ask', cents: 60n, contracts: 50n },
  { side: 'bid', cents: 44n, contracts: 10n },
  { side: 'bid', cents: 42n, contracts: 20n },
  { side: 'bid', cents: 40n, contracts: 50n },
];

export function createOrderBook(): OrderBook {
  const orders: RestingOrder[] = [];
  let sequence = 0;
  const book: OrderBook = {
    rest(order) {
      const resting = { ...order, sequence: sequence++ };
      orders.push(resting);
      return resting;
    },
    remove(order) {
      const at = orders.indexOf(order);
      if (at >= 0) orders.splice(at, 1);
    },
    crossing(side, limit) {
      const against = side === 'bid' ? 'ask' : 'bid';
      return orders
        .filter((o) => o.side === against && o.remaining > 0n && (side === 'bid' ? o.price <= limit : o.price >= limit))
        .sort((a, b) => (a.price === b.price ? a.sequence - b.sequence : (side === 'bid' ? (a.price < b.price ? -1 : 1) : a.price > b.price ? -1 : 1)));
    },
  };
  for (const level of HOUSE_LEVELS) {
    book.rest({ orderId: undefined, side: level.side, price: (level.cents * MICROS_PER_DOLLAR) / 100n, remaining: level.contracts * 100n });
  }
  return book;
}

/**
 * Trades made while the fake runs: each one becomes a REST fill and the executed order behind it,
 * moves the account's market position by the rule of book.ts (FIFO lots, netting as subaccount 0's
 * setting on the market's shard says), and moves its cash (what the contracts cost, less $1 per
 * pair netted away, less the fee), in the dataset and account the routes serve, so GET
 * /portfolio/fills, /portfolio/orders, /portfolio/positions and /portfolio/balance show it at once
 * and the cash identity (cash-identity.ts) still holds.
 *
 * Every trade belongs to subaccount 0. Its fill and order are stamped by the runtime clock (after
 * every seeded fill and order, strictly increasing), so they go first in `data.fills` and
 * `data.orders` and in the live (or, under a cutoff set in the future, historical) views, and the
 * served order and cursors stay right. The order is filled whole at once: `executed`, its
 * `fill_count_fp` and `initial_count_fp` the fill's count; it is in no order group.
 * Ids come from their own seeded stream: the same trades in the same order get the same ids.
 * A trade the cash cannot pay for is refused (RangeError) and changes nothing.
 */

import type { FakeDataset, MarketInfo, MarketPositionEntry } from './dataset-types.js';
import { aggregateEvents } from './event-positions.js';
import { MAKER_FEE_RATE, TAKER_FEE_RATE, tradingFee } from './fees.js';
import type { Account } from './account.js';
import { type Book, type BookFill, applyFill, exposureOf, newBook, positionFeesOf, positionRow, previewFill } from './book.js';
import { type Clicked, orderRow } from './order-rows.js';
import { insertSorted, orderOrder, positionOrder } from './ordering.js';
import { type Rng, seededUuid, subRng } from './prng.js';
import type { RuntimeClock } from './runtime-clock.js';
import { formatTime, parseTime, unixSeconds } from './time.js';
import { type FakeTradeInput, type TradeOrder, checkTrade } from './trade-input.js';
import { MICROS_PER_DOLLAR, parseCount, parseDollars, wireCount, wireDollars } from './wire-money.js';
import type { Fill, MarketPosition, Order } from './wire-types.js';

/** The subaccount runtime trades belong to. */
const TRADING_SUBACCOUNT = 0;

/** One trade as it happened: the REST fill, the position after it, and what the stream also tells. */
export interface ExecutedTrade {
  order: TradeOrder;
  /** The fill as GET /portfolio/fills serves it. */
  fill: Fill;
  /** The order behind it as GET /portfolio/orders serves it. */
  restOrder: Order;
  /** The market position after the trade, as GET /portfolio/positions serves it. */
  position: MarketPosition;
  /** What the contracts held cost, and their share of the fees (the stream's market_position says both). */
  positionCost: bigint;
  positionFees: bigint;
  /** Hundredths of a contract traded in the market, the seeded fills included. */
  volume: bigint;
  clientOrderId: string;
  /** Epoch microseconds. */
  atUs: number;
}

export interface Trading {
  /** The account's user id (the stream's position and order messages carry it). */
  userId: string;
  /** Makes one trade now; throws RangeError for a trade the fake cannot make. */
  trade(input: FakeTradeInput): ExecutedTrade;
  /** Markets of the dataset open at the runtime clock's current instant. */
  openMarkets(): MarketInfo[];
}

type TradeAccount = Pick<Account, 'cash' | 'addTradeCash' | 'nettingEnabled'>;

export function createTrading(data: FakeDataset, clock: RuntimeClock, account: TradeAccount): Trading {
  const ids: Rng = subRng(data.seed, 'trade-ids');
  const markets = new Map(data.markets.map((m) => [m.ticker, m]));
  // The lots are not on the REST rows, so each market's book is rebuilt once from its fills and kept.
  const books = new Map<string, Book>();

  const entryOf = (ticker: string) =>
    data.marketPositions.find((e) => e.subaccount === TRADING_SUBACCOUNT && e.position.ticker === ticker);

  /** The book of subaccount 0 in a market: its fills replayed oldest first. */
  function bookOf(market: MarketInfo): Book {
    const known = books.get(market.ticker);
    if (known) return known;
    const book = newBook(account.nettingEnabled(TRADING_SUBACCOUNT, market.exchange_index));
    const own = data.fills
      .filter((f) => f.subaccount_number === TRADING_SUBACCOUNT && f.ticker === market.ticker)
      .map((f) => ({ at: parseTime(f.created_time), f }))
      .sort((a, b) => a.at - b.at);
    for (const { f } of own) {
      applyFill(book, { direction: f.outcome_side, count: parseCount(f.count_fp), yesPrice: parseDollars(f.yes_price_dollars), fee: parseDollars(f.fee_cost) });
    }
    // Archived fills from before fee_cost carry 0: the position's total is the record of the fees.
    const entry = entryOf(market.ticker);
    if (entry) book.feesPaid = parseDollars(entry.position.fees_paid_dollars);
    books.set(market.ticker, book);
    return book;
  }

  function movePosition(order: TradeOrder, book: Book, atUs: number): MarketPosition {
    const ticker = order.market.ticker;
    const entry = entryOf(ticker);
    const position = positionRow(book, { ticker, exchangeIndex: order.market.exchange_index }, atUs, entry?.position.resting_orders_count ?? 0);
    if (entry) {
      // Views share entry objects with data.marketPositions, so this shows everywhere.
      entry.position = position;
    } else {
      const added: MarketPositionEntry = {
        subaccount: TRADING_SUBACCOUNT,
        event_ticker: order.market.event_ticker,
        event_close_ts: order.market.close_ts,
        settled: false,
        position,
      };
      insertSorted(data.marketPositions, added, positionOrder);
      // A market open now has not settled, so its position is never archived.
      insertSorted(data.liveMarketPositions, added, positionOrder);
    }
    data.eventPositions = aggregateEvents(data.marketPositions);
    data.liveEventPositions = aggregateEvents(data.liveMarketPositions);
    return position;
  }

  function record(fill: Fill, order: Order, atUs: number): void {
    const live = data.cutoff === null || atUs >= data.cutoff * 1000;
    data.fills.unshift(fill);
    (live ? data.liveFills : data.historicalFills).unshift(fill);
    // An executed order is archived with its (only) fill.
    insertSorted(data.orders, order, orderOrder);
    insertSorted(live ? data.liveOrders : data.historicalOrders, order, orderOrder);
  }

  return {
    userId: data.userId,

    trade(input) {
      const atUs = clock.nextUs();
      const order = checkTrade(input, markets, atUs);
      const { market, direction } = order;
      const paid = direction === 'yes' ? order.yesPrice : MICROS_PER_DOLLAR - order.yesPrice;
      const fee = tradingFee(Number(order.count), paid, order.isTaker ? TAKER_FEE_RATE : MAKER_FEE_RATE);
      const book = bookOf(market);
      book.netting = account.nettingEnabled(TRADING_SUBACCOUNT, market.exchange_index);
      const execution: BookFill = { direction, count: order.count, yesPrice: order.yesPrice, fee };
      const preview = previewFill(book, execution);
      const cash = account.cash(TRADING_SUBACCOUNT, market.exchange_index);
      if (cash + preview.cash < 0n) {
        throw new RangeError(`fake.trade: insufficient balance: subaccount ${TRADING_SUBACCOUNT} holds ${wireDollars(cash)} on exchange index ${market.exchange_index}, the trade needs ${wireDollars(-preview.cash)}`);
      }
      // What was clicked: a sell of the other outcome when the trade closes contracts held, unless told.
      const action = order.action ?? (preview.closed > 0n ? 'sell' : 'buy');
      const clicked: Clicked = action === 'buy' ? { side: direction, action } : { side: direction === 'yes' ? 'no' : 'yes', action };
      const bookSide = direction === 'yes' ? 'bid' : 'ask';
      const orderId = seededUuid(ids);
      const fillId = seededUuid(ids);
      const clientOrderId = seededUuid(ids);
      const fill: Fill = {
        fill_id: fillId,
        trade_id: fillId,
        order_id: orderId,
        ticker: market.ticker,
        market_ticker: market.ticker,
        exchange_index: market.exchange_index,
        ...clicked,
        outcome_side: direction,
        book_side: bookSide,
        count_fp: wireCount(order.count),
        yes_price_dollars: wireDollars(order.yesPrice, 4),
        no_price_dollars: wireDollars(MICROS_PER_DOLLAR - order.yesPrice, 4),
        is_taker: order.isTaker,
        created_time: formatTime(atUs, 6),
        fee_cost: wireDollars(fee, 6),
        subaccount_number: TRADING_SUBACCOUNT,
        ts: unixSeconds(atUs),
      };
      const restOrder = orderRow({
        orderId,
        userId: data.userId,
        clientOrderId,
        ticker: market.ticker,
        exchangeIndex: market.exchange_index,
        subaccount: TRADING_SUBACCOUNT,
        outcomeSide: direction,
        bookSide,
        legacy: clicked,
        type: 'limit',
        status: 'executed',
        yesPrice: order.yesPrice,
        fills: [fill],
        remaining: 0n,
        initial: order.count,
        createdUs: atUs,
        lastUpdateUs: atUs,
        expirationUs: null,
        selfTradePrevention: null,
        orderGroupId: null,
        cancelOnPause: false,
      });
      const { cash: moved } = applyFill(book, execution);
      account.addTradeCash(TRADING_SUBACCOUNT, market.exchange_index, moved);
      const position = movePosition(order, book, atUs);
      record(fill, restOrder, atUs);
      return {
        order, fill, restOrder, position, clientOrderId, atUs,
        positionCost: exposureOf(book), positionFees: positionFeesOf(book), volume: book.volume,
      };
    },

    openMarkets() {
      const atS = clock.peekUs() / 1_000_000;
      return data.markets.filter((m) => m.open_ts <= atS && atS < m.close_ts);
    },
  };
}

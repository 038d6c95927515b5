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
 *
 * The fills of the order writes' matching engine (matching.ts) go through the same recorder
 * (`Trading.fills`), for any subaccount: one position rule, one cash rule, one book per
 * (subaccount, market) shared by both, so the cash identity holds whichever made the fills.
 */

import type { FakeDataset, MarketInfo, MarketPositionEntry } from './dataset-types.js';
import { aggregateEvents } from './event-positions.js';
import { MAKER_FEE_RATE, TAKER_FEE_RATE, tradingFee } from './fees.js';
import type { Account } from './account.js';
import { type Book, type BookFill, type Direction, applyFill, exposureOf, newBook, positionFeesOf, positionRow, previewFill } from './book.js';
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

/** One fill of the account, in exact units. */
export interface AccountFill {
  subaccount: number;
  market: MarketInfo;
  direction: Direction;
  /** Hundredths of a contract, more than zero. */
  count: bigint;
  /** YES price, micro-dollars. */
  yesPrice: bigint;
  isTaker: boolean;
}

/** What a fill would do: its fee, the hundredths it would net away, the cash it would move (fee included; negative: it pays). */
export interface FillPreview {
  fee: bigint;
  closed: bigint;
  cash: bigint;
}

/** A fill as recorded: its REST row and the subaccount's market position after it. */
export interface RecordedFill {
  fill: Fill;
  position: MarketPosition;
  /** What the contracts held cost, and their share of the fees. */
  positionCost: bigint;
  positionFees: bigint;
  /** Hundredths of a contract the subaccount traded in the market, the seeded fills included. */
  volume: bigint;
}

/** The one way a fill of the account changes the fake: fills, the market position (book.ts's rule) and cash. */
export interface FillRecorder {
  preview(fill: AccountFill): FillPreview;
  /**
   * Records the fill at `atUs` (epoch microseconds, after every fill before it) as the REST fill
   * `fillId` of order `orderId`, first in `data.fills` and its view; moves the position and the
   * cash. The caller checks the cash first (with `preview`) and records the order.
   */
  record(fill: AccountFill, row: { fillId: string; orderId: string; clicked: Clicked; atUs: number }): RecordedFill;
}

export interface Trading {
  /** The account's user id (the stream's position and order messages carry it). */
  userId: string;
  /** Makes one trade now; throws RangeError for a trade the fake cannot make. */
  trade(input: FakeTradeInput): ExecutedTrade;
  /** Markets of the dataset open at the runtime clock's current instant. */
  openMarkets(): MarketInfo[];
  /** What every runtime fill goes through, fake.trade()'s and the order writes' alike. */
  fills: FillRecorder;
}

type TradeAccount = Pick<Account, 'cash' | 'addTradeCash' | 'nettingEnabled'>;

/** The recorder of a dataset's runtime fills, on the account's cash. */
export function createFillRecorder(data: FakeDataset, account: TradeAccount): FillRecorder {
  // The lots are not on the REST rows, so each (subaccount, market) book is rebuilt once from its fills and kept.
  const books = new Map<string, Book>();

  const entryOf = (subaccount: number, ticker: string) =>
    data.marketPositions.find((e) => e.subaccount === subaccount && e.position.ticker === ticker);

  /** The book of a subaccount in a market: its fills replayed oldest first, with its current netting setting. */
  function bookOf(subaccount: number, market: MarketInfo): Book {
    const key = `${subaccount}/${market.ticker}`;
    let book = books.get(key);
    if (!book) {
      book = newBook(true);
      const own = data.fills
        .filter((f) => f.subaccount_number === subaccount && f.ticker === market.ticker)
        .map((f) => ({ at: parseTime(f.created_time), f }))
        .sort((a, b) => a.at - b.at);
      book.netting = account.nettingEnabled(subaccount, market.exchange_index);
      for (const { f } of own) {
        applyFill(book, { direction: f.outcome_side, count: parseCount(f.count_fp), yesPrice: parseDollars(f.yes_price_dollars), fee: parseDollars(f.fee_cost) });
      }
      // Archived fills from before fee_cost carry 0: the position's total is the record of the fees.
      const entry = entryOf(subaccount, market.ticker);
      if (entry) book.feesPaid = parseDollars(entry.position.fees_paid_dollars);
      books.set(key, book);
    }
    book.netting = account.nettingEnabled(subaccount, market.exchange_index);
    return book;
  }

  function bookFill(fill: AccountFill): BookFill {
    const paid = fill.direction === 'yes' ? fill.yesPrice : MICROS_PER_DOLLAR - fill.yesPrice;
    const fee = tradingFee(Number(fill.count), paid, fill.isTaker ? TAKER_FEE_RATE : MAKER_FEE_RATE);
    return { direction: fill.direction, count: fill.count, yesPrice: fill.yesPrice, fee };
  }

  function movePosition(subaccount: number, market: MarketInfo, book: Book, atUs: number): MarketPosition {
    const ticker = market.ticker;
    const entry = entryOf(subaccount, ticker);
    const position = positionRow(book, { ticker, exchangeIndex: market.exchange_index }, atUs, entry?.position.resting_orders_count ?? 0);
    if (entry) {
      // Views share entry objects with data.marketPositions, so this shows everywhere.
      entry.position = position;
    } else {
      const added: MarketPositionEntry = {
        subaccount,
        event_ticker: market.event_ticker,
        event_close_ts: market.close_ts,
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

  return {
    preview(fill) {
      const execution = bookFill(fill);
      return { fee: execution.fee, ...previewFill(bookOf(fill.subaccount, fill.market), execution) };
    },

    record(fill, { fillId, orderId, clicked, atUs }) {
      const { market, subaccount, direction } = fill;
      const book = bookOf(subaccount, market);
      const execution = bookFill(fill);
      const row: Fill = {
        fill_id: fillId,
        trade_id: fillId,
        order_id: orderId,
        ticker: market.ticker,
        market_ticker: market.ticker,
        exchange_index: market.exchange_index,
        ...clicked,
        outcome_side: direction,
        book_side: direction === 'yes' ? 'bid' : 'ask',
        count_fp: wireCount(fill.count),
        yes_price_dollars: wireDollars(fill.yesPrice, 4),
        no_price_dollars: wireDollars(MICROS_PER_DOLLAR - fill.yesPrice, 4),
        is_taker: fill.isTaker,
        created_time: formatTime(atUs, 6),
        fee_cost: wireDollars(execution.fee, 6),
        subaccount_number: subaccount,
        ts: unixSeconds(atUs),
      };
      const { cash } = applyFill(book, execution);
      account.addTradeCash(subaccount, market.exchange_index, cash);
      const position = movePosition(subaccount, market, book, atUs);
      const live = data.cutoff === null || atUs >= data.cutoff * 1000;
      data.fills.unshift(row);
      (live ? data.liveFills : data.historicalFills).unshift(row);
      return { fill: row, position, positionCost: exposureOf(book), positionFees: positionFeesOf(book), volume: book.volume };
    },
  };
}

export function createTrading(data: FakeDataset, clock: RuntimeClock, account: TradeAccount): Trading {
  const ids: Rng = subRng(data.seed, 'trade-ids');
  const markets = new Map(data.markets.map((m) => [m.ticker, m]));
  const fills = createFillRecorder(data, account);

  return {
    userId: data.userId,
    fills,

    trade(input) {
      const atUs = clock.nextUs();
      const order = checkTrade(input, markets, atUs);
      const { market, direction } = order;
      const fill: AccountFill = { subaccount: TRADING_SUBACCOUNT, market, direction, count: order.count, yesPrice: order.yesPrice, isTaker: order.isTaker };
      const preview = fills.preview(fill);
      const cash = account.cash(TRADING_SUBACCOUNT, market.exchange_index);
      if (cash + preview.cash < 0n) {
        throw new RangeError(`fake.trade: insufficient balance: subaccount ${TRADING_SUBACCOUNT} holds ${wireDollars(cash)} on exchange index ${market.exchange_index}, the trade needs ${wireDollars(-preview.cash)}`);
      }
      // What was clicked: a sell of the other outcome when the trade closes contracts held, unless told.
      const action = order.action ?? (preview.closed > 0n ? 'sell' : 'buy');
      const clicked: Clicked = action === 'buy' ? { side: direction, action } : { side: direction === 'yes' ? 'no' : 'yes', action };
      const orderId = seededUuid(ids);
      const fillId = seededUuid(ids);
      const clientOrderId = seededUuid(ids);
      const recorded = fills.record(fill, { fillId, orderId, clicked, atUs });
      const restOrder = orderRow({
        orderId,
        userId: data.userId,
        clientOrderId,
        ticker: market.ticker,
        exchangeIndex: market.exchange_index,
        subaccount: TRADING_SUBACCOUNT,
        outcomeSide: direction,
        bookSide: recorded.fill.book_side,
        legacy: clicked,
        type: 'limit',
        status: 'executed',
        yesPrice: order.yesPrice,
        fills: [recorded.fill],
        remaining: 0n,
        initial: order.count,
        createdUs: atUs,
        lastUpdateUs: atUs,
        expirationUs: null,
        selfTradePrevention: null,
        orderGroupId: null,
        cancelOnPause: false,
      });
      const live = data.cutoff === null || atUs >= data.cutoff * 1000;
      // An executed order is archived with its (only) fill.
      insertSorted(data.orders, restOrder, orderOrder);
      insertSorted(live ? data.liveOrders : data.historicalOrders, restOrder, orderOrder);
      return {
        order, restOrder, clientOrderId, atUs,
        fill: recorded.fill, position: recorded.position,
        positionCost: recorded.positionCost, positionFees: recorded.positionFees, volume: recorded.volume,
      };
    },

    openMarkets() {
      const atS = clock.peekUs() / 1_000_000;
      return data.markets.filter((m) => m.open_ts <= atS && atS < m.close_ts);
    },
  };
}

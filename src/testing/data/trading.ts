/**
 * Trades made while the fake runs: each one becomes a REST fill, the executed order behind it, and
 * moves the account's market position, in the dataset the routes serve, so GET /portfolio/fills,
 * /portfolio/orders and /portfolio/positions (and the balance's portfolio value, which sums
 * exposure) show it at once.
 *
 * Every trade belongs to subaccount 0. Its fill and order are stamped by the runtime clock (after
 * every seeded fill and order, strictly increasing), so they go first in `data.fills` and
 * `data.orders` and in the live (or, under a cutoff set in the future, historical) views, and the
 * served order and cursors stay right. The order is filled whole at once: `executed`, its
 * `fill_count_fp` and `initial_count_fp` the fill's count; it is in no order group.
 * Ids come from their own seeded stream: the same trades in the same order get the same ids.
 * Cash does not move (the fake's cash changes only by transfers).
 */

import type { FakeDataset, MarketInfo, MarketPositionEntry } from './dataset-types.js';
import { aggregateEvents } from './event-positions.js';
import { MAKER_FEE_RATE, TAKER_FEE_RATE, tradingFee } from './fees.js';
import { type Execution, type Holding, applyExecution, emptyHolding, holdingOf } from './holding.js';
import { orderRow } from './order-rows.js';
import { insertSorted, orderOrder, positionOrder } from './ordering.js';
import { type Rng, seededUuid, subRng } from './prng.js';
import type { RuntimeClock } from './runtime-clock.js';
import { formatTime, unixSeconds } from './time.js';
import { type FakeTradeInput, type TradeOrder, checkTrade } from './trade-input.js';
import { MICROS_PER_DOLLAR, wireCount, wireDollars } from './wire-money.js';
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
  holding: Holding;
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

export function createTrading(data: FakeDataset, clock: RuntimeClock): Trading {
  const ids: Rng = subRng(data.seed, 'trade-ids');
  const markets = new Map(data.markets.map((m) => [m.ticker, m]));
  // Volume and position fees are not on the REST row, so they are remembered here per market.
  const holdings = new Map<string, Holding>();

  const entryOf = (ticker: string) =>
    data.marketPositions.find((e) => e.subaccount === TRADING_SUBACCOUNT && e.position.ticker === ticker);

  function movePosition(order: TradeOrder, execution: Execution, atUs: number): { position: MarketPosition; holding: Holding } {
    const ticker = order.market.ticker;
    const entry = entryOf(ticker);
    const before = holdings.get(ticker) ?? (entry ? holdingOf(entry.position) : emptyHolding());
    const holding = applyExecution(before, execution);
    holdings.set(ticker, holding);
    const position: MarketPosition = {
      ticker,
      exchange_index: order.market.exchange_index,
      total_traded_dollars: wireDollars(holding.traded, 4),
      position_fp: wireCount(holding.position),
      market_exposure_dollars: wireDollars(holding.cost, 2),
      realized_pnl_dollars: wireDollars(holding.realizedPnl, 4),
      fees_paid_dollars: wireDollars(holding.feesPaid, 6),
      last_updated_ts: formatTime(atUs, 3),
      resting_orders_count: entry?.position.resting_orders_count ?? 0,
    };
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
    return { position, holding };
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
      const buys = order.bookSide === 'bid';
      const sidePrice = order.outcomeSide === 'yes' ? order.yesPrice : MICROS_PER_DOLLAR - order.yesPrice;
      const fee = tradingFee(Number(order.count), sidePrice, order.isTaker ? TAKER_FEE_RATE : MAKER_FEE_RATE);
      // Buying YES or selling NO adds YES contracts; selling YES or buying NO adds NO ones.
      const delta = (order.outcomeSide === 'yes') === buys ? order.count : -order.count;
      const orderId = seededUuid(ids);
      const fillId = seededUuid(ids);
      const clientOrderId = seededUuid(ids);
      const fill: Fill = {
        fill_id: fillId,
        trade_id: fillId,
        order_id: orderId,
        ticker: order.market.ticker,
        market_ticker: order.market.ticker,
        exchange_index: order.market.exchange_index,
        side: order.outcomeSide,
        action: buys ? 'buy' : 'sell',
        outcome_side: order.outcomeSide,
        book_side: order.bookSide,
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
        ticker: order.market.ticker,
        exchangeIndex: order.market.exchange_index,
        subaccount: TRADING_SUBACCOUNT,
        outcomeSide: order.outcomeSide,
        bookSide: order.bookSide,
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
      const { position, holding } = movePosition(order, { delta, yesPrice: order.yesPrice, sidePrice, fee }, atUs);
      record(fill, restOrder, atUs);
      return { order, fill, restOrder, position, holding, clientOrderId, atUs };
    },

    openMarkets() {
      const atS = clock.peekUs() / 1_000_000;
      return data.markets.filter((m) => m.open_ts <= atS && atS < m.close_ts);
    },
  };
}

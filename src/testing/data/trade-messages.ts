/**
 * What the stream says about a trade: the `fill`, `market_position` and `user_order` bodies.
 * Fields the REST views also carry are the very same strings (a client that merges live and
 * caught-up fills sees no difference); instants are the fill's, in milliseconds.
 */

import type { ExecutedTrade } from './trading.js';
import type { StreamFill, StreamMarketPosition, StreamOrder } from './stream-wire-types.js';
import { formatTime } from './time.js';
import { MICROS_PER_DOLLAR, wireCount, wireDollars } from './wire-money.js';

export interface TradeMessages {
  ticker: string;
  fill: StreamFill;
  position: StreamMarketPosition;
  order: StreamOrder;
}

export function tradeMessages(trade: ExecutedTrade, userId: string): TradeMessages {
  const { fill, position, holding, atUs } = trade;
  const tsMs = Math.floor(atUs / 1000);
  const subaccount = fill.subaccount_number;
  // Whatever the order said, it ends up adding YES or NO contracts (see holding.ts).
  const addsYes = (fill.outcome_side === 'yes') === (fill.book_side === 'bid');
  return {
    ticker: fill.market_ticker,
    fill: {
      trade_id: fill.trade_id,
      order_id: fill.order_id,
      market_ticker: fill.market_ticker,
      exchange_index: fill.exchange_index,
      is_taker: fill.is_taker,
      side: fill.side,
      yes_price_dollars: fill.yes_price_dollars,
      count_fp: fill.count_fp,
      fee_cost: fill.fee_cost,
      action: fill.action,
      ts: fill.ts,
      ts_ms: tsMs,
      outcome_side: fill.outcome_side,
      book_side: fill.book_side,
      post_position_fp: position.position_fp,
      purchased_side: addsYes ? 'yes' : 'no',
      client_order_id: trade.clientOrderId,
      subaccount,
    },
    position: {
      user_id: userId,
      market_ticker: position.ticker,
      position_fp: position.position_fp,
      position_cost_dollars: wireDollars(holding.cost, 4),
      realized_pnl_dollars: position.realized_pnl_dollars,
      fees_paid_dollars: position.fees_paid_dollars,
      position_fee_cost_dollars: wireDollars(holding.positionFees, 4),
      volume_fp: wireCount(holding.volume),
      subaccount,
    },
    order: executedOrder(trade, userId, tsMs),
  };
}

/** The order behind the fill: filled whole at once, so `executed` with nothing left. */
function executedOrder(trade: ExecutedTrade, userId: string, tsMs: number): StreamOrder {
  const { fill, order } = trade;
  const sidePrice = fill.side === 'yes' ? order.yesPrice : MICROS_PER_DOLLAR - order.yesPrice;
  const fillCost = wireDollars((order.count * sidePrice) / 100n, 4);
  const zero = wireDollars(0n, 4);
  const time = formatTime(tsMs * 1000, 3);
  return {
    order_id: fill.order_id,
    user_id: userId,
    ticker: fill.market_ticker,
    status: 'executed',
    side: fill.side,
    is_yes: fill.side === 'yes',
    outcome_side: fill.outcome_side,
    book_side: fill.book_side,
    yes_price_dollars: fill.yes_price_dollars,
    fill_count_fp: fill.count_fp,
    remaining_count_fp: wireCount(0n),
    initial_count_fp: fill.count_fp,
    taker_fill_cost_dollars: fill.is_taker ? fillCost : zero,
    maker_fill_cost_dollars: fill.is_taker ? zero : fillCost,
    taker_fees_dollars: fill.is_taker ? fill.fee_cost : zero,
    maker_fees_dollars: fill.is_taker ? zero : fill.fee_cost,
    client_order_id: trade.clientOrderId,
    created_time: time,
    created_ts_ms: tsMs,
    last_update_time: time,
    last_updated_ts_ms: tsMs,
    subaccount_number: fill.subaccount_number,
  };
}

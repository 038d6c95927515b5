/**
 * What the stream says about a trade: the `fill`, `market_position` and `user_order` bodies, and
 * about any other change of an order: its `user_order` body.
 * Fields the REST views also carry are the very same strings (a client that merges live and
 * caught-up fills sees no difference); instants are the fill's, in milliseconds.
 */

import type { ExecutedTrade } from './trading.js';
import type { StreamFill, StreamMarketPosition, StreamOrder } from './stream-wire-types.js';
import { parseTime } from './time.js';
import { wireCount, wireDollars } from './wire-money.js';
import type { Order } from './wire-types.js';

export interface TradeMessages {
  ticker: string;
  fill: StreamFill;
  position: StreamMarketPosition;
  order: StreamOrder;
}

export function tradeMessages(trade: ExecutedTrade, userId: string): TradeMessages {
  const { fill, position, atUs } = trade;
  const tsMs = Math.floor(atUs / 1000);
  const subaccount = fill.subaccount_number;
  return {
    ticker: fill.market_ticker,
    fill: {
      trade_id: fill.trade_id,
      order_id: fill.order_id,
      market_ticker: fill.market_ticker,
      exchange_index: fill.exchange_index,
      is_taker: fill.is_taker,
      // Runtime fills always carry the deprecated literals (the stream's fill requires them).
      side: fill.side!,
      yes_price_dollars: fill.yes_price_dollars,
      count_fp: fill.count_fp,
      fee_cost: fill.fee_cost,
      action: fill.action!,
      ts: fill.ts,
      ts_ms: tsMs,
      outcome_side: fill.outcome_side,
      book_side: fill.book_side,
      post_position_fp: position.position_fp,
      // Deprecated like side/action; it names the direction, the same bit as outcome_side.
      purchased_side: fill.outcome_side,
      client_order_id: trade.clientOrderId,
      subaccount,
    },
    position: {
      user_id: userId,
      market_ticker: position.ticker,
      position_fp: position.position_fp,
      position_cost_dollars: wireDollars(trade.positionCost, 4),
      realized_pnl_dollars: position.realized_pnl_dollars,
      fees_paid_dollars: position.fees_paid_dollars,
      position_fee_cost_dollars: wireDollars(trade.positionFees, 4),
      volume_fp: wireCount(trade.volume),
      subaccount,
    },
    order: streamOrderOf(trade.restOrder, userId),
  };
}

/**
 * An order as the `user_orders` channel tells it after a change: the very strings of its REST row
 * (GET /portfolio/orders), and its instants in milliseconds. Sent for the order behind every fill,
 * and by the matching engine for every other change (resting, cancel, amend, decrease, expiry).
 */
export function streamOrderOf(o: Order, userId: string): StreamOrder {
  const msOf = (time: string) => Math.floor(parseTime(time) / 1000);
  const lastUpdate = o.last_update_time ?? o.created_time!;
  return {
    order_id: o.order_id,
    user_id: userId,
    ticker: o.ticker,
    status: o.status,
    // The deprecated literal of what was clicked; runtime orders always carry it.
    side: o.side!,
    is_yes: o.side === 'yes',
    outcome_side: o.outcome_side,
    book_side: o.book_side,
    yes_price_dollars: o.yes_price_dollars,
    fill_count_fp: o.fill_count_fp,
    remaining_count_fp: o.remaining_count_fp,
    initial_count_fp: o.initial_count_fp,
    taker_fill_cost_dollars: o.taker_fill_cost_dollars,
    maker_fill_cost_dollars: o.maker_fill_cost_dollars,
    taker_fees_dollars: o.taker_fees_dollars,
    maker_fees_dollars: o.maker_fees_dollars,
    client_order_id: o.client_order_id,
    created_time: o.created_time,
    created_ts_ms: msOf(o.created_time!),
    last_update_time: lastUpdate,
    last_updated_ts_ms: msOf(lastUpdate),
    subaccount_number: o.subaccount_number,
    ...(o.expiration_time ? { expiration_time: o.expiration_time, expiration_ts_ms: msOf(o.expiration_time) } : {}),
    ...(o.order_group_id ? { order_group_id: o.order_group_id } : {}),
    ...(o.self_trade_prevention_type ? { self_trade_prevention_type: o.self_trade_prevention_type } : {}),
  };
}

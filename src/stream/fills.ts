import type { Fill } from '../../generated/schema.js';
import type { StreamFill } from '../../generated/stream.js';

/** The Unix second of a REST fill: its `ts`, or its `created_time` where `ts` is missing. */
export function fillSecond(fill: Fill): number {
  if (typeof fill.ts === 'number') return fill.ts;
  const ms = typeof fill.created_time === 'string' ? Date.parse(fill.created_time) : Number.NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/**
 * A REST fill in the stream's shape, so a consumer never branches on where a fill came from.
 * `created_time` carries milliseconds where `ts` has only seconds; the legacy `side` and `action`
 * follow from the outcome and the book side when the REST fill leaves them out.
 */
export function streamFillFrom(fill: Fill): StreamFill {
  const createdMs = typeof fill.created_time === 'string' ? Date.parse(fill.created_time) : Number.NaN;
  const ts = fillSecond(fill);
  return {
    trade_id: fill.trade_id,
    order_id: fill.order_id,
    market_ticker: fill.market_ticker,
    exchange_index: fill.exchange_index,
    is_taker: fill.is_taker,
    side: fill.side ?? fill.outcome_side,
    yes_price_dollars: fill.yes_price_dollars,
    count_fp: fill.count_fp,
    fee_cost: fill.fee_cost,
    action: fill.action ?? (fill.book_side === 'bid' ? 'buy' : 'sell'),
    ts,
    ts_ms: Number.isNaN(createdMs) ? ts * 1000 : createdMs,
    outcome_side: fill.outcome_side,
    book_side: fill.book_side,
    ...(typeof fill.subaccount_number === 'number' ? { subaccount: fill.subaccount_number } : {}),
  };
}

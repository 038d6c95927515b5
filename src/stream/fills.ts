import type { Fill } from '../../generated/schema.js';
import type { StreamFill } from '../../generated/stream.js';
import { fillSecond } from '../fill-time.js';
import { type DirectionFields, directionOf } from '../direction.js';

/**
 * `outcome_side` and `book_side` as the stream carries them: both, from whichever REST gave
 * (`directionOf`: bid ≡ yes, ask ≡ no). A pair Kalshi never sends (`yes`+`ask`) is passed on as it
 * came, not guessed at and not fatal to the stream: `fillEffect` refuses it where direction matters.
 */
export function directionFieldsOf(fields: DirectionFields): { outcome_side: 'yes' | 'no'; book_side: 'bid' | 'ask' } {
  try {
    const direction = directionOf(fields);
    return { outcome_side: direction, book_side: direction === 'yes' ? 'bid' : 'ask' };
  } catch {
    return fields as { outcome_side: 'yes' | 'no'; book_side: 'bid' | 'ask' };
  }
}


/**
 * A REST fill in the stream's shape, so a consumer never branches on where a fill came from.
 * The direction is `outcome_side`/`book_side` (`directionFieldsOf`); the deprecated `side` and `action` are passed on only when REST sent them, never
 * made up (Kalshi's `book_side` is not buy/sell). `created_time` carries milliseconds where `ts`
 * has only seconds.
 */
export function streamFillFrom(fill: Fill): StreamFill {
  const createdMs = typeof fill.created_time === 'string' ? Date.parse(fill.created_time) : Number.NaN;
  const second = fillSecond(fill) ?? 0;
  return {
    trade_id: fill.trade_id,
    order_id: fill.order_id,
    market_ticker: fill.market_ticker,
    exchange_index: fill.exchange_index,
    is_taker: fill.is_taker,
    yes_price_dollars: fill.yes_price_dollars,
    count_fp: fill.count_fp,
    fee_cost: fill.fee_cost,
    ts: second,
    ts_ms: Number.isNaN(createdMs) ? second * 1000 : createdMs,
    ...directionFieldsOf(fill),
    ...(fill.side !== undefined ? { side: fill.side } : {}),
    ...(fill.action !== undefined ? { action: fill.action } : {}),
    ...(typeof fill.subaccount_number === 'number' ? { subaccount: fill.subaccount_number } : {}),
  };
}

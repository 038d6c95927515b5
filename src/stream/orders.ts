import type { Order } from '../../generated/schema.js';
import type { StreamOrder } from '../../generated/stream.js';
import { directionFieldsOf } from './fills.js';

/**
 * A REST order in the stream's shape, so a `user_order` event reads the same whichever way it
 * came. `is_yes` (deprecated) says what `outcome_side` says; the deprecated `side` is passed on
 * only when REST sent it; `*_ts_ms` carry the RFC 3339 times in milliseconds.
 */
export function streamOrderFrom(order: Order): StreamOrder {
  const direction = directionFieldsOf(order);
  const ms = (time: string | null | undefined) => (typeof time === 'string' ? Date.parse(time) : Number.NaN);
  const created = ms(order.created_time);
  const updated = ms(order.last_update_time);
  const expires = ms(order.expiration_time);
  return {
    order_id: order.order_id,
    user_id: order.user_id,
    ticker: order.ticker,
    status: order.status,
    is_yes: direction.outcome_side === 'yes',
    ...direction,
    yes_price_dollars: order.yes_price_dollars,
    fill_count_fp: order.fill_count_fp,
    remaining_count_fp: order.remaining_count_fp,
    initial_count_fp: order.initial_count_fp,
    taker_fill_cost_dollars: order.taker_fill_cost_dollars,
    maker_fill_cost_dollars: order.maker_fill_cost_dollars,
    taker_fees_dollars: order.taker_fees_dollars,
    maker_fees_dollars: order.maker_fees_dollars,
    client_order_id: order.client_order_id,
    created_time: order.created_time ?? '',
    created_ts_ms: Number.isNaN(created) ? 0 : created,
    ...(order.side !== undefined ? { side: order.side } : {}),
    ...(typeof order.order_group_id === 'string' ? { order_group_id: order.order_group_id } : {}),
    ...(typeof order.self_trade_prevention_type === 'string' ? { self_trade_prevention_type: order.self_trade_prevention_type } : {}),
    ...(typeof order.last_update_time === 'string' && !Number.isNaN(updated) ? { last_update_time: order.last_update_time, last_updated_ts_ms: updated } : {}),
    ...(typeof order.expiration_time === 'string' && !Number.isNaN(expires) ? { expiration_time: order.expiration_time, expiration_ts_ms: expires } : {}),
    ...(typeof order.subaccount_number === 'number' ? { subaccount_number: order.subaccount_number } : {}),
  };
}

/**
 * The fake's batched v2 order writes. A batch costs the Write bucket 10 tokens per create and 2
 * per cancel (Kalshi's default table); one larger than the bucket's capacity (GET /account/limits)
 * is refused whole with 400. Otherwise every item is tried on its own, in order, and the answer
 * (201 for creates, 200 for cancels) carries each item's result or its `error`.
 */

import { FakeApiError } from '../api-error.js';
import { executionBody } from './orders-v2.js';
import { type Fields, engineOf, itemError, jsonObject, newOrder, text, whole, wireCount } from './order-write-input.js';
import { type Route, type RouteContext, created, ok } from './route.js';

/** Write-bucket tokens per item. */
const CREATE_COST = 10;
const CANCEL_COST = 2;

function items(ctx: RouteContext, cost: number): Fields[] {
  const list = jsonObject(ctx.body)['orders'];
  if (!Array.isArray(list) || list.length === 0) throw new FakeApiError(400, 'invalid_parameters', 'invalid parameters', 'orders must be a non-empty array');
  const capacity = ctx.apiLimits.write.bucket_capacity;
  if (list.length * cost > capacity) {
    throw new FakeApiError(400, 'batch_too_large', 'batch too large', `${list.length} items cost ${list.length * cost} tokens; the write bucket holds ${capacity}`);
  }
  return list.map((item) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Fields) : {}));
}

/** POST /portfolio/events/orders/batched -> 201 {orders: [result or error, …]}. */
export const batchCreateOrdersV2Route: Route = {
  method: 'POST',
  path: '/portfolio/events/orders/batched',
  operation: 'BatchCreateOrdersV2',
  handle(ctx) {
    const engine = engineOf(ctx);
    const orders = items(ctx, CREATE_COST).map((fields) => {
      try {
        return executionBody(engine.create(newOrder(fields)));
      } catch (error) {
        const clientOrderId = typeof fields['client_order_id'] === 'string' ? fields['client_order_id'] : null;
        return { client_order_id: clientOrderId, fill_count: null, remaining_count: null, ts_ms: null, error: itemError(error) };
      }
    });
    return created({ orders });
  },
};

/** DELETE /portfolio/events/orders/batched -> 200 {orders: [result or error, …]}. */
export const batchCancelOrdersV2Route: Route = {
  method: 'DELETE',
  path: '/portfolio/events/orders/batched',
  operation: 'BatchCancelOrdersV2',
  handle(ctx) {
    const engine = engineOf(ctx);
    const orders = items(ctx, CANCEL_COST).map((fields) => {
      const orderId = typeof fields['order_id'] === 'string' ? fields['order_id'] : '';
      try {
        const done = engine.cancel(text(fields, 'order_id', true), whole(fields, 'subaccount', 0) ?? 0);
        return { order_id: done.orderId, client_order_id: done.clientOrderId, reduced_by: wireCount(done.reducedBy), ts_ms: done.tsMs };
      } catch (error) {
        return { order_id: orderId, reduced_by: wireCount(0n), ts_ms: null, error: itemError(error) };
      }
    });
    return ok({ orders });
  },
};


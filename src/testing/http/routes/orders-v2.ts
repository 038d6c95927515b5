/**
 * The v2 order writes of the fake, served by its matching engine (data/matching.ts): place,
 * cancel, cancel all, amend and decrease one order. Batches are in orders-v2-batch.ts.
 */

import type { Execution } from '../../data/matching.js';
import { FakeApiError } from '../api-error.js';
import { type Route, created, ok } from './route.js';
import {
  BOOK_SIDES, choice, count, engineCall, engineOf, jsonObject, newOrder, price, queryInt, text, whole, wireCount, wirePrice,
} from './order-write-input.js';

/** A create's or amend's answer: averages only when something filled. */
export function executionBody(done: Execution) {
  return {
    order_id: done.orderId,
    client_order_id: done.clientOrderId,
    fill_count: wireCount(done.filled),
    remaining_count: wireCount(done.remaining),
    ...(done.averagePrice === undefined ? {} : { average_fill_price: wirePrice(done.averagePrice), average_fee_paid: wirePrice(done.averageFee!) }),
    ts_ms: done.tsMs,
  };
}

/** POST /portfolio/events/orders -> 201 {order_id, client_order_id, fill_count, remaining_count, …}. */
export const createOrderV2Route: Route = {
  method: 'POST',
  path: '/portfolio/events/orders',
  operation: 'CreateOrderV2',
  handle(ctx) {
    const order = newOrder(jsonObject(ctx.body));
    return created(executionBody(engineCall(() => engineOf(ctx).create(order))));
  },
};

/** DELETE /portfolio/events/orders[?subaccount] -> 204: every resting order (of one subaccount). */
export const cancelAllOrdersRoute: Route = {
  method: 'DELETE',
  path: '/portfolio/events/orders',
  operation: 'CancelAllOrders',
  handle(ctx) {
    const subaccount = queryInt(ctx.query, 'subaccount', 0);
    engineOf(ctx).cancelAll(subaccount);
    return { status: 204, body: undefined };
  },
};

/** DELETE /portfolio/events/orders/{order_id}[?subaccount] -> 200 {order_id, client_order_id, reduced_by, ts_ms}. */
export const cancelOrderV2Route: Route = {
  method: 'DELETE',
  path: '/portfolio/events/orders/{order_id}',
  operation: 'CancelOrderV2',
  handle(ctx) {
    const subaccount = queryInt(ctx.query, 'subaccount', 0) ?? 0;
    queryInt(ctx.query, 'exchange_index', -1);
    const done = engineCall(() => engineOf(ctx).cancel(ctx.pathParams['order_id']!, subaccount));
    return ok({ order_id: done.orderId, client_order_id: done.clientOrderId, reduced_by: wireCount(done.reducedBy), ts_ms: done.tsMs });
  },
};

/** POST /portfolio/events/orders/{order_id}/amend -> 200 {order_id, client_order_id, remaining_count, fill_count, …}. */
export const amendOrderV2Route: Route = {
  method: 'POST',
  path: '/portfolio/events/orders/{order_id}/amend',
  operation: 'AmendOrderV2',
  handle(ctx) {
    const fields = jsonObject(ctx.body);
    const subaccount = queryInt(ctx.query, 'subaccount', 0) ?? 0;
    const input = {
      ticker: text(fields, 'ticker', true),
      side: choice(fields, 'side', BOOK_SIDES),
      price: price(fields, 'price'),
      count: count(fields, 'count', true),
      clientOrderId: text(fields, 'client_order_id'),
      updatedClientOrderId: text(fields, 'updated_client_order_id'),
      expirationS: whole(fields, 'expiration_time', 0),
    };
    return ok(executionBody(engineCall(() => engineOf(ctx).amend(ctx.pathParams['order_id']!, subaccount, input))));
  },
};

/** POST /portfolio/events/orders/{order_id}/decrease -> 200 {order_id, client_order_id, remaining_count, ts_ms}. */
export const decreaseOrderV2Route: Route = {
  method: 'POST',
  path: '/portfolio/events/orders/{order_id}/decrease',
  operation: 'DecreaseOrderV2',
  handle(ctx) {
    const fields = jsonObject(ctx.body);
    const subaccount = queryInt(ctx.query, 'subaccount', 0) ?? 0;
    const by = count(fields, 'reduce_by');
    const to = count(fields, 'reduce_to');
    if ((by === undefined) === (to === undefined)) {
      throw new FakeApiError(400, 'invalid_parameters', 'invalid parameters', 'give exactly one of reduce_by and reduce_to');
    }
    const done = engineCall(() => engineOf(ctx).decrease(ctx.pathParams['order_id']!, subaccount, by !== undefined ? { by } : { to: to! }));
    return ok({ order_id: done.orderId, client_order_id: done.clientOrderId, remaining_count: wireCount(done.remaining), ts_ms: done.tsMs });
  },
};

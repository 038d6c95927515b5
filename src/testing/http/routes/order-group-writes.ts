/**
 * The fake's order-group writes, served by its matching engine (data/matching.ts): create,
 * delete, reset, trigger and a new limit. A group counts the contracts its orders match over a
 * rolling 15 s; reaching the limit, or a trigger, cancels its orders until a reset.
 */

import { FakeApiError } from '../api-error.js';
import { type Fields, count, engineCall, engineOf, jsonObject, queryInt, whole } from './order-write-input.js';
import { type Route, type RouteContext, created, ok } from './route.js';

/** The limit from `contracts_limit` (whole contracts) and/or `contracts_limit_fp`, which must agree. */
function limitOf(fields: Fields): bigint {
  const whole_ = whole(fields, 'contracts_limit', 1);
  const fixed = count(fields, 'contracts_limit_fp');
  const fromWhole = whole_ === undefined ? undefined : BigInt(whole_) * 100n;
  if (fromWhole !== undefined && fixed !== undefined && fromWhole !== fixed) {
    throw new FakeApiError(400, 'invalid_parameters', 'invalid parameters', 'contracts_limit and contracts_limit_fp disagree');
  }
  const limit = fromWhole ?? fixed;
  if (limit === undefined || limit <= 0n) throw new FakeApiError(400, 'invalid_parameters', 'invalid parameters', 'give contracts_limit or contracts_limit_fp, more than zero');
  return limit;
}

const subaccountOf = (ctx: RouteContext) => queryInt(ctx.query, 'subaccount', 0) ?? 0;
const groupIdOf = (ctx: RouteContext) => ctx.pathParams['order_group_id']!;

/** POST /portfolio/order_groups/create -> 201 {order_group_id, subaccount, exchange_index}. */
export const createOrderGroupRoute: Route = {
  method: 'POST',
  path: '/portfolio/order_groups/create',
  operation: 'CreateOrderGroup',
  handle(ctx) {
    const fields = jsonObject(ctx.body);
    const subaccount = whole(fields, 'subaccount', 0) ?? 0;
    const exchangeIndex = whole(fields, 'exchange_index', 0) ?? 0;
    const id = engineOf(ctx).createGroup(subaccount, exchangeIndex, limitOf(fields));
    return created({ order_group_id: id, subaccount, exchange_index: exchangeIndex });
  },
};

/** DELETE /portfolio/order_groups/{order_group_id} -> 200 {}: cancels the group's orders. */
export const deleteOrderGroupRoute: Route = {
  method: 'DELETE',
  path: '/portfolio/order_groups/{order_group_id}',
  operation: 'DeleteOrderGroup',
  handle(ctx) {
    engineCall(() => engineOf(ctx).deleteGroup(groupIdOf(ctx), subaccountOf(ctx)));
    return ok({});
  },
};

/** PUT /portfolio/order_groups/{order_group_id}/reset -> 200 {}. */
export const resetOrderGroupRoute: Route = {
  method: 'PUT',
  path: '/portfolio/order_groups/{order_group_id}/reset',
  operation: 'ResetOrderGroup',
  handle(ctx) {
    engineCall(() => engineOf(ctx).resetGroup(groupIdOf(ctx), subaccountOf(ctx)));
    return ok({});
  },
};

/** PUT /portfolio/order_groups/{order_group_id}/trigger -> 200 {}. */
export const triggerOrderGroupRoute: Route = {
  method: 'PUT',
  path: '/portfolio/order_groups/{order_group_id}/trigger',
  operation: 'TriggerOrderGroup',
  handle(ctx) {
    engineCall(() => engineOf(ctx).triggerGroup(groupIdOf(ctx), subaccountOf(ctx)));
    return ok({});
  },
};

/** PUT /portfolio/order_groups/{order_group_id}/limit -> 200 {}. */
export const updateOrderGroupLimitRoute: Route = {
  method: 'PUT',
  path: '/portfolio/order_groups/{order_group_id}/limit',
  operation: 'UpdateOrderGroupLimit',
  handle(ctx) {
    const limit = limitOf(jsonObject(ctx.body));
    engineCall(() => engineOf(ctx).limitGroup(groupIdOf(ctx), subaccountOf(ctx), limit));
    return ok({});
  },
};

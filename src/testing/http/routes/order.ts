import { findOrder } from '../../data/order-views.js';
import type { GetOrderResponse } from '../../data/wire-types.js';
import { FakeApiError } from '../api-error.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/orders/{order_id} -> {"order"}: any order of the account,
 * live or historical; an unknown id -> 404 not_found.
 */
export const orderRoute: Route = {
  method: 'GET',
  path: '/portfolio/orders/{order_id}',
  operation: 'GetOrder',
  handle({ pathParams, data }) {
    const id = pathParams['order_id']!;
    const order = findOrder(data, id);
    if (!order) throw new FakeApiError(404, 'not_found', 'order not found', `no order ${id}`);
    return ok({ order } satisfies GetOrderResponse);
  },
};

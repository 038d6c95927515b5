import { findOrder, queuePositionOf } from '../../data/order-views.js';
import type { GetOrderQueuePositionResponse } from '../../data/wire-types.js';
import { FakeApiError } from '../api-error.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/orders/{order_id}/queue_position -> {"queue_position_fp"}.
 * Only resting orders stand in a queue: an unknown id, and an order that is
 * canceled or executed, -> 404 not_found (the details say which).
 */
export const orderQueuePositionRoute: Route = {
  method: 'GET',
  path: '/portfolio/orders/{order_id}/queue_position',
  operation: 'GetOrderQueuePosition',
  handle({ pathParams, data }) {
    const id = pathParams['order_id']!;
    const order = findOrder(data, id);
    if (!order) throw new FakeApiError(404, 'not_found', 'order not found', `no order ${id}`);
    const position = queuePositionOf(data, order);
    if (!position) throw new FakeApiError(404, 'not_found', 'order not found', `order ${id} is ${order.status}: only resting orders have a queue position`);
    return ok({ queue_position_fp: position.queue_position_fp } satisfies GetOrderQueuePositionResponse);
  },
};

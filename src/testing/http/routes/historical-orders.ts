import { filterOrders } from '../../data/order-views.js';
import { historicalOrderOrder } from '../../data/ordering.js';
import type { GetOrdersResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/**
 * GET /historical/orders: orders canceled or fully executed before the
 * historical cutoff, newest first. ticker, min_ts/max_ts (inclusive, on
 * created_time in seconds), subaccount (omitted = all), limit 1..1000 (100),
 * cursor (its own).
 */
export const historicalOrdersRoute: Route = {
  method: 'GET',
  path: '/historical/orders',
  operation: 'GetHistoricalOrders',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const rows = filterOrders(data, data.historicalOrders, {
      ticker: q.string('ticker'),
      minTs: q.int('min_ts'),
      maxTs: q.int('max_ts'),
      subaccount: q.subaccount(),
    });
    const limit = q.limit(1000);
    const page = paginate(rows, historicalOrderOrder, q.string('cursor'), limit);
    return ok({ orders: page.rows, cursor: page.cursor } satisfies GetOrdersResponse);
  },
};

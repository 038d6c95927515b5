import { filterOrders } from '../../data/order-views.js';
import { orderOrder } from '../../data/ordering.js';
import { parseTime } from '../../data/time.js';
import type { GetOrdersResponse, OrderStatus } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

const ORDER_STATUSES: readonly OrderStatus[] = ['resting', 'canceled', 'executed'];

/**
 * GET /portfolio/orders: ticker, event_ticker (up to 10, comma-separated),
 * min_ts/max_ts (inclusive, on created_time in seconds), status (resting,
 * canceled, executed), subaccount (omitted = all), exchange_index, limit
 * 1..1000 (100), cursor; newest first. Serves the live orders: every resting
 * one, and those canceled or executed at or after the historical cutoff; with
 * `faults.restLagMs`, none created after the REST view's instant.
 */
export const ordersRoute: Route = {
  method: 'GET',
  path: '/portfolio/orders',
  operation: 'GetOrders',
  handle({ query, data, asOfUs, restAsOfUs }) {
    const q = readQuery(query, this.operation);
    // The clock first (see fills.ts): the REST view lags only when a lag is set.
    const asOf = asOfUs();
    const shownUntil = restAsOfUs();
    const shown = shownUntil < asOf ? data.liveOrders.filter((o) => parseTime(o.created_time) <= shownUntil) : data.liveOrders;
    const rows = filterOrders(data, shown, {
      ticker: q.string('ticker'),
      eventTickers: q.names('event_ticker', 10),
      minTs: q.int('min_ts'),
      maxTs: q.int('max_ts'),
      status: q.oneOf('status', ORDER_STATUSES),
      subaccount: q.subaccount(),
      exchangeIndex: q.exchangeIndex(),
    });
    const limit = q.limit(1000);
    const page = paginate(rows, orderOrder, q.string('cursor'), limit);
    return ok({ orders: page.rows, cursor: page.cursor } satisfies GetOrdersResponse);
  },
};

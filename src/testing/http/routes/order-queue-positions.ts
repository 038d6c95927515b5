import { queuePositions } from '../../data/order-views.js';
import type { GetOrderQueuePositionsResponse } from '../../data/wire-types.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/orders/queue_positions: market_tickers (comma-separated),
 * event_ticker (one), subaccount (omitted = 0). The queue position of each
 * matching resting order of the subaccount, newest order first; not paged.
 */
export const orderQueuePositionsRoute: Route = {
  method: 'GET',
  path: '/portfolio/orders/queue_positions',
  operation: 'GetOrderQueuePositions',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const rows = queuePositions(data, {
      marketTickers: q.names('market_tickers'),
      eventTicker: q.string('event_ticker'),
      subaccount: q.subaccount(0),
    });
    return ok({ queue_positions: rows.map((r) => ({ ...r })) } satisfies GetOrderQueuePositionsResponse);
  },
};

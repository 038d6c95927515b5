import { historicalPositionOrder } from '../../data/ordering.js';
import { readQuery } from '../params.js';
import { positionsPage } from './positions.js';
import { type Route, ok } from './route.js';

/**
 * GET /historical/positions: settled market positions last updated before the
 * historical cutoff, paged like GET /portfolio/positions (event rows on the
 * page of their first market). ticker, event_ticker (one), limit 1..1000
 * (100), cursor, subaccount (omitted = 0).
 */
export const historicalPositionsRoute: Route = {
  method: 'GET',
  path: '/historical/positions',
  operation: 'GetHistoricalPositions',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const ticker = q.string('ticker');
    const eventTicker = q.string('event_ticker');
    const subaccount = q.subaccount(0);
    const limit = q.limit(1000);
    const rows = data.historicalMarketPositions.filter(({ subaccount: owner, event_ticker, position: p }) =>
      owner === subaccount &&
      (ticker === undefined || p.ticker === ticker) &&
      (eventTicker === undefined || event_ticker === eventTicker));
    return ok(positionsPage(rows, data.historicalEventPositions, subaccount, historicalPositionOrder, q.string('cursor'), limit));
  },
};

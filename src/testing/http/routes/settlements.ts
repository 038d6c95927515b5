import { settlementOrder } from '../../data/ordering.js';
import type { GetSettlementsResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/settlements: ticker, event_ticker (one), min_ts/max_ts
 * (inclusive, on settled_time in seconds), subaccount (omitted = all),
 * limit 1..1000 (100), cursor.
 */
export const settlementsRoute: Route = {
  method: 'GET',
  path: '/portfolio/settlements',
  operation: 'GetSettlements',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const ticker = q.string('ticker');
    const eventTicker = q.string('event_ticker');
    const minTs = q.int('min_ts');
    const maxTs = q.int('max_ts');
    const subaccount = q.subaccount();
    const limit = q.limit(1000);
    const rows = data.settlements.filter(({ subaccount: owner, settlement: s }) => {
      const settledTs = Math.floor(Date.parse(s.settled_time) / 1000);
      return (ticker === undefined || s.ticker === ticker) &&
        (eventTicker === undefined || s.event_ticker === eventTicker) &&
        (minTs === undefined || settledTs >= minTs) &&
        (maxTs === undefined || settledTs <= maxTs) &&
        (subaccount === undefined || owner === subaccount);
    });
    const page = paginate(rows, settlementOrder, q.string('cursor'), limit);
    return ok({ settlements: page.rows.map((e) => e.settlement), cursor: page.cursor } satisfies GetSettlementsResponse);
  },
};

import { fillOrder } from '../../data/ordering.js';
import { parseTime } from '../../data/time.js';
import type { GetFillsResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/**
 * GET /portfolio/fills: ticker, order_id, min_ts/max_ts (inclusive, on `ts`),
 * subaccount (omitted = all), exchange_index, limit 1..1000 (100), cursor.
 * Serves the live fills only: those created at or after the historical cutoff,
 * and (with `faults.restLagMs`) not after the REST view's instant.
 */
export const fillsRoute: Route = {
  method: 'GET',
  path: '/portfolio/fills',
  operation: 'GetFills',
  handle({ query, data, asOfUs, restAsOfUs }) {
    const q = readQuery(query, this.operation);
    const ticker = q.string('ticker');
    const orderId = q.string('order_id');
    const minTs = q.int('min_ts');
    const maxTs = q.int('max_ts');
    const subaccount = q.subaccount();
    const exchangeIndex = q.exchangeIndex();
    const limit = q.limit(1000);
    // The clock first: read after it, the REST view's instant is behind it only when a lag is set
    // (read the other way round, the clock's tick between the two reads made every request scan).
    const asOf = asOfUs();
    const shownUntil = restAsOfUs();
    const lagging = shownUntil < asOf;
    const rows = data.liveFills.filter((f) =>
      (!lagging || parseTime(f.created_time) <= shownUntil) &&
      (ticker === undefined || f.ticker === ticker) &&
      (orderId === undefined || f.order_id === orderId) &&
      (minTs === undefined || f.ts >= minTs) &&
      (maxTs === undefined || f.ts <= maxTs) &&
      (subaccount === undefined || f.subaccount_number === subaccount) &&
      (exchangeIndex === undefined || f.exchange_index === exchangeIndex));
    const page = paginate(rows, fillOrder, q.string('cursor'), limit);
    return ok({ fills: page.rows, cursor: page.cursor } satisfies GetFillsResponse);
  },
};

import { historicalFillOrder } from '../../data/ordering.js';
import type { GetFillsResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/**
 * GET /historical/fills: fills created before the historical cutoff, newest
 * first. ticker, min_ts/max_ts (inclusive, on `ts`), subaccount (omitted =
 * all), limit 1..1000 (100), cursor.
 */
export const historicalFillsRoute: Route = {
  method: 'GET',
  path: '/historical/fills',
  operation: 'GetFillsHistorical',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const ticker = q.string('ticker');
    const minTs = q.int('min_ts');
    const maxTs = q.int('max_ts');
    const subaccount = q.subaccount();
    const limit = q.limit(1000);
    const rows = data.historicalFills.filter((f) =>
      (ticker === undefined || f.ticker === ticker) &&
      (minTs === undefined || f.ts >= minTs) &&
      (maxTs === undefined || f.ts <= maxTs) &&
      (subaccount === undefined || f.subaccount_number === subaccount));
    const page = paginate(rows, historicalFillOrder, q.string('cursor'), limit);
    return ok({ fills: page.rows, cursor: page.cursor } satisfies GetFillsResponse);
  },
};

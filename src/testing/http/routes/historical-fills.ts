import { historicalFillOrder } from '../../data/ordering.js';
import type { GetFillsResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

/**
 * GET /historical/fills: fills created before the historical cutoff, all
 * subaccounts, newest first. ticker, max_ts (inclusive, on `ts`), limit
 * 1..1000 (100), cursor; also min_ts, which Kalshi's own SDK sends.
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
    const limit = q.limit(1000);
    const rows = data.historicalFills.filter((f) =>
      (ticker === undefined || f.ticker === ticker) &&
      (minTs === undefined || f.ts >= minTs) &&
      (maxTs === undefined || f.ts <= maxTs));
    const page = paginate(rows, historicalFillOrder, q.string('cursor'), limit);
    return ok({ fills: page.rows, cursor: page.cursor } satisfies GetFillsResponse);
  },
};

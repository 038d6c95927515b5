import { formatTime } from '../../data/time.js';
import type { GetHistoricalCutoffResponse } from '../../data/wire-types.js';
import { type Route, ok } from './route.js';

/**
 * GET /historical/cutoff: unsigned (answers with or without signature
 * headers, valid or not). Every cutoff is the dataset's current one.
 */
export const historicalCutoffRoute: Route = {
  method: 'GET',
  path: '/historical/cutoff',
  operation: 'GetHistoricalCutoff',
  signed: false,
  handle({ data }) {
    return ok(cutoffResponse(data.cutoff));
  },
};

/** Every partition uses the same instant; with no cutoff it is the Unix epoch (everything after it is live). */
function cutoffResponse(cutoffMs: number | null): GetHistoricalCutoffResponse {
  const ms = cutoffMs ?? 0;
  const text = formatTime(ms * 1000, ms % 1000 === 0 ? 0 : 3);
  return {
    market_settled_ts: text,
    trades_created_ts: text,
    orders_updated_ts: text,
    market_positions_last_updated_ts: text,
  };
}

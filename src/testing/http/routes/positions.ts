import type { EventPositionEntry, MarketPositionEntry } from '../../data/dataset-types.js';
import { type Ordering, positionOrder } from '../../data/ordering.js';
import { parseCount, parseDollars } from '../../data/wire-money.js';
import type { EventPosition, GetPositionsResponse } from '../../data/wire-types.js';
import { paginate } from '../paging.js';
import { readQuery } from '../params.js';
import { type Route, ok } from './route.js';

const COUNT_FILTERS = ['position', 'total_traded'] as const;

/**
 * GET /portfolio/positions: ticker, event_ticker (one), count_filter
 * (position, total_traded: keep rows where each named value is nonzero),
 * subaccount (omitted = 0), exchange_index, limit 1..1000 (100), cursor.
 *
 * Pages run over market positions (grouped by event). A page's
 * event_positions are the events whose first matching market is on that
 * page, so walking all pages yields every market and every event once.
 * Event rows are the event's aggregate over all of the subaccount's live markets.
 * Settled positions archived before the historical cutoff are left out.
 */
export const positionsRoute: Route = {
  method: 'GET',
  path: '/portfolio/positions',
  operation: 'GetPositions',
  handle({ query, data }) {
    const q = readQuery(query, this.operation);
    const ticker = q.string('ticker');
    const eventTicker = q.string('event_ticker');
    const countFilter = q.list('count_filter', COUNT_FILTERS) ?? [];
    const subaccount = q.subaccount(0);
    const exchangeIndex = q.exchangeIndex();
    const limit = q.limit(1000);
    const rows = data.liveMarketPositions.filter(({ subaccount: owner, event_ticker, position: p }) =>
      owner === subaccount &&
      (ticker === undefined || p.ticker === ticker) &&
      (eventTicker === undefined || event_ticker === eventTicker) &&
      (exchangeIndex === undefined || p.exchange_index === exchangeIndex) &&
      (!countFilter.includes('position') || parseCount(p.position_fp) !== 0n) &&
      (!countFilter.includes('total_traded') || parseDollars(p.total_traded_dollars) !== 0n));
    return ok(positionsPage(rows, data.liveEventPositions, subaccount, positionOrder, q.string('cursor'), limit));
  },
};

/**
 * One page of market positions (already filtered to one subaccount and
 * sorted) with the events whose first matching market is on the page.
 */
export function positionsPage(
  rows: readonly MarketPositionEntry[],
  events: readonly EventPositionEntry[],
  subaccount: number,
  order: Ordering<MarketPositionEntry>,
  cursor: string | undefined,
  limit: number,
): GetPositionsResponse {
  const page = paginate(rows, order, cursor, limit);
  const seenBefore = new Set(rows.slice(0, page.start).map((e) => e.event_ticker));
  const eventPositions: EventPosition[] = [];
  for (const entry of page.rows) {
    if (seenBefore.has(entry.event_ticker)) continue;
    seenBefore.add(entry.event_ticker);
    const event = events.find((e) => e.subaccount === subaccount && e.position.event_ticker === entry.event_ticker);
    if (event) eventPositions.push(event.position);
  }
  return { market_positions: page.rows.map((e) => e.position), event_positions: eventPositions, cursor: page.cursor };
}

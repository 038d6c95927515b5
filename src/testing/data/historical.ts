/**
 * The historical partition. Fills created before the cutoff, settled market
 * positions last updated before it, and orders canceled or fully executed
 * before it (resting orders never move) leave the live endpoints for the
 * /historical ones. The cutoff lives on the dataset (`cutoff`) together with
 * the live/historical views, which `applyCutoff` recomputes when it moves.
 */

import type { FakeDataset, MarketPositionEntry } from './dataset-types.js';
import { aggregateEvents } from './event-positions.js';
import { parseTime } from './time.js';
import type { Order } from './wire-types.js';

const MS_PER_DAY = 86_400_000;

/** The cutoff `days` before `nowMs` (whole ms), or null when nothing is archived. */
export function cutoffFromDays(nowMs: number, days: number | null): number | null {
  return days === null ? null : nowMs - Math.round(days * MS_PER_DAY);
}

/** Whether a market position is archived under a cutoff in epoch microseconds. */
function archived(entry: MarketPositionEntry, cutoffUs: number | null): boolean {
  return cutoffUs !== null && entry.settled && parseTime(entry.position.last_updated_ts) < cutoffUs;
}

/**
 * Whether an order is archived under a cutoff in epoch microseconds: finished (canceled or
 * executed) and last updated before it. An executed order's last update is its last fill, so it
 * moves together with its fills.
 */
function archivedOrder(order: Order, cutoffUs: number | null): boolean {
  return cutoffUs !== null && order.status !== 'resting' && parseTime(order.last_update_time) < cutoffUs;
}

function partitionOrders(orders: readonly Order[], cutoffUs: number | null): Pick<FakeDataset, 'liveOrders' | 'historicalOrders'> {
  const liveOrders: Order[] = [];
  const historicalOrders: Order[] = [];
  for (const o of orders) (archivedOrder(o, cutoffUs) ? historicalOrders : liveOrders).push(o);
  return { liveOrders, historicalOrders };
}

type Partitioned = Pick<FakeDataset, 'fills' | 'marketPositions' | 'orders'>;
export type CutoffViews = Pick<FakeDataset,
  'cutoff' | 'liveFills' | 'historicalFills' | 'liveMarketPositions' | 'historicalMarketPositions' | 'liveEventPositions' |
  'historicalEventPositions' | 'liveOrders' | 'historicalOrders'>;

/** The live and historical views of the data under `cutoffMs` (ms since the epoch, or null). */
export function cutoffViews(data: Partitioned, cutoffMs: number | null): CutoffViews {
  if (cutoffMs !== null && !(Number.isSafeInteger(cutoffMs) && cutoffMs >= 0)) throw new RangeError(`the cutoff must be whole non-negative ms since the epoch, or null, got ${cutoffMs}`);
  const cutoffUs = cutoffMs === null ? null : cutoffMs * 1000;
  const liveFills = data.fills.filter((f) => cutoffUs === null || parseTime(f.created_time) >= cutoffUs);
  const historicalFills = data.fills.filter((f) => cutoffUs !== null && parseTime(f.created_time) < cutoffUs);
  const liveMarketPositions = data.marketPositions.filter((e) => !archived(e, cutoffUs));
  const historicalMarketPositions = data.marketPositions.filter((e) => archived(e, cutoffUs));
  return {
    cutoff: cutoffMs,
    liveFills,
    historicalFills,
    liveMarketPositions,
    historicalMarketPositions,
    liveEventPositions: aggregateEvents(liveMarketPositions),
    historicalEventPositions: aggregateEvents(historicalMarketPositions),
    ...partitionOrders(data.orders, cutoffUs),
  };
}

/** Moves the dataset's cutoff and recomputes its views in place. */
export function applyCutoff(data: FakeDataset, cutoffMs: number | null): void {
  Object.assign(data, cutoffViews(data, cutoffMs));
}

/** Event positions: per (subaccount, event) aggregates of market positions. */

import type { EventPositionEntry, MarketPositionEntry } from './dataset-types.js';
import { parseCount, parseDollars, wireCount, wireDollars } from './wire-money.js';

/**
 * One event position per (subaccount, event), in order of first appearance:
 * total_cost and event_exposure = sum of market exposure, total_cost_shares =
 * sum of |position|, realized P&L and fees = sums.
 */
export function aggregateEvents(positions: readonly MarketPositionEntry[]): EventPositionEntry[] {
  const sums = new Map<string, { subaccount: number; event: string; exposure: bigint; shares: bigint; pnl: bigint; fees: bigint }>();
  for (const e of positions) {
    const key = `${e.subaccount}/${e.event_ticker}`;
    const s = sums.get(key) ?? { subaccount: e.subaccount, event: e.event_ticker, exposure: 0n, shares: 0n, pnl: 0n, fees: 0n };
    s.exposure += parseDollars(e.position.market_exposure_dollars);
    const shares = parseCount(e.position.position_fp);
    s.shares += shares < 0n ? -shares : shares;
    s.pnl += parseDollars(e.position.realized_pnl_dollars);
    s.fees += parseDollars(e.position.fees_paid_dollars);
    sums.set(key, s);
  }
  return [...sums.values()].map((s) => ({
    subaccount: s.subaccount,
    position: {
      event_ticker: s.event,
      total_cost_dollars: wireDollars(s.exposure, 4),
      total_cost_shares_fp: wireCount(s.shares),
      event_exposure_dollars: wireDollars(s.exposure, 2),
      realized_pnl_dollars: wireDollars(s.pnl, 4),
      fees_paid_dollars: wireDollars(s.fees, 6),
    },
  }));
}

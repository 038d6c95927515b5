/**
 * A P&L result grouped by market, event, series, month, year or subaccount. Month and year rows
 * carry what was realized and paid in them; what is open is valued at the period's end, so its
 * unrealized figure goes to no month and shows in the totals.
 */
import { addFigures, emptyFigures } from './engine.js';
import type { GroupBy, PnlGroup, PnlResult } from './types.js';

export const GROUP_BY: readonly GroupBy[] = ['market', 'event', 'series', 'month', 'year', 'subaccount'];

export function groupPnl(result: PnlResult, by: GroupBy): PnlGroup[] {
  const groups = new Map<string, PnlGroup>();
  const groupOf = (key: string) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, ...emptyFigures() }));
    return group;
  };
  for (const market of result.markets) {
    if (by === 'month' || by === 'year') {
      for (const [month, m] of market.months) {
        const group = groupOf(by === 'month' ? month : month.slice(0, 4));
        group.realizedGross += m.realizedGross;
        group.fees += m.fees;
        group.estimatedFees += m.estimatedFees;
        group.closedCount += m.closedCount;
        group.realizedNet += m.realizedGross - m.fees;
        group.total += m.realizedGross - m.fees;
      }
      continue;
    }
    const key = by === 'market' ? market.ticker : by === 'event' ? market.event : by === 'series' ? market.series : String(market.subaccount);
    addFigures(groupOf(key), market);
  }
  const rows = [...groups.values()];
  return by === 'month' || by === 'year' || by === 'subaccount'
    ? rows.sort((a, b) => (by === 'subaccount' ? Number(a.key) - Number(b.key) : a.key < b.key ? -1 : 1))
    : rows.sort((a, b) => (a.total > b.total ? -1 : a.total < b.total ? 1 : a.key < b.key ? -1 : 1));
}

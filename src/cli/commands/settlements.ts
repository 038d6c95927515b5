import type { Command } from 'commander';
import type { Settlement } from '../../index.js';
import { serverCents, serverCount, serverDollars } from '../amounts.js';
import type { Io } from '../context.js';
import { type Row, contracts, dollars, plural, pnlCell, signedDollars, table, utc } from '../format.js';
import { latestCommand } from './latest.js';

/** One settlement in micro-dollars. P&L = revenue - YES cost - NO cost - settlement fee. */
export function settlementAmounts(s: Settlement): { revenue: bigint; cost: bigint; fee: bigint; pnl: bigint } {
  const revenue = serverCents(s.revenue, 'revenue');
  const cost = serverDollars(s.yes_total_cost_dollars, 'yes_total_cost_dollars') + serverDollars(s.no_total_cost_dollars, 'no_total_cost_dollars');
  const fee = serverDollars(s.fee_cost, 'fee_cost');
  return { revenue, cost, fee, pnl: revenue - cost - fee };
}

export function settlementsCommand(io: Io): Command {
  return latestCommand(io, {
    name: 'settlements',
    description: 'the latest settlements, newest first, across all subaccounts unless --subaccount; P&L = revenue - cost - settlement fee (contracts held until settlement)',
    noun: 'settlements',
    items: (client, query, signal) => client.settlements(query, { signal }),
    render,
  }).addHelpText(
    'after',
    `
Kalshi's settlements do not say which subaccount they belong to: without --subaccount, the rows of
every subaccount are listed together; pass --subaccount to see one account's.`,
  );
}

function render(settlements: Settlement[], io: Io): string {
  if (settlements.length === 0) return 'No settlements.\n';
  const sum = { revenue: 0n, cost: 0n, fee: 0n, pnl: 0n };
  const rows: Row[] = settlements.map((s) => {
    const a = settlementAmounts(s);
    sum.revenue += a.revenue;
    sum.cost += a.cost;
    sum.fee += a.fee;
    sum.pnl += a.pnl;
    return [
      utc(s.settled_time),
      s.ticker,
      s.market_result,
      contracts(serverCount(s.yes_count_fp, 'yes_count_fp')),
      contracts(serverCount(s.no_count_fp, 'no_count_fp')),
      dollars(a.cost),
      dollars(a.revenue),
      dollars(a.fee),
      pnlCell(a.pnl, io.colors),
    ];
  });
  const columns = [
    { header: 'SETTLED (UTC)' },
    { header: 'MARKET' },
    { header: 'RESULT' },
    { header: 'YES', align: 'decimal' as const },
    { header: 'NO', align: 'decimal' as const },
    { header: 'COST', align: 'decimal' as const },
    { header: 'REVENUE', align: 'decimal' as const },
    { header: 'FEE', align: 'decimal' as const },
    { header: 'P&L', align: 'decimal' as const },
  ];
  const total =
    `Total: ${plural(settlements.length, 'settlement')}, revenue ${dollars(sum.revenue)}, cost ${dollars(sum.cost)}, ` +
    `fees ${dollars(sum.fee)}, settlement P&L ${signedDollars(sum.pnl)}`;
  return `${table(columns, rows, io.colors)}${io.colors.bold(total)}\n`;
}

import type { Command } from 'commander';
import type { Fill } from '../../index.js';
import { serverCount, serverDollars } from '../amounts.js';
import type { Io } from '../context.js';
import { type Row, contracts, dollars, plural, table, utc } from '../format.js';
import { latestCommand } from './latest.js';

export function fillsCommand(io: Io): Command {
  return latestCommand(io, {
    name: 'fills',
    description: 'the latest fills, newest first (archived fills included), across all subaccounts',
    noun: 'fills',
    items: (client, query, signal) => client.allFills(query, { signal }),
    render,
  });
}

function render(fills: Fill[], io: Io): string {
  if (fills.length === 0) return 'No fills.\n';
  let count = 0n;
  let fees = 0n;
  const rows: Row[] = fills.map((fill) => {
    const contractCount = serverCount(fill.count_fp, 'count_fp');
    const fee = serverDollars(fill.fee_cost, 'fee_cost');
    count += contractCount;
    fees += fee;
    const priceField = fill.outcome_side === 'yes' ? 'yes_price_dollars' : 'no_price_dollars';
    return [
      utc(fill.created_time ?? fill.ts),
      fill.ticker,
      `${fill.book_side === 'bid' ? 'buy' : 'sell'} ${fill.outcome_side}`,
      contracts(contractCount),
      dollars(serverDollars(fill[priceField], priceField)),
      dollars(fee),
      fill.is_taker ? 'taker' : 'maker',
    ];
  });
  const columns = [
    { header: 'TIME (UTC)' },
    { header: 'MARKET' },
    { header: 'ACTION' },
    { header: 'CONTRACTS', align: 'decimal' as const },
    { header: 'PRICE', align: 'decimal' as const },
    { header: 'FEE', align: 'decimal' as const },
    { header: 'ROLE' },
  ];
  const total = `Total: ${plural(fills.length, 'fill')}, ${contracts(count)} contracts, fees ${dollars(fees)}`;
  return `${table(columns, rows, io.colors)}${io.colors.bold(total)}\n`;
}

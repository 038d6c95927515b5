import type { Command } from 'commander';
import type { Fill } from '../../index.js';
import { legacyAction, serverCount, serverDollars, shownDirection, unknownDirectionWarning } from '../amounts.js';
import { type Io, warn } from '../context.js';
import { type Column, type Row, contracts, dollars, mixesSubaccounts, plural, subaccountCell, table, utc } from '../format.js';
import { latestCommand } from './latest.js';

export function fillsCommand(io: Io): Command {
  return latestCommand(io, {
    name: 'fills',
    description: 'the latest fills, newest first (archived fills included), across all subaccounts unless --subaccount',
    noun: 'fills',
    items: (client, query, signal) => client.allFills(query, { signal }),
    render,
  }).addHelpText(
    'after',
    `
DIR is the way the fill moved the position (Kalshi's outcome_side): YES = bought YES or sold NO,
NO = bought NO or sold YES. PRICE is what one contract of that side cost: yes_price_dollars for
YES, no_price_dollars for NO. LEGACY shows Kalshi's deprecated action and side (what was clicked)
when it sends them; nothing is read from them. SUB, the subaccount, appears when the fills shown
come from more than one.`,
  );
}

function render(fills: Fill[], io: Io): string {
  if (fills.length === 0) return 'No fills.\n';
  let count = 0n;
  let fees = 0n;
  const withSubaccount = mixesSubaccounts(fills);
  const withLegacy = fills.some((fill) => legacyAction(fill) !== '');
  let unknown = 0;
  const rows: Row[] = fills.map((fill) => {
    const contractCount = serverCount(fill.count_fp, 'count_fp');
    const fee = serverDollars(fill.fee_cost, 'fee_cost');
    count += contractCount;
    fees += fee;
    const direction = shownDirection(fill);
    if (direction === '?') unknown++;
    const priceField = direction === 'YES' ? 'yes_price_dollars' : 'no_price_dollars';
    return [
      utc(fill.created_time ?? fill.ts),
      fill.ticker,
      ...(withSubaccount ? [subaccountCell(fill)] : []),
      direction,
      contracts(contractCount),
      direction === '?' ? '' : dollars(serverDollars(fill[priceField], priceField)),
      dollars(fee),
      fill.is_taker ? 'taker' : 'maker',
      ...(withLegacy ? [legacyAction(fill)] : []),
    ];
  });
  const columns: Column[] = [
    { header: 'TIME (UTC)' },
    { header: 'MARKET' },
    ...(withSubaccount ? [{ header: 'SUB', align: 'right' as const }] : []),
    { header: 'DIR' },
    { header: 'CONTRACTS', align: 'decimal' },
    { header: 'PRICE', align: 'decimal' },
    { header: 'FEE', align: 'decimal' },
    { header: 'ROLE' },
    ...(withLegacy ? [{ header: 'LEGACY' }] : []),
  ];
  const warning = unknownDirectionWarning(unknown, 'fills');
  if (warning) warn(io, warning);
  const total = `Total: ${plural(fills.length, 'fill')}, ${contracts(count)} contracts, fees ${dollars(fees)}`;
  return `${table(columns, rows, io.colors)}${io.colors.bold(total)}\n`;
}

import { Command } from 'commander';
import type { MarketPosition } from '../../index.js';
import { serverCount, serverDollars } from '../amounts.js';
import { type Io, allOrNothing, print, printJson, withConnection } from '../context.js';
import { type Row, contracts, dollars, plural, pnlCell, signedDollars, table, utc } from '../format.js';
import { jsonOption, subaccountOption, subaccountQuery } from '../options.js';

export function positionsCommand(io: Io): Command {
  return new Command('positions')
    .description('open market positions of the primary account (or of --subaccount), grouped by event, with event totals and a grand total')
    .addOption(subaccountOption("0, the primary account: Kalshi's positions report one account"))
    .addOption(jsonOption())
    .action(async (options: { json?: boolean; subaccount?: number }, command: Command) =>
      withConnection(command, io, async ({ client }) => {
        const query = { count_filter: 'position', limit: 1000, ...subaccountQuery(options.subaccount) } as const;
        const [markets, events] = await allOrNothing(io, (call) => [
          collect(client.marketPositions(query, call)),
          collect(client.eventPositions(query, call)),
        ]);
        if (options.json) return printJson(io, { market_positions: markets, event_positions: events });
        await print(io, render(markets, events.map((e) => e.event_ticker), io));
      }),
    );
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

interface Totals {
  exposure: bigint;
  pnl: bigint;
  fees: bigint;
}

const zero = (): Totals => ({ exposure: 0n, pnl: 0n, fees: 0n });

function add(totals: Totals, p: MarketPosition): void {
  totals.exposure += serverDollars(p.market_exposure_dollars, 'market_exposure_dollars');
  totals.pnl += serverDollars(p.realized_pnl_dollars, 'realized_pnl_dollars');
  totals.fees += serverDollars(p.fees_paid_dollars, 'fees_paid_dollars');
}

/**
 * The event of a market: the longest listed event ticker it extends (`EVENT-MARKET`), else the
 * ticker without its last dash-separated part.
 */
export function eventOf(ticker: string, eventTickers: readonly string[]): string {
  let best = '';
  for (const event of eventTickers) if (ticker.startsWith(`${event}-`) && event.length > best.length) best = event;
  if (best) return best;
  const dash = ticker.lastIndexOf('-');
  return dash > 0 ? ticker.slice(0, dash) : ticker;
}

function render(markets: MarketPosition[], eventTickers: string[], io: Io): string {
  const { colors } = io;
  if (markets.length === 0) return 'No open positions.\n';
  const groups = new Map<string, MarketPosition[]>();
  for (const market of markets) {
    const event = eventOf(market.ticker, eventTickers);
    groups.set(event, [...(groups.get(event) ?? []), market]);
  }
  const grand = zero();
  const rows: Row[] = [];
  for (const [event, positions] of groups) {
    rows.push({ kind: 'heading', text: event });
    const sub = zero();
    for (const p of positions) {
      add(sub, p);
      const held = serverCount(p.position_fp, 'position_fp');
      rows.push([
        `  ${p.ticker}`,
        held < 0n ? 'NO' : 'YES',
        contracts(held < 0n ? -held : held),
        dollars(serverDollars(p.market_exposure_dollars, 'market_exposure_dollars')),
        pnlCell(serverDollars(p.realized_pnl_dollars, 'realized_pnl_dollars'), colors),
        dollars(serverDollars(p.fees_paid_dollars, 'fees_paid_dollars')),
        utc(p.last_updated_ts),
      ]);
    }
    if (positions.length > 1) {
      rows.push({ kind: 'total', cells: ['  event total', '', '', dollars(sub.exposure), signedDollars(sub.pnl), dollars(sub.fees), ''] });
    }
    grand.exposure += sub.exposure;
    grand.pnl += sub.pnl;
    grand.fees += sub.fees;
  }
  const columns = [
    { header: 'EVENT / MARKET' },
    { header: 'SIDE' },
    { header: 'CONTRACTS', align: 'decimal' as const },
    { header: 'EXPOSURE', align: 'decimal' as const },
    { header: 'REALIZED P&L', align: 'decimal' as const },
    { header: 'FEES PAID', align: 'decimal' as const },
    { header: 'UPDATED (UTC)' },
  ];
  const total =
    `Total: ${plural(markets.length, 'open position')} in ${plural(groups.size, 'event')}, ` +
    `exposure ${dollars(grand.exposure)}, realized P&L ${signedDollars(grand.pnl)}, fees paid ${dollars(grand.fees)}`;
  return `${table(columns, rows, colors)}${colors.bold(total)}\n`;
}

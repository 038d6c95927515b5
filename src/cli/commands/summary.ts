import { Command } from 'commander';
import { type KalshiClient, type MarketPosition, formatDollars } from '../../index.js';
import { serverCents, serverCount, serverDollars } from '../amounts.js';
import { type Io, allOrNothing, print, printJson, withConnection } from '../context.js';
import { type Pair, dollars, integer, pairs, plural, pnlCell, utc } from '../format.js';
import { type Window, isoSeconds, jsonOption, sinceOption, untilOption, windowQuery } from '../options.js';
import { settlementAmounts } from './settlements.js';

const DAY = 86_400;
const DEFAULT_DAYS = 30;

export const SUMMARY_HELP = `
How each figure is computed (exact, in micro-dollars; "the period" is --since..--until):
  open exposure    sum of market_exposure_dollars over the open positions (position_fp not 0)
  settlement P&L   sum over the settlements in the period (settled_time) of
                     revenue - yes_total_cost_dollars - no_total_cost_dollars - fee_cost
                   (only contracts held until their market settled)
  trading fees     sum of fee_cost over the fills in the period (archived fills included)
  realized P&L     sum of Kalshi's realized_pnl_dollars over every market position, live and
                   archived, whose last_updated_ts is in the period: contracts sold before
                   settlement as well as settled ones. A position counts whole: P&L it realized
                   before the period counts too if it changed again in the period.
  fees paid        sum of fees_paid_dollars over those same positions
  net P&L          realized P&L - fees paid
The period is the last ${DEFAULT_DAYS} days unless --since/--until say otherwise; with --fake, "now"
is the fake's clock. Cash, portfolio value and every position figure (exposure, realized P&L,
fees paid, net P&L) are the primary account's, as Kalshi's positions endpoints report it; fills
and settlements cover every subaccount (Kalshi's defaults).`;

interface PositionSums {
  /** Open positions (position_fp not zero) and their exposure. */
  open: number;
  exposure: bigint;
  /** Positions last updated in the period, live and archived, and their sums. */
  realized: number;
  pnl: bigint;
  fees: bigint;
}

/**
 * One pass over the primary account's market positions: the live ones, then (only when the period
 * reaches back before the historical cutoff) the archived ones. Live is read first: a position
 * archived while we read is then met twice, never missed, and counted once (one per market).
 */
async function positionSums(client: KalshiClient, since: number, until: number, call: { signal: AbortSignal }): Promise<PositionSums> {
  const sums: PositionSums = { open: 0, exposure: 0n, realized: 0, pnl: 0n, fees: 0n };
  const seen = new Set<string>();
  const inPeriod = (p: MarketPosition) => {
    const seconds = Math.floor(Date.parse(p.last_updated_ts) / 1000);
    return seconds >= since && seconds <= until;
  };
  const realize = (p: MarketPosition) => {
    if (seen.has(p.ticker)) return;
    seen.add(p.ticker);
    if (!inPeriod(p)) return;
    sums.realized++;
    sums.pnl += serverDollars(p.realized_pnl_dollars, 'realized_pnl_dollars');
    sums.fees += serverDollars(p.fees_paid_dollars, 'fees_paid_dollars');
  };
  // settlement_status=all: older API versions left settled markets out by default (unsettled).
  for await (const p of client.marketPositions({ settlement_status: 'all', limit: 1000 }, call)) {
    if (serverCount(p.position_fp, 'position_fp') !== 0n) {
      sums.open++;
      sums.exposure += serverDollars(p.market_exposure_dollars, 'market_exposure_dollars');
    }
    realize(p);
  }
  // Archived positions were last updated before the cutoff: none is in a period that starts after it.
  const cutoff = (await client.getHistoricalCutoff(undefined, call)).market_positions_last_updated_ts;
  if (cutoff !== undefined && since >= Math.floor(Date.parse(cutoff) / 1000)) return sums;
  for await (const p of client.historicalMarketPositions({ limit: 1000 }, call)) realize(p);
  return sums;
}

export function summaryCommand(io: Io): Command {
  return new Command('summary')
    .description(
      `balance, exposure, realized P&L (sold or settled), fees and settlements over a period (default: the last ${DEFAULT_DAYS} days)`,
    )
    .addOption(sinceOption())
    .addOption(untilOption())
    .addOption(jsonOption())
    .addHelpText('after', SUMMARY_HELP)
    .action(async (options: Window & { json?: boolean }, command: Command) => {
      windowQuery(options);
      return withConnection(command, io, async ({ client, now }) => {
        const until = options.until ?? Math.floor(now / 1000);
        const since = options.since ?? until - DEFAULT_DAYS * DAY;
        const period = windowQuery({ since, until });
        const settled = async (call: { signal: AbortSignal }) => {
          const sum = { count: 0, revenue: 0n, cost: 0n, fees: 0n, pnl: 0n };
          for await (const s of client.settlements({ ...period, limit: 1000 }, call)) {
            const a = settlementAmounts(s);
            sum.count++;
            sum.revenue += a.revenue;
            sum.cost += a.cost;
            sum.fees += a.fee;
            sum.pnl += a.pnl;
          }
          return sum;
        };
        const traded = async (call: { signal: AbortSignal }) => {
          let count = 0;
          let fees = 0n;
          for await (const f of client.allFills({ ...period, limit: 1000 }, call)) {
            count++;
            fees += serverDollars(f.fee_cost, 'fee_cost');
          }
          return { count, fees };
        };
        const [balance, positions, settlements, fills] = await allOrNothing(io, (call) => [
          client.getBalance(undefined, call),
          positionSums(client, since, until, call),
          settled(call),
          traded(call),
        ]);

        const cash = serverDollars(balance.balance_dollars, 'balance_dollars');
        const portfolio = serverCents(balance.portfolio_value, 'portfolio_value');
        const fees = fills.fees + settlements.fees;
        const net = positions.pnl - positions.fees;

        if (options.json) {
          const $ = (micros: bigint) => formatDollars(micros);
          return printJson(io, {
            since: isoSeconds(since),
            until: isoSeconds(until),
            cash_dollars: $(cash),
            portfolio_value_dollars: $(portfolio),
            open_positions: positions.open,
            exposure_dollars: $(positions.exposure),
            settlements: settlements.count,
            settlement_revenue_dollars: $(settlements.revenue),
            settlement_cost_dollars: $(settlements.cost),
            settlement_fees_dollars: $(settlements.fees),
            settlement_pnl_dollars: $(settlements.pnl),
            fills: fills.count,
            trading_fees_dollars: $(fills.fees),
            fees_dollars: $(fees),
            realized_positions: positions.realized,
            realized_pnl_dollars: $(positions.pnl),
            fees_paid_dollars: $(positions.fees),
            net_pnl_dollars: $(net),
          });
        }
        const { colors } = io;
        const days = Math.round((until - since + 1) / DAY);
        const lines: Pair[] = [
          { label: 'Cash', value: dollars(cash) },
          { label: 'Portfolio value', value: dollars(portfolio) },
          { label: 'Open exposure', value: dollars(positions.exposure), note: plural(positions.open, 'open position') },
          { label: 'Settlement revenue', value: dollars(settlements.revenue), note: plural(settlements.count, 'settled market') },
          { label: 'Settlement cost', value: dollars(-settlements.cost) },
          { label: 'Settlement fees', value: dollars(-settlements.fees) },
          { label: 'Settlement P&L', value: pnlCell(settlements.pnl, colors), note: 'revenue - cost - settlement fees' },
          { label: 'Trading fees', value: dollars(-fills.fees), note: `on ${plural(fills.count, 'fill')} (with settlement fees: ${dollars(fees)})` },
          {
            label: 'Realized P&L',
            value: pnlCell(positions.pnl, colors),
            note: `sold or settled: realized_pnl_dollars of ${plural(positions.realized, 'market position')} updated in the period`,
          },
          { label: 'Fees paid', value: dollars(-positions.fees), note: 'fees_paid_dollars of those positions' },
          { label: 'Net P&L', value: pnlCell(net, colors), note: 'realized P&L - fees paid', total: true },
        ];
        const head = colors.bold(`Summary ${utc(since)} → ${utc(until)} UTC (${integer(days)} ${days === 1 ? 'day' : 'days'})`);
        await print(io, `${head}\n${pairs(lines, colors)}`);
      });
    });
}

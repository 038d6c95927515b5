import { Command } from 'commander';
import { centsToMicros, formatDollars, parseDollars } from '../../index.js';
import { type Io, allOrNothing, print, printJson, withConnection } from '../context.js';
import { type Pair, dollars, integer, pairs, plural, pnlCell, utc } from '../format.js';
import { type Window, isoSeconds, jsonOption, sinceOption, untilOption, windowQuery } from '../options.js';
import { settlementAmounts } from './settlements.js';

const DAY = 86_400;
const DEFAULT_DAYS = 30;

export const SUMMARY_HELP = `
How it is computed (exact, in micro-dollars):
  exposure       sum of market_exposure_dollars over open positions (primary account)
  realized P&L   sum over settlements in the period of
                   revenue - yes_total_cost_dollars - no_total_cost_dollars - fee_cost
  trading fees   sum of fee_cost over fills in the period (archived fills included)
  fees           trading fees + settlement fees (the settlements' fee_cost)
  net P&L        realized P&L - trading fees (settlement fees are already in realized P&L)
The period is the last ${DEFAULT_DAYS} days unless --since/--until say otherwise; with --fake, "now"
is the fake's clock. Cash, portfolio value and positions are the primary account's; fills and
settlements cover every subaccount (Kalshi's defaults).`;

export function summaryCommand(io: Io): Command {
  return new Command('summary')
    .description(`balance, exposure of open positions, realized P&L and fees over a period (default: the last ${DEFAULT_DAYS} days)`)
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
        const open = async (call: { signal: AbortSignal }) => {
          let count = 0;
          let exposure = 0n;
          for await (const p of client.marketPositions({ count_filter: 'position', limit: 1000 }, call)) {
            count++;
            exposure += parseDollars(p.market_exposure_dollars);
          }
          return { count, exposure };
        };
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
            fees += parseDollars(f.fee_cost);
          }
          return { count, fees };
        };
        const [balance, positions, settlements, fills] = await allOrNothing(io, (call) => [
          client.getBalance(undefined, call),
          open(call),
          settled(call),
          traded(call),
        ]);

        const cash = parseDollars(balance.balance_dollars);
        const portfolio = centsToMicros(balance.portfolio_value);
        const fees = fills.fees + settlements.fees;
        const net = settlements.pnl - fills.fees;

        if (options.json) {
          const $ = (micros: bigint) => formatDollars(micros);
          return printJson(io, {
            since: isoSeconds(since),
            until: isoSeconds(until),
            cash_dollars: $(cash),
            portfolio_value_dollars: $(portfolio),
            open_positions: positions.count,
            exposure_dollars: $(positions.exposure),
            settlements: settlements.count,
            settlement_revenue_dollars: $(settlements.revenue),
            settlement_cost_dollars: $(settlements.cost),
            settlement_fees_dollars: $(settlements.fees),
            realized_pnl_dollars: $(settlements.pnl),
            fills: fills.count,
            trading_fees_dollars: $(fills.fees),
            fees_dollars: $(fees),
            net_pnl_dollars: $(net),
          });
        }
        const { colors } = io;
        const days = Math.round((until - since + 1) / DAY);
        const lines: Pair[] = [
          { label: 'Cash', value: dollars(cash) },
          { label: 'Portfolio value', value: dollars(portfolio) },
          { label: 'Open exposure', value: dollars(positions.exposure), note: plural(positions.count, 'open position') },
          { label: 'Settlement revenue', value: dollars(settlements.revenue), note: plural(settlements.count, 'settled market') },
          { label: 'Settlement cost', value: dollars(-settlements.cost) },
          { label: 'Settlement fees', value: dollars(-settlements.fees) },
          { label: 'Realized P&L', value: pnlCell(settlements.pnl, colors), note: 'revenue - cost - settlement fees' },
          { label: 'Trading fees', value: dollars(-fills.fees), note: `on ${plural(fills.count, 'fill')}` },
          { label: 'Net P&L', value: pnlCell(net, colors), note: `realized P&L - trading fees (fees in all: ${dollars(fees)})`, total: true },
        ];
        const head = colors.bold(`Summary ${utc(since)} → ${utc(until)} UTC (${integer(days)} ${days === 1 ? 'day' : 'days'})`);
        await print(io, `${head}\n${pairs(lines, colors)}`);
      });
    });
}

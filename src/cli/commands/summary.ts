import { Command } from 'commander';
import { formatDollars } from '../../index.js';
import { type CostMethod } from '../../pnl/index.js';
import { type Io, print, printJson, withConnection } from '../context.js';
import { type Pair, dollars, integer, pairs, pnlCell, utc } from '../format.js';
import { type Window, isoSeconds, jsonOption, sinceOption, untilOption, windowQuery } from '../options.js';
import { PNL_EXPLAINED, figuresJson, loadHistory, markCounts, methodOption, runPnl } from './pnl.js';

const DAY = 86_400;
const DEFAULT_DAYS = 30;

export const SUMMARY_HELP = `${PNL_EXPLAINED}
The net P&L is realized - fees for exactly the period (--since..--until; default the last
${DEFAULT_DAYS} days; with --fake, "now" is the fake's clock), from the same engine as pnl, report and
export lots, over every subaccount. Unrealized is what is still open at the period's end.`;

export function summaryCommand(io: Io): Command {
  return new Command('summary')
    .description(`one net P&L figure for a period (default: the last ${DEFAULT_DAYS} days), with what it is made of`)
    .addOption(sinceOption())
    .addOption(untilOption())
    .addOption(methodOption())
    .addOption(jsonOption())
    .addHelpText('after', SUMMARY_HELP)
    .action(async (options: Window & { json?: boolean; method: CostMethod }, command: Command) => {
      windowQuery(options);
      return withConnection(command, io, async ({ client, now }) => {
        const input = await loadHistory(client, io);
        // "Now" is the end of the history: the period reaches it unless --until ends it earlier.
        const until = options.until;
        const end = until ?? Math.floor(now / 1000);
        const since = options.since ?? end - DEFAULT_DAYS * DAY;
        windowQuery({ since, until: end });
        const result = runPnl(input, { method: options.method, since, until });
        const t = result.totals;
        const cash = result.reconciliation.cash;
        if (options.json) {
          return printJson(io, {
            since: isoSeconds(since),
            until: isoSeconds(end),
            method: result.method,
            net_pnl_dollars: formatDollars(t.realizedNet),
            ...figuresJson(t),
            marks: markCounts(result),
            cash_dollars: cash ? formatDollars(cash.balance) : null,
            cash_residual_dollars: cash ? formatDollars(cash.residual) : null,
          });
        }
        const { colors } = io;
        const marks = markCounts(result);
        const lines: Pair[] = [
          { label: 'Realized', value: pnlCell(t.realizedGross, colors), note: `proceeds - cost of ${integer(Number(t.closedCount / 100n))} contracts closed in the period (${result.method === 'fifo' ? 'FIFO' : 'average cost'})` },
          {
            label: 'Fees',
            value: dollars(-t.fees),
            note: `fee_cost of the period's fills${t.estimatedFees !== 0n ? ` (${dollars(t.estimatedFees)} estimated from fees_paid_dollars)` : ''}`,
          },
          { label: 'Net P&L', value: pnlCell(t.realizedNet, colors), note: 'realized - fees', total: true },
          {
            label: 'Unrealized',
            value: pnlCell(t.unrealized, colors),
            note: `open at the end: cost ${dollars(t.openCost)}; ${marks.market} lots marked at the market, ${marks.cost} at cost`,
          },
        ];
        if (cash) lines.push({ label: 'Cash', value: dollars(cash.balance), note: `residual ${dollars(cash.residual)} against the history (interest, rewards…)` });
        const days = Math.round((end - since + 1) / DAY);
        const head = colors.bold(`Summary ${utc(since)} → ${utc(end)} UTC (${integer(days)} ${days === 1 ? 'day' : 'days'})`);
        await print(io, `${head}\n${pairs(lines, colors)}`);
      });
    });
}

/**
 * `pnl`: realized and unrealized P&L by market, event, series, month, year or subaccount, from the
 * P&L engine over the account's whole history. Also home of what the P&L commands share: reading
 * the history from Kalshi, and the figures as JSON or CSV.
 */
import { setMaxListeners } from 'node:events';
import { Command, Option } from 'commander';
import { type Fill, type KalshiClient, KalshiInputError, type Settlement, formatCount, formatDollars } from '../../index.js';
import {
  type CostMethod,
  GROUP_BY,
  type GroupBy,
  type PnlFigures,
  type PnlInput,
  type PnlMarketPrice,
  type PnlOptions,
  type PnlPosition,
  type PnlResult,
  computePnl,
  groupPnl,
  oldestFirst,
} from '../../pnl/index.js';
import { type Io, allOrNothing, print, printJson, warn, withConnection } from '../context.js';
import { ServerDataError } from '../exit-status.js';
import { type Column, type Row, contracts, dollars, integer, pnlCell, table, utc } from '../format.js';
import { type Window, isoSeconds, jsonOption, sinceOption, untilOption, windowQuery } from '../options.js';

/** How every P&L figure is computed: shown by `pnl --help`, `summary --help` and in the report. */
export const PNL_EXPLAINED = `
How the figures are computed (exact integers: micro-dollars, hundredths of a contract):
  Each fill is read by its direction (outcome_side / book_side; bid = yes, ask = no), never by
  the legacy side/action. Per subaccount and market, contracts are held in lots: a YES-direction
  fill first closes open NO lots (the pair is worth $1, so a NO contract is sold at 1 - p), a
  NO-direction fill closes YES lots at p; what is left opens a lot at the price paid. FIFO closes
  the oldest lots first; --method average closes at the pool's average cost. A subaccount with
  netting off holds YES and NO side by side. A settlement closes what is still open at its price
  (YES pays value/100, or $1/$0 by result; NO the complement); its revenue is the cash for those
  same contracts and is not added on top.
  realized     proceeds - cost of the contracts closed in the period, before fees
  fees         fee_cost of the fills in the period (when the fill paid it); archived fills
               without fee_cost get their market's fees_paid_dollars, marked "estimated"
  net          realized - fees
  unrealized   open lots at the period's end, marked at the market (bid/ask mid, else last
               price, else its result) when the period runs to now; at cost otherwise
  total        net + unrealized
  A lot realized before --since does not count; month and year rows carry what was realized
  and paid in them, so their unrealized is 0 (it shows in the total).`;

export const methodOption = () => new Option('--method <method>', 'lot matching').choices(['fifo', 'average']).default('fifo');

/** Reads everything the engine needs, for every subaccount, side by side. */
export async function loadHistory(client: KalshiClient, io: Io): Promise<PnlInput> {
  const [balances, netting] = await allOrNothing(io, (call) => [client.getSubaccountBalances(undefined, call), client.getSubaccountNetting(undefined, call)]);
  const subaccounts = [...new Set([0, ...balances.subaccount_balances.map((b) => b.subaccount_number)])].sort((a, b) => a - b);
  const collect = async <T>(items: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const item of items) out.push(item);
    return out;
  };
  const tagged = async <T extends object>(items: AsyncIterable<T>, subaccount: number) => (await collect(items)).map((item) => ({ ...item, subaccount_number: subaccount }));
  const [fills, settlements, positions, archived, deposits, withdrawals, transfers, intraTransfers] = await allOrNothing(io, (call) => {
    // Every read below listens on the one signal: more than Node's default warning threshold of 10.
    setMaxListeners(64, call.signal);
    return [
    collect<Fill>(client.allFills({ limit: 1000 }, call)),
    Promise.all(subaccounts.map((s) => tagged<Settlement>(client.settlements({ subaccount: s, limit: 1000 }, call), s))),
    Promise.all(subaccounts.map((s) => tagged(client.marketPositions({ subaccount: s, settlement_status: 'all', limit: 1000 }, call), s))),
    Promise.all(subaccounts.map((s) => tagged(client.historicalMarketPositions({ subaccount: s, limit: 1000 }, call), s))),
    collect(client.deposits({ limit: 500 }, call)),
    collect(client.withdrawals({ limit: 500 }, call)),
    collect(client.subaccountTransfers({ limit: 1000 }, call)),
    collect(client.intraExchangeInstanceTransfers({ limit: 500 }, call)),
    ] as const;
  });
  const allPositions: PnlPosition[] = [...positions.flat(), ...archived.flat()];
  const markets = await marketPrices(client, io, allPositions);
  return {
    // Newest first from Kalshi; the engine wants the oldest first, same-second fills in the order they happened.
    fills: oldestFirst(fills.reverse()),
    settlements: settlements.flat(),
    positions: allPositions,
    deposits,
    withdrawals,
    transfers,
    intraTransfers,
    balances: balances.subaccount_balances,
    netting: netting.netting_configs,
    markets,
  };
}

/** Public prices of the markets still held, for marking; a market that cannot be read is marked at cost. */
async function marketPrices(client: KalshiClient, io: Io, positions: PnlPosition[]): Promise<PnlMarketPrice[]> {
  const open = [...new Set(positions.filter((p) => p.position_fp !== '0.00' && p.position_fp !== '0').map((p) => p.ticker))];
  const prices: PnlMarketPrice[] = [];
  for (const ticker of open) {
    try {
      prices.push((await client.getMarket({ ticker }, { signal: io.signal })).market);
    } catch (error) {
      io.signal.throwIfAborted();
      warn(io, `no market price for ${ticker} (${error instanceof Error ? error.message : String(error)}): its open lots are marked at cost`);
    }
  }
  return prices;
}

/** The engine over a history; malformed server data is the server's fault (exit 1), not a usage error. */
export function runPnl(input: PnlInput, options: PnlOptions): PnlResult {
  try {
    return computePnl(input, options);
  } catch (error) {
    if (error instanceof KalshiInputError) throw new ServerDataError(`cannot compute P&L from the server's data: ${error.message}`, { cause: error });
    throw error;
  }
}

/** Figures as exact dollar strings, for JSON and CSV. */
export function figuresJson(f: PnlFigures) {
  const $ = (micros: bigint) => formatDollars(micros);
  return {
    realized_dollars: $(f.realizedGross),
    fees_dollars: $(f.fees),
    estimated_fees_dollars: $(f.estimatedFees),
    net_dollars: $(f.realizedNet),
    unrealized_dollars: $(f.unrealized),
    open_cost_dollars: $(f.openCost),
    total_dollars: $(f.total),
    closed_contracts: formatCount(f.closedCount),
  };
}

export function reconciliationJson(result: PnlResult) {
  const r = result.reconciliation;
  const $ = (micros: bigint) => formatDollars(micros);
  const diff = (d: { ours: bigint; kalshi: bigint; difference: bigint }, format: (v: bigint) => string) => ({ ours: format(d.ours), kalshi: format(d.kalshi), difference: format(d.difference) });
  return {
    markets: r.markets.map((m) => ({
      subaccount: m.subaccount,
      ticker: m.ticker,
      position_fp: diff(m.position, formatCount),
      realized_pnl_dollars: diff(m.realized, $),
      fees_paid_dollars: diff(m.fees, $),
      incomplete: m.incomplete,
    })),
    incomplete: r.incomplete,
    cash: r.cash && Object.fromEntries(Object.entries(r.cash).map(([k, v]) => [`${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_dollars`, $(v)])),
  };
}

interface PnlCommandOptions extends Window {
  by: GroupBy;
  method: CostMethod;
  json?: boolean;
  csv?: boolean;
}

export function pnlCommand(io: Io): Command {
  return new Command('pnl')
    .description('realized and unrealized P&L from FIFO (or average-cost) lots, by market, event, series, month, year or subaccount')
    .addOption(new Option('--by <grouping>', 'group rows by').choices(GROUP_BY).default('market'))
    .addOption(methodOption())
    .addOption(sinceOption())
    .addOption(untilOption())
    .addOption(jsonOption())
    .addOption(new Option('--csv', 'print the rows as CSV').conflicts('json'))
    .addHelpText('after', `${PNL_EXPLAINED}\nThe period is the whole history unless --since/--until say otherwise.`)
    .action(async (options: PnlCommandOptions, command: Command) => {
      windowQuery(options);
      return withConnection(command, io, async ({ client }) => {
        const input = await loadHistory(client, io);
        const result = runPnl(input, { method: options.method, since: options.since, until: options.until });
        const groups = groupPnl(result, options.by);
        if (options.json) {
          return printJson(io, {
            method: result.method,
            since: options.since === undefined ? null : isoSeconds(options.since),
            until: options.until === undefined ? null : isoSeconds(options.until),
            by: options.by,
            groups: groups.map((g) => ({ key: g.key, ...figuresJson(g) })),
            totals: figuresJson(result.totals),
            marks: markCounts(result),
            reconciliation: reconciliationJson(result),
            warnings: result.warnings,
          });
        }
        if (options.csv) {
          const rows = groups.map((g) => ({ [options.by]: g.key, ...figuresJson(g) }));
          const { stringify } = await import('csv-stringify/sync');
          return print(io, stringify(rows, { header: true, columns: [options.by, ...Object.keys(figuresJson(result.totals))] }));
        }
        await print(io, pnlText(result, options.by, groups, io));
      });
    });
}

export function markCounts(result: PnlResult): Record<'market' | 'settled' | 'cost', number> {
  const counts = { market: 0, settled: 0, cost: 0 };
  for (const lot of result.openLots) counts[lot.mark]++;
  return counts;
}

function pnlText(result: PnlResult, by: GroupBy, groups: ReturnType<typeof groupPnl>, io: Io): string {
  const { colors } = io;
  const columns: Column[] = [
    { header: by.toUpperCase() },
    { header: 'CLOSED', align: 'decimal' },
    { header: 'REALIZED', align: 'decimal' },
    { header: 'FEES', align: 'decimal' },
    { header: 'NET', align: 'decimal' },
    { header: 'UNREALIZED', align: 'decimal' },
    { header: 'TOTAL', align: 'decimal' },
  ];
  const cells = (key: string, f: PnlFigures) => [
    key,
    contracts(f.closedCount),
    pnlCell(f.realizedGross, colors),
    dollars(-f.fees) + (f.estimatedFees !== 0n ? '*' : ''),
    pnlCell(f.realizedNet, colors),
    pnlCell(f.unrealized, colors),
    pnlCell(f.total, colors),
  ];
  const rows: Row[] = groups.map((g) => cells(g.key, g));
  rows.push({ kind: 'total', cells: cells('Total', result.totals) });
  const period = `${result.since === undefined ? 'the beginning' : `${utc(result.since)} UTC`} → ${result.until === undefined ? 'now' : `${utc(result.until)} UTC`}`;
  const marks = markCounts(result);
  const notes = [
    `P&L ${period}, ${result.method === 'fifo' ? 'FIFO' : 'average cost'}, over ${integer(result.fillCount)} fills.`,
    `Open lots: ${integer(marks.market)} marked at the market, ${integer(marks.settled)} at a result, ${integer(marks.cost)} at cost.`,
  ];
  if (result.totals.estimatedFees !== 0n) notes.push(`* includes ${dollars(result.totals.estimatedFees)} of fees estimated from fees_paid_dollars.`);
  const cash = result.reconciliation.cash;
  if (cash) notes.push(`Cash: balance ${dollars(cash.balance)} vs ${dollars(cash.expected)} from the history; residual ${dollars(cash.residual)} (interest, rewards, collateral returns).`);
  if (result.reconciliation.incomplete.length > 0) {
    notes.push(`Incomplete history in ${integer(result.reconciliation.incomplete.length)} markets (their fills do not explain Kalshi's position): ${result.reconciliation.incomplete.slice(0, 3).map((m) => m.ticker).join(', ')}…`);
  }
  for (const warning of result.warnings.slice(0, 5)) notes.push(`warning: ${warning}`);
  return `${table(columns, rows, colors)}\n${notes.map((n) => colors.dim(n)).join('\n')}\n`;
}

/**
 * `export lots`: the closed lots of a year (or a period) as CSV or JSON, one row per piece of a
 * lot closed by a sale, a netting or a settlement. It computes no tax.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { formatCount, formatDollars } from '../../index.js';
import type { ClosedLot, CostMethod } from '../../pnl/index.js';
import { finished } from 'node:stream/promises';
import { prepareTarget } from '../atomic-file.js';
import { type Io, print, warn, withConnection } from '../context.js';
import { UsageError } from '../exit-status.js';
import { isoSeconds, windowQuery } from '../options.js';
import { loadHistory, runPnl } from './pnl.js';

export const LOTS_HELP = `
lots (with --year or --since/--until): every lot closed in the period, FIFO by default
(--method average): acquired, disposed, side, contracts, proceeds, cost, fees (the opening and
closing fills' fees, pro rata), gain = proceeds - cost - fees. A lot held to settlement is
disposed at the settlement time and price. This is a record of gains, not a tax computation:
no tax is computed and nothing here is tax advice.`;

export const yearOption = () =>
  new Option('--year <yyyy>', 'lots: the UTC calendar year').argParser((text: string) => {
    if (!/^\d{4}$/.test(text.trim())) throw new InvalidArgumentError(`expected a year such as 2026, got "${text}".`);
    return Number(text);
  });

interface LotsOptions {
  year?: number;
  since?: number;
  until?: number;
  method?: CostMethod;
  out?: string;
  format?: string;
}

export const LOT_COLUMNS = ['subaccount', 'ticker', 'side', 'acquired', 'disposed', 'contracts', 'proceeds_dollars', 'cost_dollars', 'fees_dollars', 'gain_dollars', 'closed_by', 'fees_estimated'] as const;

function lotRow(lot: ClosedLot): Record<(typeof LOT_COLUMNS)[number], string | number | boolean> {
  return {
    subaccount: lot.subaccount,
    ticker: lot.ticker,
    side: lot.side,
    acquired: isoSeconds(lot.acquired),
    disposed: isoSeconds(lot.disposed),
    contracts: formatCount(lot.count),
    proceeds_dollars: formatDollars(lot.proceeds),
    cost_dollars: formatDollars(lot.cost),
    fees_dollars: formatDollars(lot.fees),
    gain_dollars: formatDollars(lot.gain),
    closed_by: lot.closedBy,
    fees_estimated: lot.feesEstimated,
  };
}

/** Writes a whole text to --out atomically (a temporary file beside it, renamed once complete). */
export async function writeOut(out: string, text: string): Promise<void> {
  const target = await prepareTarget(out);
  try {
    const stream = target.writable();
    stream.end(text);
    await finished(stream);
    await target.commit();
  } catch (error) {
    await target.discard();
    throw error;
  }
}

export async function exportLots(io: Io, options: LotsOptions, command: Command): Promise<void> {
  if (options.year !== undefined && (options.since !== undefined || options.until !== undefined)) throw new UsageError('give --year or --since/--until, not both');
  const since = options.year !== undefined ? Date.UTC(options.year, 0, 1) / 1000 : options.since;
  const until = options.year !== undefined ? Date.UTC(options.year + 1, 0, 1) / 1000 - 1 : options.until;
  windowQuery({ ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}) });
  const format = options.format ?? (options.out?.toLowerCase().endsWith('.json') ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new UsageError(`export lots writes csv or json, not ${format}`);
  return withConnection(command, io, async ({ client }) => {
    const result = runPnl(await loadHistory(client, io), { method: options.method ?? 'fifo', since, until, lots: true });
    const rows = result.closedLots.map(lotRow);
    const text = format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : (await import('csv-stringify/sync')).stringify(rows, { header: true, columns: [...LOT_COLUMNS] });
    if (!options.out) return print(io, text);
    await writeOut(options.out, text);
    if (io.stderr.isTTY) warn(io, `wrote ${rows.length} closed lots to ${options.out}`);
  });
}

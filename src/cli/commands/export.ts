import { extname } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { type Fill, type MarketPosition, type Order, type Settlement, formatDollars } from '../../index.js';
import { serverCents, shownDirection, unknownDirectionWarning } from '../amounts.js';
import { type Io, warn, withConnection } from '../context.js';
import { UsageError } from '../exit-status.js';
import { FORMATS, type Format, exportItems } from '../export-writer.js';
import { integer } from '../format.js';
import { type Window, sinceOption, subaccountOption, subaccountQuery, tickerOption, untilOption, windowQuery } from '../options.js';
import { LOTS_HELP, exportLots, yearOption } from './lots.js';
import { methodOption } from './pnl.js';

/**
 * CSV columns, in the spec's order; fields the first item carries beyond these are appended.
 * `direction` (fills, orders) is added, and settlements' whole-cent `revenue` and `value` become
 * `revenue_dollars` and `value_dollars` (see exportShape).
 */
export const COLUMNS = {
  fills: [
    'fill_id', 'exchange_index', 'trade_id', 'order_id', 'ticker', 'market_ticker', 'side', 'action', 'outcome_side',
    'book_side', 'direction', 'count_fp', 'yes_price_dollars', 'no_price_dollars', 'is_taker', 'created_time', 'fee_cost',
    'subaccount_number', 'ts',
  ] satisfies Array<keyof Fill | 'direction'>,
  settlements: [
    'ticker', 'exchange_index', 'event_ticker', 'market_result', 'yes_count_fp', 'yes_total_cost_dollars', 'no_count_fp',
    'no_total_cost_dollars', 'revenue_dollars', 'settled_time', 'fee_cost', 'value_dollars',
  ] satisfies Array<Exclude<keyof Settlement, 'revenue' | 'value'> | 'revenue_dollars' | 'value_dollars'>,
  positions: [
    'ticker', 'exchange_index', 'total_traded_dollars', 'position_fp', 'market_exposure_dollars', 'realized_pnl_dollars',
    'fees_paid_dollars', 'last_updated_ts',
  ] satisfies Array<keyof MarketPosition>,
  orders: [
    'order_id', 'user_id', 'client_order_id', 'ticker', 'side', 'action', 'outcome_side', 'book_side', 'direction', 'type', 'status',
    'yes_price_dollars', 'no_price_dollars', 'fill_count_fp', 'remaining_count_fp', 'initial_count_fp',
    'taker_fill_cost_dollars', 'maker_fill_cost_dollars', 'taker_fees_dollars', 'maker_fees_dollars', 'expiration_time',
    'created_time', 'last_update_time', 'self_trade_prevention_type', 'order_group_id', 'cancel_order_on_pause',
    'subaccount_number', 'exchange_index',
  ] satisfies Array<keyof Order | 'direction'>,
} as const;

export type ExportKind = keyof typeof COLUMNS;

/** `{ a, b, c }` with `key: value` put right after `after` (at the end when `after` is absent). */
function insertAfter(item: object, after: string, key: string, value: unknown): Record<string, unknown> {
  const entries = Object.entries(item);
  const at = entries.findIndex(([name]) => name === after);
  entries.splice(at === -1 ? entries.length : at + 1, 0, [key, value]);
  return Object.fromEntries(entries);
}

/** Whole cents as an exact dollar string (`12550` → `"125.50"`); null and absent stay so. */
function centsAsDollars(cents: unknown, field: string): string | null | undefined {
  return cents === null || cents === undefined ? cents : formatDollars(serverCents(cents, field), { decimals: 2 });
}

/**
 * An item as exported, in every format: Kalshi's object as it came, with the effective direction
 * of a fill or order beside its fields (`yes` or `no`, from outcome_side and book_side, never the
 * legacy side/action; empty when the two disagree), and a settlement's whole-cent amounts in
 * dollars like its other amounts. `unknown` counts the directions left empty.
 */
export function exportShape(kind: ExportKind, unknown: { count: number }): (item: object) => object {
  if (kind === 'fills' || kind === 'orders') {
    return (item) => {
      const shown = shownDirection(item as Fill | Order);
      if (shown === '?') unknown.count++;
      return insertAfter(item, 'book_side', 'direction', shown === '?' ? '' : shown.toLowerCase());
    };
  }
  if (kind === 'settlements') {
    return (item) =>
      Object.fromEntries(
        Object.entries(item).map(([name, value]) =>
          name === 'revenue' || name === 'value' ? [`${name}_dollars`, centsAsDollars(value, name)] : [name, value],
        ),
      );
  }
  return (item) => item;
}

async function* mapped<T, U>(items: AsyncIterable<T>, shape: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield shape(item);
}

interface ExportCommandOptions extends Window {
  format?: Format;
  out?: string;
  ticker?: string;
  subaccount?: number;
  open?: boolean;
}

const EXTENSIONS: Partial<Record<string, Format>> = { csv: 'csv', json: 'json', ndjson: 'ndjson', jsonl: 'ndjson' };

/**
 * The format --out's extension names: csv without --out or without an extension; any other
 * extension is refused rather than guessed (`fills.xml` would otherwise silently be CSV).
 */
function formatOf(out: string | undefined): Format {
  const extension = out === undefined ? '' : extname(out);
  if (extension === '') return 'csv';
  const format = EXTENSIONS[extension.slice(1).toLowerCase()];
  if (format) return format;
  const known = Object.keys(EXTENSIONS).map((name) => `.${name}`).join(', ');
  throw new UsageError(
    `--out ${out}: cannot tell the format from the extension "${extension}"; use ${known}, or pass --format ${FORMATS.join('|')}`,
  );
}

export function exportCommand(io: Io): Command {
  return new Command('export')
    .description('write every fill, settlement, market position or order as CSV, JSON or NDJSON, streamed page by page')
    .addArgument(new Argument('<kind>', 'what to export').choices([...Object.keys(COLUMNS), 'lots']))
    .addOption(new Option('-f, --format <format>', "output format (default: from --out's extension .csv, .json, .ndjson or .jsonl; csv when it has none)").choices(FORMATS))
    .addOption(new Option('-o, --out <file>', 'write to this file (atomically: a temporary file beside it, renamed when complete); default stdout'))
    .addOption(tickerOption())
    .addOption(subaccountOption('every subaccount; positions: the primary'))
    .addOption(sinceOption())
    .addOption(untilOption())
    .addOption(new Option('--open', 'positions: only open positions (default: every market position)'))
    .addOption(yearOption())
    .addOption(methodOption())
    .addHelpText(
      'after',
      `
fills is the complete history (archived fills included, every subaccount); settlements every
subaccount's; positions the primary account's market positions; orders every order of every
subaccount, each once: the live ones (resting, and canceled or executed since the historical
cutoff), then the archived ones. --since/--until filter fills on their time, settlements on their
settlement, orders on Kalshi's min_ts/max_ts. --subaccount limits any kind to one subaccount.
Every format carries Kalshi's objects with values exactly as sent, plus:
  direction        fills and orders: yes or no, the way the position moves (outcome_side: yes =
                   bought YES or sold NO, no = bought NO or sold YES); the deprecated side and
                   action are what was clicked
  revenue_dollars  settlements: Kalshi's revenue (whole cents) in dollars, like every other amount
  value_dollars    settlements: Kalshi's value (one YES contract's payout, whole cents) in dollars
CSV has one header line and one row per item; json is one array, ndjson one object a line.
On a terminal, a progress line (pages, items, items/s) goes to stderr.${LOTS_HELP}`,
    )
    .action(async (kind: ExportKind | 'lots', options: ExportCommandOptions, command: Command) => {
      if (kind === 'lots') return exportLots(io, options, command);
      if ((options as { year?: number }).year !== undefined) throw new UsageError('--year applies to lots only');
      const window = windowQuery(options);
      if (kind === 'positions' && (options.since !== undefined || options.until !== undefined)) {
        throw new UsageError('--since/--until do not apply to positions');
      }
      if (kind !== 'positions' && options.open) throw new UsageError('--open applies to positions only');
      const format = options.format ?? formatOf(options.out);
      const ticker = { ...(options.ticker ? { ticker: options.ticker } : {}), ...subaccountQuery(options.subaccount) };
      return withConnection(command, io, async ({ client, pages }) => {
        const call = { signal: io.signal };
        const items =
          kind === 'fills'
            ? client.allFills({ ...window, ...ticker, limit: 1000 }, call)
            : kind === 'settlements'
              ? client.settlements({ ...window, ...ticker, limit: 1000 }, call)
              : kind === 'orders'
                ? client.allOrders({ ...window, ...ticker, limit: 1000 }, call)
                : client.marketPositions({ ...ticker, ...(options.open ? { count_filter: 'position' } : {}), limit: 1000 }, call);
        const unknown = { count: 0 };
        const shaped = mapped<object, object>(items, exportShape(kind, unknown));
        const result = await exportItems<object>({ items: shaped, columns: COLUMNS[kind], format, label: kind, pages, io, ...(options.out ? { out: options.out } : {}) });
        const warning = unknownDirectionWarning(unknown.count, kind);
        if (warning) warn(io, warning);
        if (options.out && io.stderr.isTTY) {
          warn(io, `wrote ${integer(result.items)} ${kind} to ${options.out} (${format})`);
        }
      });
    });
}

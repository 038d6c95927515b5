/**
 * Output for people: money, counts, times and aligned tables. Amounts arrive as exact bigints
 * (micro-dollars, hundredths of a contract) and are formatted with the SDK's helpers, never
 * through a float. Colour only when stdout is a terminal and NO_COLOR is not set.
 */
import pc from 'picocolors';
import { formatCount, formatDollars } from '../index.js';
import { cellText } from './terminal.js';

export type Colors = ReturnType<typeof pc.createColors>;

/** Colour on a TTY unless NO_COLOR is set (to anything but ""); FORCE_COLOR does not override. */
export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Colors {
  const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
  return pc.createColors(Boolean(stream.isTTY) && !noColor);
}

/** `1234567` → `1,234,567` (digits only). */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Splits a formatted fixed-point string into sign and grouped magnitude. */
function grouped(text: string): { negative: boolean; body: string } {
  const negative = text.startsWith('-');
  const [int = '0', frac] = (negative ? text.slice(1) : text).split('.');
  return { negative, body: frac === undefined ? group(int) : `${group(int)}.${frac}` };
}

/** `$1,234.56`, `-$0.1576`: the decimals the value needs, at least 2. */
export function dollars(micros: bigint): string {
  const { negative, body } = grouped(formatDollars(micros));
  return `${negative ? '-' : ''}$${body}`;
}

/** Signed P&L: `+$3.20`, `-$1.05`, `$0.00`. */
export function signedDollars(micros: bigint): string {
  return micros > 0n ? `+${dollars(micros)}` : dollars(micros);
}

/** Contracts with their two decimals: `1,234.00`. */
export function contracts(hundredths: bigint): string {
  const { negative, body } = grouped(formatCount(hundredths));
  return `${negative ? '-' : ''}${body}`;
}

/** A whole number with separators: `100,000`. */
export function integer(n: number | bigint): string {
  const text = String(n);
  return text.startsWith('-') ? `-${group(text.slice(1))}` : group(text);
}

/** `2026-10-15 20:41:43` (UTC) from an RFC 3339 string or Unix seconds. */
export function utc(time: string | number | undefined | null): string {
  if (time === undefined || time === null) return '';
  const ms = typeof time === 'number' ? time * 1000 : Date.parse(time);
  if (Number.isNaN(ms)) return String(time);
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * How long ago `time` (RFC 3339) was, at `nowMs`: the two largest units, `3d 4h`, `5h 07m`,
 * `12m 30s`, `42s`. A time in the future (clocks apart) shows as `0s`; no time, ``.
 */
export function age(time: string | undefined | null, nowMs: number): string {
  if (time === undefined || time === null) return '';
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return '';
  const seconds = Math.max(0, Math.floor((nowMs - ms) / 1000));
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${d}d ${two(h)}h`;
  if (h > 0) return `${h}h ${two(m)}m`;
  if (m > 0) return `${m}m ${two(s)}s`;
  return `${s}s`;
}

/** Whether `items` come from more than one subaccount (then a table shows each row's). */
export function mixesSubaccounts(items: ReadonlyArray<{ subaccount_number?: number | null }>): boolean {
  return new Set(items.map((item) => item.subaccount_number ?? null)).size > 1;
}

/** A row's subaccount: its number, or '' when Kalshi did not say. */
export function subaccountCell(item: { subaccount_number?: number | null }): string {
  return item.subaccount_number === undefined || item.subaccount_number === null ? '' : String(item.subaccount_number);
}

/** Plural helper: `1 fill`, `2 fills`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${integer(n)} ${n === 1 ? one : many}`;
}

// ------------------------------------------------------------------------------------- tables

export type Align = 'left' | 'right' | 'decimal';

export interface Column {
  header: string;
  align?: Align;
  /** The most characters a cell shows (CELL_LIMIT unless said): only for text of our own, never a server's. */
  limit?: number;
}

/** A cell: plain text, or text with a colour applied after padding (so ANSI codes never skew widths). */
export type Cell = string | { text: string; paint?: (s: string) => string };

export type Row =
  | Cell[]
  | { kind: 'total'; cells: Cell[] }
  | { kind: 'heading'; text: string };

/** A cell's text, escaped and bounded: cells carry tickers, results and times as the server sent them. */
const textOf = (cell: Cell | undefined, limit?: number): string =>
  cell === undefined ? '' : cellText(typeof cell === 'string' ? cell : cell.text, limit);

/**
 * Lays rows out under their headers, two spaces apart. In a `decimal` column every amount shows
 * as many decimals as the most precise one needs (`$12.50` becomes `$12.5000` over `$1,203.4567`):
 * exact, since only zeros are added, and the decimal points line up. Cells and headings are
 * escaped and cut to CELL_LIMIT, so every caller can hand over server strings as they came.
 */
export function table(columns: Column[], rows: Row[], colors: Colors): string {
  const dataRows = rows.flatMap((row) => (Array.isArray(row) ? [row] : row.kind === 'total' ? [row.cells] : []));
  const text = (cells: Cell[], i: number) => textOf(cells[i], columns[i]?.limit);
  const decimals = columns.map((column, i) =>
    column.align === 'decimal' ? Math.max(0, ...dataRows.map((cells) => fractionWidth(text(cells, i)))) : 0,
  );
  const shaped = (i: number, value: string) => (columns[i]?.align === 'decimal' ? padFraction(value, decimals[i]!) : value);
  const widths = columns.map((column, i) => Math.max(column.header.length, ...dataRows.map((cells) => shaped(i, text(cells, i)).length)));
  const render = (cells: Cell[], paintRow?: (s: string) => string, header = false) =>
    columns
      .map((column, i) => {
        const cell = cells[i];
        const shown = header ? text(cells, i) : shaped(i, text(cells, i));
        const padded = column.align === 'left' || column.align === undefined ? shown.padEnd(widths[i]!) : shown.padStart(widths[i]!);
        const paint = typeof cell === 'object' && cell.paint ? cell.paint : undefined;
        const visible = shown.trimEnd();
        const painted = paint && visible !== '' ? padded.replace(visible, paint(visible)) : padded;
        return paintRow ? paintRow(painted) : painted;
      })
      .join('  ')
      .trimEnd();
  const lines = [render(columns.map((c) => c.header), colors.dim, true)];
  for (const row of rows) {
    if (Array.isArray(row)) lines.push(render(row));
    else if (row.kind === 'total') lines.push(render(row.cells, colors.bold));
    else lines.push(colors.bold(cellText(row.text)));
  }
  return `${lines.join('\n')}\n`;
}

/** An amount as the formatters write it: `$1,234.5`, `-$0.1576`, `+$3.20`, `1,234.00`. */
const AMOUNT = /^[+-]?\$?\d{1,3}(,\d{3})*(\.\d+)?$/;

function fractionWidth(text: string): number {
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot;
}

/**
 * Gives an amount `width` characters from its decimal point on (`$5` → `$5.00` beside `$1.25`),
 * padding with zeros, which changes no value; other text is padded with spaces, so it still ends
 * where the amounts' last digits do.
 */
function padFraction(text: string, width: number): string {
  if (text === '') return text;
  const missing = Math.max(0, width - fractionWidth(text));
  if (missing === 0 || !AMOUNT.test(text)) return text + ' '.repeat(missing);
  return fractionWidth(text) === 0 ? `${text}.${'0'.repeat(missing - 1)}` : text + '0'.repeat(missing);
}

export interface Pair {
  label: string;
  value: Cell;
  note?: string;
  /** Shown in bold: the one-line total. */
  total?: boolean;
}

/** Label/value lines, values aligned on their decimal point. */
export function pairs(entries: Pair[], colors: Colors): string {
  const columns: Column[] = [{ header: '' }, { header: '', align: 'decimal' }, { header: '', limit: Number.POSITIVE_INFINITY }];
  const rows: Row[] = entries.map(({ label, value, note, total }) => {
    const cells: Cell[] = [label, value, note ? { text: note, paint: colors.dim } : ''];
    return total ? { kind: 'total', cells } : cells;
  });
  // Without the (empty) header line.
  return table(columns, rows, colors).split('\n').slice(1).join('\n');
}

/** Green for gains, red for losses. */
export function pnlCell(micros: bigint, colors: Colors): Cell {
  const text = signedDollars(micros);
  return { text, paint: micros > 0n ? colors.green : micros < 0n ? colors.red : undefined };
}

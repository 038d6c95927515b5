/**
 * Lines of `watch`: one per stream event, for people (exact money through the SDK's helpers, every
 * server-supplied string escaped) or as NDJSON. Pure, so it is tested in process.
 */
import {
  MICROS_PER_DOLLAR,
  type DirectionFields,
  type MarketPosition,
  type StatusEvent,
  type StreamEvent,
  type StreamFill,
  type StreamMarketPosition,
  type StreamOrder,
  type StreamOrderGroupUpdate,
  directionLabel,
  directionOf,
  parseCount,
  parseDollars,
} from '../index.js';
import { legacyAction } from './amounts.js';
import { type Colors, contracts, dollars, plural, signedDollars } from './format.js';
import { cellText, printable, safeJson } from './terminal.js';

/** One NDJSON line: the event as is, escaped so that it is safe on a terminal and parses back the same. */
export function jsonLine(event: StreamEvent): string {
  return `${safeJson(JSON.stringify(event))}\n`;
}

/** `12:03:04.123`: the UTC time of day of a moment, to the millisecond. */
export function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

/** `2026-10-16 04:06:54.123` (UTC). */
function moment(ms: unknown): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 23).replace('T', ' ') : '?';
}

/** Dollars from a wire string, exactly; a malformed one is shown as sent (escaped) rather than failing the watch. */
function money(text: unknown, show: (micros: bigint) => string = dollars): string {
  try {
    return show(parseDollars(text as string));
  } catch {
    return cellText(text);
  }
}

function count(text: unknown): string {
  try {
    return contracts(parseCount(text as string));
  } catch {
    return cellText(text);
  }
}

/**
 * The effective direction (src/direction.ts, never the legacy side/action): `YES` or `NO`; a pair
 * Kalshi never sends is shown as sent, escaped, rather than failing the watch.
 */
function direction(fields: DirectionFields): string {
  try {
    return directionLabel(directionOf(fields));
  } catch {
    return `?(${cellText(fields.outcome_side)}/${cellText(fields.book_side)})`;
  }
}

/** Kalshi's deprecated action and side, labelled, when it sent them: `(legacy: sell yes)`. */
function legacy(fields: { side?: unknown; action?: unknown }): string[] {
  const text = legacyAction(fields);
  return text === '' ? [] : [`(legacy: ${cellText(text)})`];
}

/** The price of one contract of the side the direction is toward: the YES price, or $1 less it for NO. */
function priceOf(shown: string, yesPrice: unknown): string {
  if (shown !== 'NO') return money(yesPrice);
  try {
    return dollars(MICROS_PER_DOLLAR - parseDollars(yesPrice as string));
  } catch {
    return `(YES ${cellText(yesPrice)})`;
  }
}

/** `10.00 YES`, `63.50 NO` from a signed position (negative is NO); `flat` at zero. */
function holding(positionFp: unknown): string {
  let held: bigint;
  try {
    held = parseCount(positionFp as string);
  } catch {
    return cellText(positionFp);
  }
  if (held === 0n) return 'flat';
  return held < 0n ? `${contracts(-held)} NO` : `${contracts(held)} YES`;
}

const LABEL_WIDTH = 'POSITION'.length;
/** Tickers pad to the widest seen, up to this; a longer one (multi-game markets) only widens its own line. */
const MAX_TICKER_WIDTH = 32;

export interface LineFormatter {
  /** The line of a data event (fill, position, order, order group), with its newline. */
  event(event: Exclude<StreamEvent, StatusEvent>, receivedMs: number): string;
  /** The line of a status event, with its newline. */
  status(event: StatusEvent, receivedMs: number): string;
}

/**
 * Lines for people. Tickers are padded to the widest seen so far (up to 32 characters), so the
 * columns after them line up once a few markets have shown.
 */
export function lineFormatter(colors: Colors, statusColors: Colors = colors): LineFormatter {
  let tickerWidth = 0;
  const market = (ticker: unknown) => {
    const text = cellText(ticker);
    if (text.length <= MAX_TICKER_WIDTH) tickerWidth = Math.max(tickerWidth, text.length);
    return text.padEnd(tickerWidth);
  };
  const label = (text: string, paint: (s: string) => string) => paint(text.padEnd(LABEL_WIDTH));
  const sourceTag = (text: string) => colors.dim(`(${text})`);
  const line = (receivedMs: number, ...parts: string[]) => `${colors.dim(clock(receivedMs))}  ${parts.join('  ')}\n`;

  function fill(data: StreamFill, source: string, receivedMs: number): string {
    const dir = direction(data);
    const trade = `${dir} ${count(data.count_fp)} @ ${priceOf(dir, data.yes_price_dollars)}`;
    const tag = source === 'catch-up' ? sourceTag(`catch-up, traded ${moment(data.ts_ms)}`) : sourceTag(cellText(source));
    return line(receivedMs, label('FILL', colors.cyan), market(data.market_ticker), trade, `fee ${money(data.fee_cost)}`, ...legacy(data), tag);
  }

  function position(data: StreamMarketPosition | MarketPosition, source: string, receivedMs: number): string {
    const ticker = 'market_ticker' in data ? data.market_ticker : data.ticker;
    const pnl = money(data.realized_pnl_dollars, signedDollars);
    const paint = pnl.startsWith('+') ? colors.green : pnl.startsWith('-') ? colors.red : (s: string) => s;
    return line(
      receivedMs,
      label('POSITION', colors.yellow),
      market(ticker),
      holding(data.position_fp),
      `realized ${paint(pnl)}`,
      `fees ${money(data.fees_paid_dollars)}`,
      sourceTag(cellText(source)),
    );
  }

  function order(data: StreamOrder, receivedMs: number): string {
    const filled = `${count(data.fill_count_fp)}/${count(data.initial_count_fp)}`;
    const dir = direction(data);
    const what = `${dir} ${filled} @ ${priceOf(dir, data.yes_price_dollars)}`;
    return line(receivedMs, label('ORDER', colors.magenta), market(data.ticker), cellText(data.status), what, ...legacy(data));
  }

  function group(data: StreamOrderGroupUpdate, receivedMs: number): string {
    const limit = data.contracts_limit_fp === undefined ? [] : [`limit ${count(data.contracts_limit_fp)}`];
    return line(receivedMs, label('GROUP', colors.blue), cellText(data.order_group_id), cellText(data.event_type), ...limit);
  }

  return {
    event(event, receivedMs) {
      switch (event.type) {
        case 'fill':
          return fill(event.data, event.source, receivedMs);
        case 'market_position':
          return position(event.data, event.source, receivedMs);
        case 'user_order':
          return order(event.data, receivedMs);
        case 'order_group_update':
          return group(event.data, receivedMs);
        default: {
          // A type this version does not know: shown, escaped, rather than dropped.
          const unknown = event as { type?: unknown };
          return line(receivedMs, label(cellText(unknown.type).toUpperCase(), (s) => s), cellText(JSON.stringify(event)));
        }
      }
    },
    status(event, receivedMs) {
      return `${statusColors.dim(`${clock(receivedMs)}  ${statusText(event)}`)}\n`;
    },
  };
}

/** `connected`, `reconnecting (attempt 2 in 0.8 s): <reason>`, `caught up: 3 fills, 0 positions`. */
export function statusText(event: StatusEvent): string {
  switch (event.status) {
    case 'connected':
      return 'connected';
    case 'reconnecting':
      return `reconnecting (attempt ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)} s): ${printable(event.reason)}`;
    case 'caught-up':
      return `caught up: ${plural(event.caughtUp.fills, 'fill')}, ${plural(event.caughtUp.positions, 'position')}`;
    default:
      return printable((event as { status?: unknown }).status);
  }
}

/**
 * Money, counts and directions as the server sent them, read exactly. A malformed one is the server's fault,
 * not the user's: a ServerDataError (exit 1) naming the field, rather than the SDK's
 * KalshiInputError, which the CLI reports as a usage error (exit 2).
 */
import { type DirectionFields, KalshiInputError, centsToMicros, directionLabel, directionOf, parseCount, parseDollars } from '../index.js';
import { ServerDataError } from './exit-status.js';

/** Micro-dollars from a `*_dollars` string (or another dollar field, such as `fee_cost`). */
export function serverDollars(value: unknown, field: string): bigint {
  return parsed(() => parseDollars(value as string), field);
}

/** Hundredths of a contract from a `*_fp` string. */
export function serverCount(value: unknown, field: string): bigint {
  return parsed(() => parseCount(value as string), field);
}

/** Micro-dollars from a whole-cents number (`revenue`, `portfolio_value`). */
export function serverCents(value: unknown, field: string): bigint {
  return parsed(() => centsToMicros(value as number), field);
}

/**
 * The effective direction of a fill or an order as shown: `YES` (bought YES or sold NO) or `NO`
 * (bought NO or sold YES), from `outcome_side` and `book_side` by src/direction.ts, never from the
 * legacy `side`/`action`. A pair Kalshi never sends (`yes` with `ask`) is not guessed at: `?`, and
 * the command warns (see unknownDirectionWarning).
 */
export function shownDirection(fields: DirectionFields): 'YES' | 'NO' | '?' {
  try {
    return directionLabel(directionOf(fields));
  } catch (error) {
    if (error instanceof KalshiInputError) return '?';
    throw error;
  }
}

/** The warning for rows whose direction is `?`, or undefined when there are none. */
export function unknownDirectionWarning(count: number, noun: string): string | undefined {
  if (count === 0) return undefined;
  return (
    `warning: ${count} ${noun} carry an outcome_side and a book_side that Kalshi never pairs (it pairs yes with bid, ` +
    'no with ask): their direction is shown as ? (or left empty in exports)'
  );
}

/**
 * The legacy `action` and `side` as Kalshi sent them (`sell yes`): what was clicked, shown only
 * beside the effective direction and labelled as legacy; '' when either is absent.
 */
export function legacyAction(fields: { side?: unknown; action?: unknown }): string {
  return typeof fields.action === 'string' && typeof fields.side === 'string' ? `${fields.action} ${fields.side}` : '';
}

function parsed(parse: () => bigint, field: string): bigint {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof KalshiInputError)) throw error;
    // The SDK's message quotes a bounded excerpt of the value and says which rule it breaks.
    const why = error.message.charAt(0).toLowerCase() + error.message.slice(1);
    throw new ServerDataError(`the server sent a malformed amount in ${field}: ${why}`, { cause: error });
  }
}

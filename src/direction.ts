/**
 * Which way a fill or an order moves the account, in Kalshi's own terms.
 *
 * Kalshi's `outcome_side` and `book_side` are one bit in two vocabularies: `yes` ≡ `bid` (the
 * account ends up longer YES: it bought YES or sold NO) and `no` ≡ `ask` (longer NO: it bought NO
 * or sold YES). `book_side` is not buy/sell. The legacy `side`/`action` (and the stream's
 * `purchased_side`) say what the user clicked, may be absent, and are never read here.
 */
import { KalshiInputError, describeValue } from './errors.js';
import { parseCount, parseDollars } from './money.js';

/** The effective direction: `yes` = more long YES (or less long NO), `no` = the reverse. */
export type Direction = 'yes' | 'no';

/** What a fill or an order says of its direction; either field may be missing, never both. */
export interface DirectionFields {
  outcome_side?: string;
  book_side?: string;
}

const FROM_BOOK_SIDE: Readonly<Record<string, Direction>> = { bid: 'yes', ask: 'no' };

/**
 * The effective direction of a fill or an order, from `outcome_side` and `book_side`.
 *
 * @throws {KalshiInputError} when neither is there, either is not one of Kalshi's values, or the
 * two disagree (`yes`+`ask`, `no`+`bid`): Kalshi never sends such a pair, so it is not guessed at.
 */
export function directionOf(fields: DirectionFields): Direction {
  const { outcome_side: outcome, book_side: book } = fields;
  if (outcome !== undefined && outcome !== 'yes' && outcome !== 'no') {
    throw new KalshiInputError(`outcome_side must be "yes" or "no", got ${describeValue(outcome)}`);
  }
  if (book !== undefined && FROM_BOOK_SIDE[book] === undefined) {
    throw new KalshiInputError(`book_side must be "bid" or "ask", got ${describeValue(book)}`);
  }
  const fromBook = book === undefined ? undefined : FROM_BOOK_SIDE[book];
  if (outcome !== undefined && fromBook !== undefined && outcome !== fromBook) {
    throw new KalshiInputError(`outcome_side "${outcome}" and book_side "${book}" disagree: Kalshi pairs yes with bid and no with ask`);
  }
  const direction = (outcome as Direction | undefined) ?? fromBook;
  if (direction === undefined) throw new KalshiInputError('a fill or order needs outcome_side or book_side to have a direction');
  return direction;
}

/** A fill's count and price as its direction applies them. */
export interface FillEffect {
  direction: Direction;
  /** Hundredths of a contract, signed in YES units: +count for `yes`, −count for `no`. */
  signedCount: bigint;
  /** The YES price of the trade in micro-dollars (the NO price is 1,000,000 − this). */
  yesPriceMicros: bigint;
  /** What one contract of this fill's own outcome cost, in micro-dollars: the YES price for `yes`, the NO price for `no`. */
  pricePaidMicros: bigint;
}

/** The fields of a fill (REST or stream) that say how it moves the position. */
export interface FillLike extends DirectionFields {
  count_fp: string;
  yes_price_dollars: string;
}

/**
 * A fill's signed effect on the position in its market: `position_fp` after the fill equals the
 * position before it plus `signedCount` (with netting on). Exact: counts and prices are parsed as
 * fixed-point strings, never floats.
 *
 * @throws {KalshiInputError} for a fill with no valid direction or a malformed count or price.
 */
export function fillEffect(fill: FillLike): FillEffect {
  const direction = directionOf(fill);
  const count = parseCount(fill.count_fp);
  const yesPriceMicros = parseDollars(fill.yes_price_dollars);
  return {
    direction,
    signedCount: direction === 'yes' ? count : -count,
    yesPriceMicros,
    pricePaidMicros: direction === 'yes' ? yesPriceMicros : 1_000_000n - yesPriceMicros,
  };
}

/**
 * How a direction reads to a person, without claiming what was clicked: `"YES"` is "bought YES or
 * sold NO", `"NO"` is "bought NO or sold YES".
 */
export function directionLabel(direction: Direction): 'YES' | 'NO' {
  return direction === 'yes' ? 'YES' : 'NO';
}

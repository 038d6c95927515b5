/**
 * What one subaccount holds in one market, as FIFO lots, and how a fill or a settlement changes
 * it, in exact integers (hundredths of a contract, micro-dollars). The seeded history and the
 * runtime trades both go through here, so positions follow from fills by one rule.
 *
 * The rule (Kalshi's "Direction and netting"): a fill's direction is `yes` (the account ends up
 * longer YES: it bought YES or sold NO) or `no` (longer NO). With netting on, the position is one
 * signed number: a `yes` fill against NO held closes NO contracts, oldest lot first, and the pair
 * of one YES and one NO pays $1 back at once; what is left opens YES contracts at the YES price.
 * (Mirrored for `no`.) Closing realizes, per contract, what closing brings in (the YES price for
 * YES held, one minus it for NO held) minus the lot's price. With netting off, YES and NO lots are
 * held side by side and only the settlement closes them. A settlement closes every lot still
 * held at the market's value (YES pays `value` cents, NO `100 - value`). Fees are never in the
 * realized P&L: they are summed in `feesPaid`, and the share of the lots still held in
 * `positionFees`.
 */

import { formatTime } from './time.js';
import { MICROS_PER_CENT, MICROS_PER_DOLLAR, wireCount, wireDollars } from './wire-money.js';
import type { MarketPosition } from './wire-types.js';

export type Direction = 'yes' | 'no';

interface Lot {
  /** Hundredths of a contract left in the lot. */
  count: bigint;
  /** Price paid per contract of the lot's outcome (the YES price for YES, one minus it for NO), micro-dollars. */
  price: bigint;
  /** The fee share of the contracts left. */
  fee: bigint;
}

/** One side's lots, oldest first; `head` skips lots already closed, so closing is O(1) amortized. */
interface Lots {
  lots: Lot[];
  head: number;
  /** Hundredths held on this side. */
  held: bigint;
  /** What the contracts held cost. */
  cost: bigint;
  fees: bigint;
}

export interface Book {
  /** Netting on: a fill against the opposite side closes it. Runtime trades follow the subaccount's current setting. */
  netting: boolean;
  yes: Lots;
  no: Lots;
  /** Fee-free realized P&L, micro-dollars. */
  realizedPnl: bigint;
  feesPaid: bigint;
  /** Count times the price paid, summed over the fills (REST's `total_traded_dollars`). */
  traded: bigint;
  /** Hundredths of a contract traded. */
  volume: bigint;
}

export interface BookFill {
  direction: Direction;
  /** Hundredths of a contract, more than zero. */
  count: bigint;
  /** YES price, micro-dollars, strictly between 0 and $1. */
  yesPrice: bigint;
  fee: bigint;
}

/** What a fill did: hundredths closed (pairs netted away) and the cash it moved, fee included. */
export interface FillOutcome {
  closed: bigint;
  cash: bigint;
}

/** What a settlement closed and paid. */
export interface SettlementOutcome {
  yesCount: bigint;
  noCount: bigint;
  yesCost: bigint;
  noCost: bigint;
  /** Micro-dollars paid out for the contracts held. */
  payout: bigint;
}

const emptyLots = (): Lots => ({ lots: [], head: 0, held: 0n, cost: 0n, fees: 0n });

/** Price in micro-dollars times hundredths of a contract, in micro-dollars (exact for half-cent prices). */
export const valueOf = (hundredths: bigint, price: bigint): bigint => (hundredths * price) / 100n;

export function newBook(netting: boolean): Book {
  return { netting, yes: emptyLots(), no: emptyLots(), realizedPnl: 0n, feesPaid: 0n, traded: 0n, volume: 0n };
}

/** Signed position in hundredths: YES held minus NO held. */
export const positionOf = (book: Book): bigint => book.yes.held - book.no.held;

/** What the contracts held cost (REST's `market_exposure_dollars`). */
export const exposureOf = (book: Book): bigint => book.yes.cost + book.no.cost;

/** The fees of the trades that opened the contracts held, kept in proportion as they close. */
export const positionFeesOf = (book: Book): bigint => book.yes.fees + book.no.fees;

/** Closes up to `count` hundredths of `side`, oldest lot first; returns what they cost and the count closed. */
function close(side: Lots, count: bigint): { closed: bigint; cost: bigint } {
  let left = count;
  let cost = 0n;
  while (left > 0n && side.head < side.lots.length) {
    const lot = side.lots[side.head]!;
    const take = left < lot.count ? left : lot.count;
    const lotCost = valueOf(take, lot.price);
    const feeShare = take === lot.count ? lot.fee : (lot.fee * take) / lot.count;
    lot.count -= take;
    lot.fee -= feeShare;
    side.fees -= feeShare;
    cost += lotCost;
    left -= take;
    if (lot.count === 0n) side.head++;
  }
  const closed = count - left;
  side.held -= closed;
  side.cost -= cost;
  if (side.head > 64 && side.head * 2 > side.lots.length) {
    side.lots = side.lots.slice(side.head);
    side.head = 0;
  }
  return { closed, cost };
}

function open(side: Lots, count: bigint, price: bigint, fee: bigint): void {
  side.lots.push({ count, price, fee });
  side.held += count;
  side.cost += valueOf(count, price);
  side.fees += fee;
}

/** What `applyFill` would do, without doing it. */
export function previewFill(book: Book, fill: BookFill): FillOutcome {
  const paid = fill.direction === 'yes' ? fill.yesPrice : MICROS_PER_DOLLAR - fill.yesPrice;
  const other = fill.direction === 'yes' ? book.no : book.yes;
  const closed = book.netting ? (fill.count < other.held ? fill.count : other.held) : 0n;
  // The account pays for every contract; each pair netted away pays $1 back.
  return { closed, cash: -valueOf(fill.count, paid) + valueOf(closed, MICROS_PER_DOLLAR) - fill.fee };
}

/** Applies one fill to the book (in place) and says what it closed and what cash it moved. */
export function applyFill(book: Book, fill: BookFill): FillOutcome {
  const { direction, count, yesPrice, fee } = fill;
  const paid = direction === 'yes' ? yesPrice : MICROS_PER_DOLLAR - yesPrice;
  const [own, other] = direction === 'yes' ? [book.yes, book.no] : [book.no, book.yes];
  let closed = 0n;
  if (book.netting && other.held > 0n) {
    const result = close(other, count < other.held ? count : other.held);
    closed = result.closed;
    // Closing NO with a YES fill brings in one minus the YES price per contract; closing YES, the YES price.
    book.realizedPnl += valueOf(closed, MICROS_PER_DOLLAR - paid) - result.cost;
  }
  const opened = count - closed;
  if (opened > 0n) open(own, opened, paid, (fee * opened) / count);
  book.feesPaid += fee;
  book.traded += valueOf(count, paid);
  book.volume += count;
  return { closed, cash: -valueOf(count, paid) + valueOf(closed, MICROS_PER_DOLLAR) - fee };
}

/** Closes everything held at the settlement: YES pays `valueCents`, NO `100 - valueCents` per contract. */
export function settleBook(book: Book, valueCents: number): SettlementOutcome {
  const yesPays = BigInt(valueCents) * MICROS_PER_CENT;
  const noPays = MICROS_PER_DOLLAR - yesPays;
  const yesCount = book.yes.held;
  const noCount = book.no.held;
  const yes = close(book.yes, yesCount);
  const no = close(book.no, noCount);
  const payout = valueOf(yesCount, yesPays) + valueOf(noCount, noPays);
  book.realizedPnl += payout - yes.cost - no.cost;
  return { yesCount, noCount, yesCost: yes.cost, noCost: no.cost, payout };
}

/** The REST market position a book stands for (`updatedUs`: epoch microseconds of its last change). */
export function positionRow(book: Book, market: { ticker: string; exchangeIndex: number }, updatedUs: number, restingOrders: number): MarketPosition {
  return {
    ticker: market.ticker,
    exchange_index: market.exchangeIndex,
    total_traded_dollars: wireDollars(book.traded, 4),
    position_fp: wireCount(positionOf(book)),
    market_exposure_dollars: wireDollars(exposureOf(book), 2),
    realized_pnl_dollars: wireDollars(book.realizedPnl, 4),
    fees_paid_dollars: wireDollars(book.feesPaid, 6),
    last_updated_ts: formatTime(updatedUs, 3),
    resting_orders_count: restingOrders,
  };
}

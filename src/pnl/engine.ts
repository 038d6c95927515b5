/**
 * The P&L engine: an account's history in, exact figures out. Pure — no I/O, no clock.
 *
 * Each (subaccount, market) is a book of YES lots and NO lots. A fill is normalised by its
 * direction (`fillEffect`): with netting on (Kalshi's default) it first closes lots of the other
 * side — a YES-direction fill against NO lots closes them at the NO price 1 − p, since the pair is
 * worth $1 and Kalshi returns it — and opens the rest on its own side. With netting off both sides
 * just grow. A settlement closes whatever is still open at the settlement price; its `revenue` is
 * the cash for those same contracts, so it is never added on top.
 */
import { type FillEffect, fillEffect } from '../direction.js';
import { KalshiInputError } from '../errors.js';
import { MICROS_PER_DOLLAR, centsToMicros, parseDollars } from '../money.js';
import type { Fill } from '../../generated/schema.js';
import { type Book, LotSide, type Taken } from './lots.js';
import { reconcile } from './reconcile.js';
import type {
  ClosedLot,
  CostMethod,
  MarkSource,
  MarketPnl,
  OpenLot,
  PnlDay,
  PnlFigures,
  PnlInput,
  PnlMarketPrice,
  PnlOptions,
  PnlResult,
  PnlSettlement,
} from './types.js';

const DAY = 86_400;

export function emptyFigures(): PnlFigures {
  return { realizedGross: 0n, fees: 0n, estimatedFees: 0n, realizedNet: 0n, unrealized: 0n, openCost: 0n, total: 0n, closedCount: 0n };
}

/** Micro-dollars of `count` hundredths at `priceMicros` per contract. */
const amount = (count: bigint, priceMicros: bigint) => (count * priceMicros) / 100n;

/**
 * Parsing fixed-point text is most of the work per fill, and an account repeats the same few
 * hundred prices, counts and fees: each distinct text is parsed once (up to a bound).
 */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly compute: (key: string) => V) {}
  get(key: string): V {
    let value = this.map.get(key);
    if (value === undefined) {
      value = this.compute(key);
      if (this.map.size >= 50_000) this.map.clear();
      this.map.set(key, value);
    }
    return value;
  }
}

/** A fill whose effect can be remembered by its four fields: each a plain string (or a missing side). */
function cacheable(fill: Fill): boolean {
  const { outcome_side: o, book_side: b, count_fp: c, yes_price_dollars: y } = fill;
  return (o === undefined || o === 'yes' || o === 'no') && (b === undefined || b === 'bid' || b === 'ask') && typeof c === 'string' && typeof y === 'string';
}

/** Unix seconds of a fill: `ts`, else `created_time`. */
export function fillTime(fill: Fill): number {
  if (typeof fill.ts === 'number' && Number.isFinite(fill.ts)) return fill.ts;
  const parsed = fill.created_time === undefined ? NaN : Date.parse(fill.created_time);
  if (Number.isNaN(parsed)) throw new KalshiInputError(`fill ${fill.fill_id} has neither ts nor a valid created_time: it cannot be placed in time`);
  return Math.floor(parsed / 1000);
}

/** Orders fills oldest first (ties keep the given order): what the engine requires. */
export function oldestFirst<T extends Fill>(fills: Iterable<T>): T[] {
  return [...fills].map((fill, index) => ({ fill, index, ts: fillTime(fill) })).sort((a, b) => a.ts - b.ts || a.index - b.index).map((x) => x.fill);
}

/** `ABC-26DEC31-T5` → event `ABC-26DEC31`, series `ABC` (Kalshi's ticker layout), unless a row said otherwise. */
export function eventOfTicker(ticker: string): string {
  const dash = ticker.lastIndexOf('-');
  return dash > 0 ? ticker.slice(0, dash) : ticker;
}
export function seriesOfEvent(event: string): string {
  const dash = event.indexOf('-');
  return dash > 0 ? event.slice(0, dash) : event;
}

const dayNames = new Map<number, string>();
function dayName(dayNumber: number): string {
  let name = dayNames.get(dayNumber);
  if (name === undefined) {
    name = new Date(dayNumber * DAY * 1000).toISOString().slice(0, 10);
    if (dayNames.size < 100_000) dayNames.set(dayNumber, name);
  }
  return name;
}

/** The YES payout of a settlement in micro-dollars, or undefined when the row does not say. */
function settlementPrice(s: PnlSettlement): bigint | undefined {
  if (typeof s.value === 'number') return centsToMicros(s.value);
  if (s.market_result === 'yes') return MICROS_PER_DOLLAR;
  if (s.market_result === 'no') return 0n;
  return undefined;
}

/** The YES mark of a market from public data, and what it is. */
function markOf(market: PnlMarketPrice | undefined): { price: bigint; source: MarkSource } | undefined {
  if (!market) return undefined;
  const settled = market.status === 'settled' || market.status === 'finalized' || market.status === 'determined';
  if (settled && (market.result === 'yes' || market.result === 'no')) return { price: market.result === 'yes' ? MICROS_PER_DOLLAR : 0n, source: 'settled' };
  const bid = market.yes_bid_dollars === undefined ? undefined : parseDollars(market.yes_bid_dollars);
  const ask = market.yes_ask_dollars === undefined ? undefined : parseDollars(market.yes_ask_dollars);
  if (bid !== undefined && ask !== undefined && bid > 0n && ask < MICROS_PER_DOLLAR && bid <= ask) return { price: (bid + ask) / 2n, source: 'market' };
  if (market.last_price_dollars !== undefined) {
    const last = parseDollars(market.last_price_dollars);
    if (last > 0n) return { price: last, source: 'market' };
  }
  return undefined;
}

/** Computes the P&L of a history. Fills must come oldest first (see {@link oldestFirst}). */
export function computePnl(input: PnlInput, options: PnlOptions = {}): PnlResult {
  const method: CostMethod = options.method ?? 'fifo';
  if (method !== 'fifo' && method !== 'average') throw new KalshiInputError(`method must be "fifo" or "average", got ${String(method)}`);
  const { since, until } = options;
  if (since !== undefined && until !== undefined && since > until) throw new KalshiInputError(`the period starts (${since}) after it ends (${until})`);
  const inPeriod = (ts: number) => (since === undefined || ts >= since) && (until === undefined || ts <= until);

  const nettingOff = new Set<number>();
  for (const config of input.netting ?? []) if (!config.enabled) nettingOff.add(config.subaccount_number);
  const markets = new Map<string, PnlMarketPrice>();
  for (const market of input.markets ?? []) markets.set(market.ticker, market);
  const eventOf = new Map<string, string>();
  for (const market of markets.values()) if (market.event_ticker) eventOf.set(market.ticker, market.event_ticker);

  const settlements = [...(input.settlements ?? [])]
    .map((s) => ({ s, ts: Math.floor(Date.parse(s.settled_time) / 1000) }))
    .sort((a, b) => a.ts - b.ts);
  for (const { s } of settlements) eventOf.set(s.ticker, s.event_ticker);

  const books = new Map<string, Book>();
  const booksOfTicker = new Map<string, Book[]>();
  const settledTickers = new Set<string>();
  const days = new Map<number, PnlDay>();
  const closedLots: ClosedLot[] = [];
  const warnings: string[] = [];
  let openLots: OpenLot[] | undefined;
  let settlementRevenue = 0n;
  const revenueBySubaccount = new Map<number, bigint>();

  const bookOf = (subaccount: number, ticker: string): Book => {
    const list = booksOfTicker.get(ticker);
    if (list) {
      for (const book of list) if (book.subaccount === subaccount) return book;
    }
    const event = eventOf.get(ticker) ?? eventOfTicker(ticker);
    const book: Book = {
      subaccount,
      ticker,
      netting: !nettingOff.has(subaccount),
      yes: new LotSide(method),
      no: new LotSide(method),
      figures: { ...emptyFigures(), subaccount, ticker, event, series: seriesOfEvent(event), position: 0n, months: new Map() },
      allRealized: 0n,
      allKnownFees: 0n,
      fillCash: 0n,
      feeless: [],
      lots: [],
    };
    books.set(`${subaccount}\u0000${ticker}`, book);
    if (list) list.push(book);
    else booksOfTicker.set(ticker, [book]);
    return book;
  };

  let lastDayNumber = NaN;
  let lastDay: PnlDay | undefined;
  const dayOf = (ts: number): PnlDay => {
    const n = Math.floor(ts / DAY);
    if (n === lastDayNumber) return lastDay!;
    lastDayNumber = n;
    let day = days.get(n);
    if (!day) days.set(n, (day = { day: dayName(n), realizedGross: 0n, fees: 0n }));
    lastDay = day;
    return day;
  };
  const monthKeys = new Map<PnlDay, string>();
  const monthOf = (book: Book, ts: number) => {
    const day = dayOf(ts);
    let key = monthKeys.get(day);
    if (key === undefined) monthKeys.set(day, (key = day.day.slice(0, 7)));
    let month = book.figures.months.get(key);
    if (!month) book.figures.months.set(key, (month = { realizedGross: 0n, fees: 0n, estimatedFees: 0n, closedCount: 0n }));
    return month;
  };

  const addFee = (book: Book, ts: number, fee: bigint, estimated: boolean) => {
    if (fee === 0n || !inPeriod(ts)) return;
    book.figures.fees += fee;
    dayOf(ts).fees += fee;
    const month = monthOf(book, ts);
    month.fees += fee;
    if (estimated) {
      book.figures.estimatedFees += fee;
      month.estimatedFees += fee;
    }
  };

  const realize = (book: Book, side: 'yes' | 'no', piece: Taken, proceeds: bigint, closeFee: bigint, ts: number, closedBy: ClosedLot['closedBy']) => {
    const gross = proceeds - piece.cost;
    book.allRealized += gross;
    if (!inPeriod(ts)) return;
    book.figures.realizedGross += gross;
    book.figures.closedCount += piece.count;
    dayOf(ts).realizedGross += gross;
    const month = monthOf(book, ts);
    month.realizedGross += gross;
    month.closedCount += piece.count;
    if (options.lots) {
      const fees = piece.fee + closeFee;
      const lot: ClosedLot = {
        subaccount: book.subaccount,
        ticker: book.ticker,
        side,
        acquired: piece.acquired,
        disposed: ts,
        count: piece.count,
        proceeds,
        cost: piece.cost,
        fees,
        gain: proceeds - piece.cost - fees,
        closedBy,
        feesEstimated: false,
      };
      closedLots.push(lot);
      book.lots.push(lot);
    }
  };

  const snapshot = (atEnd: boolean) => {
    openLots = [];
    for (const book of books.values()) {
      const mark = atEnd ? markOf(markets.get(book.ticker)) : undefined;
      book.figures.position = book.yes.count - book.no.count;
      for (const side of ['yes', 'no'] as const) {
        for (const lot of book[side].openLots()) {
          const value = mark ? amount(lot.count, side === 'yes' ? mark.price : MICROS_PER_DOLLAR - mark.price) : lot.cost;
          openLots.push({ subaccount: book.subaccount, ticker: book.ticker, side, acquired: lot.acquired, count: lot.count, cost: lot.cost, value, mark: mark?.source ?? 'cost' });
          book.figures.openCost += lot.cost;
          book.figures.unrealized += value - lot.cost;
        }
      }
    }
  };

  let nextSettlement = 0;
  const settle = ({ s, ts }: { s: PnlSettlement; ts: number }) => {
    const revenue = centsToMicros(s.revenue);
    settlementRevenue += revenue;
    const subaccount = s.subaccount_number ?? 0;
    revenueBySubaccount.set(subaccount, (revenueBySubaccount.get(subaccount) ?? 0n) + revenue);
    if (settledTickers.has(s.ticker)) return; // the market's other subaccounts' rows: its books are already closed
    settledTickers.add(s.ticker);
    const price = settlementPrice(s);
    if (price === undefined) {
      warnings.push(`settlement of ${s.ticker} (result ${s.market_result}) has no value: its open lots stay open`);
      return;
    }
    for (const book of booksOfTicker.get(s.ticker) ?? []) {
      book.yes.close(book.yes.count, (piece) => realize(book, 'yes', piece, amount(piece.count, price), 0n, ts, 'settlement'));
      book.no.close(book.no.count, (piece) => realize(book, 'no', piece, amount(piece.count, MICROS_PER_DOLLAR - price), 0n, ts, 'settlement'));
    }
  };
  /** Everything that happened before `ts`: settlements, and the period's end. */
  const advanceTo = (ts: number, inclusive: boolean) => {
    while (nextSettlement < settlements.length && (inclusive ? settlements[nextSettlement]!.ts <= ts : settlements[nextSettlement]!.ts < ts)) {
      const next = settlements[nextSettlement++]!;
      if (openLots === undefined && until !== undefined && next.ts > until) snapshot(false);
      settle(next);
    }
    if (openLots === undefined && until !== undefined && ts > until) snapshot(false);
  };

  const fees = new Memo(parseDollars);
  // The effect depends on four fields only: looked up by them, one map per field, so nothing is built per fill.
  const effects = new Map<string | undefined, Map<string | undefined, Map<string, Map<string, FillEffect>>>>();
  let effectCount = 0;
  const effectOf = (fill: Fill): FillEffect => {
    if (!cacheable(fill)) return fillEffect(fill);
    let byBook = effects.get(fill.outcome_side);
    if (!byBook) effects.set(fill.outcome_side, (byBook = new Map()));
    let byPrice = byBook.get(fill.book_side);
    if (!byPrice) byBook.set(fill.book_side, (byPrice = new Map()));
    let byCount = byPrice.get(fill.yes_price_dollars);
    if (!byCount) byPrice.set(fill.yes_price_dollars, (byCount = new Map()));
    let effect = byCount.get(fill.count_fp);
    if (!effect) {
      effect = fillEffect(fill);
      if (++effectCount > 200_000) {
        effects.clear();
        effectCount = 0;
      } else byCount.set(fill.count_fp, effect);
    }
    return effect;
  };
  let fillCount = 0;
  let lastTs = -Infinity;
  for (const fill of input.fills) {
    const ts = fillTime(fill);
    if (ts < lastTs) throw new KalshiInputError(`fills must come oldest first: fill ${fill.fill_id} (${ts}) follows one at ${lastTs} (sort them with oldestFirst)`);
    lastTs = ts;
    advanceTo(ts, false);
    fillCount++;
    const book = bookOf(fill.subaccount_number ?? 0, fill.ticker);
    if (settledTickers.has(fill.ticker)) warnings.push(`fill ${fill.fill_id} in ${fill.ticker} comes after its settlement`);
    let effect: FillEffect;
    try {
      effect = effectOf(fill);
    } catch (error) {
      if (error instanceof KalshiInputError) throw new KalshiInputError(`fill ${String(fill.fill_id)} in ${String(fill.ticker)}: ${error.message}`, { cause: error });
      throw error;
    }
    const count = effect.signedCount < 0n ? -effect.signedCount : effect.signedCount;
    const feeText = fill.fee_cost as string | undefined;
    const fee = feeText === undefined ? 0n : fees.get(feeText);
    // Archived fills from before Kalshi filled in `fee_cost` carry 0, and which archived fills those are
    // is no date we can know; a zero fee counts as unknown, estimated only where the market's
    // fees_paid_dollars exceeds the fees the fills do carry (reconcile.ts).
    if (feeText === undefined || fee === 0n) book.feeless.push({ ts, count });
    book.allKnownFees += fee;
    addFee(book, ts, fee, false);

    const own = effect.direction === 'yes' ? book.yes : book.no;
    const other = effect.direction === 'yes' ? book.no : book.yes;
    const otherSide = effect.direction === 'yes' ? 'no' : 'yes';
    // The other side's price at this trade: what a netted contract of it is sold for.
    const otherPrice = MICROS_PER_DOLLAR - effect.pricePaidMicros;
    let feeLeft = fee;
    let countLeft = count;
    let closed = 0n;
    if (book.netting && other.count > 0n) {
      closed = other.close(count, (piece) => {
        const closeFee = (feeLeft * piece.count) / countLeft;
        feeLeft -= closeFee;
        countLeft -= piece.count;
        realize(book, otherSide, piece, amount(piece.count, otherPrice), closeFee, ts, 'fill');
      });
    }
    const rest = count - closed;
    own.open(rest, amount(rest, effect.pricePaidMicros), feeLeft, ts);
    book.fillCash += amount(closed, otherPrice) - amount(rest, effect.pricePaidMicros);
  }
  advanceTo(Infinity, true);
  if (openLots === undefined) snapshot(true);

  const reconciliation = reconcile({ input, books, revenueBySubaccount, estimate: (book, estimate) => spreadEstimate(book, estimate) });

  function spreadEstimate(book: Book, estimate: bigint) {
    const total = book.feeless.reduce((sum, f) => sum + f.count, 0n);
    let left = estimate;
    let countLeft = total;
    for (const f of book.feeless) {
      const share = countLeft === 0n ? 0n : (left * f.count) / countLeft;
      left -= share;
      countLeft -= f.count;
      addFee(book, f.ts, share, true);
    }
    for (const lot of book.lots) lot.feesEstimated = true;
  }

  const totals = emptyFigures();
  const marketList: MarketPnl[] = [];
  for (const book of books.values()) {
    const f = book.figures;
    f.realizedNet = f.realizedGross - f.fees;
    f.total = f.realizedNet + f.unrealized;
    if (f.realizedGross === 0n && f.fees === 0n && f.openCost === 0n && f.closedCount === 0n && f.position === 0n) continue;
    marketList.push(f);
    addFigures(totals, f);
  }
  return {
    method,
    since,
    until,
    totals,
    markets: marketList,
    days: [...days.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d),
    closedLots,
    openLots: openLots ?? [],
    reconciliation,
    fillCount,
    warnings,
  };
}

/** Adds `b` into `a`. */
export function addFigures(a: PnlFigures, b: PnlFigures): void {
  a.realizedGross += b.realizedGross;
  a.fees += b.fees;
  a.estimatedFees += b.estimatedFees;
  a.realizedNet += b.realizedNet;
  a.unrealized += b.unrealized;
  a.openCost += b.openCost;
  a.total += b.total;
  a.closedCount += b.closedCount;
}

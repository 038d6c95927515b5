/**
 * The account's trading as one consistent history: per (subaccount, market) a sequence of orders
 * and their fills, replayed through book.ts, from which the market position, the settlement row
 * and the cash each fill and settlement moved all follow. Nothing here is drawn independently of
 * the fills: a position is what its fills left, a settlement closes what was still held, and its
 * revenue is what those contracts paid.
 *
 * What a history looks like (so every case a P&L or reconciliation tool meets is there):
 * - settled markets: held into the settlement (a row with the contracts held and the revenue they
 *   paid), or closed out before it (a row with no contracts and revenue 0); results yes, no and
 *   scalar (a scalar market is traded in whole contracts, so its payout is whole cents);
 * - markets not settled yet: a position held, or closed out (flat, with fills), or only resting
 *   orders (flat, no fills);
 * - orders that add, close part of a position, close all of it, or cross it (a `yes` fill larger
 *   than the NO held closes all NO and opens YES);
 * - subaccount NETTING_OFF_SUBACCOUNT has netting off: it holds YES and NO lots side by side;
 * - fills more than FEELESS_AFTER_DAYS old, in about half of those markets, stand for fills from
 *   before Kalshi added `fee_cost`: they carry "0.000000" and the market's `fees_paid_dollars` is
 *   the only record of the fees (the cash paid them all the same);
 * - the legacy `side`/`action` follow Kalshi's four-row table (buy+yes or sell+no for a `yes`
 *   fill, buy+no or sell+yes for a `no` fill: a close is usually clicked as a sell), and about a
 *   fifth of the orders after LEGACY_OPTIONAL_FROM leave them out, as Kalshi may.
 */

import { type Book, type Direction, applyFill, newBook, positionOf, positionRow, settleBook } from './book.js';
import type { CatalogEvent, CatalogMarket } from './catalog.js';
import type { MarketPositionEntry, SettlementEntry } from './dataset-types.js';
import { MAKER_FEE_RATE, TAKER_FEE_RATE, tradingFee } from './fees.js';
import { type GenContext, pickSubaccount, randomCount } from './generation.js';
import { type Rng, chance, pick, randInt, seededUuid, weighted } from './prng.js';
import { DAY_US, HOUR_US, SECOND_US, formatTime, unixSeconds } from './time.js';
import { MICROS_PER_CENT, MICROS_PER_DOLLAR, wireCount, wireDollars } from './wire-money.js';
import type { Fill, Settlement } from './wire-types.js';

/** The numbered subaccount whose netting is off (on every shard); every other has it on. */
export const NETTING_OFF_SUBACCOUNT = 2;

/** Fills at least this old may predate `fee_cost` (see the top). */
const FEELESS_AFTER_DAYS = 120;

/** Kalshi said the legacy fields stay until mid-May 2026; after that some answers lack them. */
const LEGACY_OPTIONAL_FROM_US = Date.UTC(2026, 4, 15) * 1000;

/** Half a cent: some markets trade at sub-penny prices. */
const SUBPENNY_MICROS = 5_000n;

const ZERO_FEE = wireDollars(0n, 6);

/** One instant at which a subaccount's cash on one shard moved (fill or settlement). */
export interface CashMove {
  subaccount: number;
  exchangeIndex: number;
  /** Epoch microseconds. */
  atUs: number;
  micros: bigint;
}

export interface History {
  /** In the order made (the dataset sorts them). */
  fills: Fill[];
  settlements: SettlementEntry[];
  marketPositions: MarketPositionEntry[];
  /** Every cash movement of the trading, per fill and settlement. */
  cashMoves: CashMove[];
}

export interface HistorySizes {
  fills: number;
  /** Settled (subaccount, market) histories, each with a settlement row. */
  settlements: number;
  /** Position records in markets not settled yet (some only with resting orders). */
  marketPositions: number;
}

type Kind = 'settled' | 'open' | 'resting';

interface Plan {
  subaccount: number;
  event: CatalogEvent;
  market: CatalogMarket;
  kind: Kind;
}

const isNetting = (subaccount: number) => subaccount !== NETTING_OFF_SUBACCOUNT;

/** When a market could be traded within the history: from its opening (or the window's start) to before it closed or settled (or now), epoch µs. */
function window(market: CatalogMarket, ctx: GenContext): [number, number] {
  const lo = Math.max(market.openUs, ctx.fromUs);
  const hi = Math.min(market.closeUs, market.settleUs, ctx.nowUs) - 1;
  return [lo, hi];
}

/** Which (subaccount, market) histories exist, interleaved in the order drawn. */
function planBooks(ctx: GenContext, sizes: HistorySizes): Plan[] {
  const { rng, catalog, nowUs, fromUs } = ctx;
  const tradable = (e: CatalogEvent) => {
    const [lo, hi] = window(e.markets[0]!, ctx);
    return hi - lo >= HOUR_US;
  };
  const settled = (e: CatalogEvent) => e.settleUs <= nowUs && tradable(e);
  const unsettled = (e: CatalogEvent) => e.settleUs > nowUs && tradable(e);
  const openNow = (e: CatalogEvent) => e.openUs < nowUs - 60 * SECOND_US && e.closeUs > nowUs;
  const held = new Set<string>();
  const eventsBySub = new Map<number, CatalogEvent[]>();
  const plans: Plan[] = [];
  let settledLeft = sizes.settlements;
  let openLeft = sizes.marketPositions;
  let misses = 0;
  let scalarPlanned = false;
  while ((settledLeft > 0 || openLeft > 0) && misses < 1_000) {
    const total = settledLeft + openLeft;
    const wantSettled = rng() * total < settledLeft;
    const kind: Kind = wantSettled ? 'settled' : chance(rng, 0.15) ? 'resting' : 'open';
    const accept = kind === 'settled' ? settled : kind === 'resting' ? openNow : unsettled;
    const subaccount = pickSubaccount(rng);
    const mine = eventsBySub.get(subaccount) ?? [];
    const free = (e: CatalogEvent) => e.markets.filter((m) => !held.has(`${subaccount}/${m.ticker}`));
    // Often a second market of an event already held, so events group several markets.
    let event: CatalogEvent | undefined;
    if (chance(rng, 0.45)) {
      const candidates = mine.filter((e) => accept(e) && free(e).length > 0);
      if (candidates.length > 0) event = pick(rng, candidates);
    }
    if (!event) {
      // The first settled history is a scalar market when the catalog has one, so every account shows all three results.
      const scalarFirst = kind === 'settled' && !scalarPlanned ? scalarEvent(ctx, settled) : undefined;
      event = scalarFirst ?? (kind === 'settled'
        ? catalog.randomEvent(rng, fromUs, nowUs, settled)
        : catalog.randomEvent(rng, nowUs - 60 * DAY_US, nowUs + 20 * DAY_US, accept));
      if (!mine.includes(event)) eventsBySub.set(subaccount, [...mine, event]);
    }
    if (kind === 'settled') scalarPlanned = true;
    const options = free(event);
    if (options.length === 0) {
      misses++;
      continue;
    }
    const market = pick(rng, options);
    held.add(`${subaccount}/${market.ticker}`);
    ctx.used.set(market.ticker, market);
    plans.push({ subaccount, event, market, kind });
    if (wantSettled) settledLeft--;
    else openLeft--;
  }
  return plans;
}

/** A settled event of scalar markets, if the catalog has one in the window. */
function scalarEvent(ctx: GenContext, settled: (e: CatalogEvent) => boolean): CatalogEvent | undefined {
  try {
    return ctx.catalog.randomEvent(ctx.rng, ctx.fromUs, ctx.nowUs, (e) => settled(e) && e.markets.some((m) => m.result === 'scalar'));
  } catch {
    return undefined;
  }
}

/** Fills per traded history: at least one each, the rest spread unevenly; histories beyond the fills are dropped. */
function fillQuotas(rng: Rng, traded: number, fills: number): number[] {
  const n = Math.min(traded, fills);
  const weights = Array.from({ length: n }, () => 0.15 + rng() ** 2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const extra = fills - n;
  const quotas = weights.map((w) => 1 + Math.floor((extra * w) / sum));
  let left = fills - quotas.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % n, left--) quotas[i]!++;
  return quotas;
}

export function makeHistory(ctx: GenContext, sizes: HistorySizes): History {
  const plans = planBooks(ctx, sizes);
  const tradedPlans = plans.filter((p) => p.kind !== 'resting');
  const quotas = fillQuotas(ctx.rng, tradedPlans.length, sizes.fills);
  const history: History = { fills: [], settlements: [], marketPositions: [], cashMoves: [] };
  let traded = 0;
  for (const plan of plans) {
    if (plan.kind === 'resting') {
      history.marketPositions.push(restingOnly(ctx, plan));
      continue;
    }
    const quota = quotas[traded++];
    if (quota === undefined) continue;
    tradeBook(ctx, plan, quota, history);
  }
  return history;
}

/** A position with resting orders only: nothing traded, nothing held. */
function restingOnly(ctx: GenContext, plan: Plan): MarketPositionEntry {
  const { rng, nowUs } = ctx;
  const updatedUs = Math.max(plan.market.openUs, nowUs - randInt(rng, 60, 3 * 86_400) * SECOND_US - randInt(rng, 0, 999) * 1_000);
  return entry(plan, newBook(isNetting(plan.subaccount)), updatedUs, randInt(rng, 1, 3), false);
}

function entry(plan: Plan, book: Book, updatedUs: number, resting: number, settled: boolean): MarketPositionEntry {
  const position = positionRow(book, plan.market, updatedUs, resting);
  return {
    subaccount: plan.subaccount,
    event_ticker: plan.event.eventTicker,
    event_close_ts: unixSeconds(plan.event.closeUs),
    settled,
    position,
  };
}

/** An order's size and what the user clicked, given what the book holds. */
interface OrderChoice {
  direction: Direction;
  /** Hundredths for the whole order; undefined: each piece draws its own. */
  total: bigint | undefined;
  clicked: { side: 'yes' | 'no'; action: 'buy' | 'sell' };
}

const opposite = (d: Direction): Direction => (d === 'yes' ? 'no' : 'yes');

/** What a user clicked for a fill of `direction`: a sell of the other outcome when `selling`. */
function clickedFor(direction: Direction, selling: boolean): OrderChoice['clicked'] {
  return selling ? { side: opposite(direction), action: 'sell' } : { side: direction, action: 'buy' };
}

function chooseOrder(rng: Rng, book: Book, whole: boolean, closeOut: boolean): OrderChoice {
  const position = positionOf(book);
  const count = (max: number) => BigInt(whole ? randInt(rng, 1, max) * 100 : randomCount(rng, max));
  if (!book.netting) {
    // Both sides are held side by side: an order buys one of them (now and then clicked as a sell of the other).
    const direction: Direction = chance(rng, 0.55) ? 'yes' : 'no';
    return { direction, total: undefined, clicked: clickedFor(direction, chance(rng, 0.1)) };
  }
  if (position === 0n) {
    const direction: Direction = chance(rng, 0.55) ? 'yes' : 'no';
    return { direction, total: undefined, clicked: clickedFor(direction, chance(rng, 0.1)) };
  }
  const heldDirection: Direction = position > 0n ? 'yes' : 'no';
  const held = position > 0n ? position : -position;
  const closing = opposite(heldDirection);
  if (closeOut) return { direction: closing, total: held, clicked: clickedFor(closing, chance(rng, 0.8)) };
  const what = weighted(rng, [['add', 35], ['partial', 30], ['all', 15], ['cross', 20]] as const);
  if (what === 'add') return { direction: heldDirection, total: undefined, clicked: clickedFor(heldDirection, chance(rng, 0.1)) };
  let total: bigint;
  if (what === 'partial' && held >= 200n) {
    total = BigInt(randInt(rng, 1, Number(held / 100n) - 1)) * 100n;
  } else if (what === 'partial' && held > 100n && !whole) {
    total = held - 50n;
  } else if (what === 'cross') {
    total = held + count(20);
  } else {
    total = held;
  }
  // Closing is mostly clicked as a sell of what is held; crossing as a buy of the other side.
  return { direction: closing, total, clicked: clickedFor(closing, what === 'cross' ? chance(rng, 0.2) : chance(rng, 0.8)) };
}

/** Splits `total` hundredths into at most `pieces` parts of whole contracts (the first takes any fraction). */
function split(rng: Rng, total: bigint, pieces: number): bigint[] {
  const wholes = Number(total / 100n);
  const parts = Math.max(1, Math.min(pieces, wholes));
  if (parts === 1) return [total];
  const cuts = new Set<number>();
  while (cuts.size < parts - 1) cuts.add(randInt(rng, 1, wholes - 1));
  const marks = [0, ...[...cuts].sort((a, b) => a - b), wholes];
  const sizes = marks.slice(1).map((m, i) => BigInt(m - marks[i]!) * 100n);
  sizes[0]! += total - BigInt(wholes) * 100n;
  return sizes;
}

/** Plays one (subaccount, market) history of `quota` fills into `history`. */
function tradeBook(ctx: GenContext, plan: Plan, quota: number, history: History): void {
  const { rng, nowUs } = ctx;
  const { market, subaccount } = plan;
  const book = newBook(isNetting(subaccount));
  const whole = market.result === 'scalar';
  const [lo, hi] = window(market, ctx);
  const feeless = hi < nowUs - FEELESS_AFTER_DAYS * DAY_US && chance(rng, 0.5);
  const subpenny = chance(rng, 0.08) ? SUBPENNY_MICROS : 0n;
  // Kinds of ending: settled markets held into the settlement or closed out before; others held or flat.
  const closeOutAtEnd = quota >= 2 && chance(rng, plan.kind === 'settled' ? 0.3 : 0.25);
  // Distinct, increasing instants, one per fill.
  const times = Array.from({ length: quota }, () => lo + Math.floor(rng() * (hi - lo)));
  times.sort((a, b) => a - b);
  for (let i = 1; i < times.length; i++) if (times[i]! <= times[i - 1]!) times[i] = times[i - 1]! + 1;

  let cents = randInt(rng, 5, 95);
  let made = 0;
  while (made < quota) {
    const left = quota - made;
    const closeOut = closeOutAtEnd && left === 1 && positionOf(book) !== 0n;
    const choice = chooseOrder(rng, book, whole, closeOut);
    const pieces = closeOut ? 1 : Math.min(left, weighted(rng, [[1, 60], [2, 22], [3, 12], [4, 6]] as const));
    const sizes = choice.total === undefined
      ? Array.from({ length: pieces }, () => BigInt(whole ? randInt(rng, 1, 40) * 100 : randomCount(rng, 40)))
      : split(rng, choice.total, pieces);
    cents = Math.min(98, Math.max(2, cents + randInt(rng, -6, 6)));
    const orderId = seededUuid(rng);
    const isTaker = chance(rng, 0.6);
    const makerPays = chance(rng, 0.25);
    const legacy = times[made]! >= LEGACY_OPTIONAL_FROM_US && chance(rng, 0.2) ? undefined : choice.clicked;
    for (const count of sizes) {
      const atUs = times[made++]!;
      if (chance(rng, 0.3)) cents = Math.min(98, Math.max(2, cents + (chance(rng, 0.5) ? 1 : -1)));
      const yesPrice = BigInt(cents) * MICROS_PER_CENT + subpenny;
      const paid = choice.direction === 'yes' ? yesPrice : MICROS_PER_DOLLAR - yesPrice;
      const fee = isTaker ? tradingFee(Number(count), paid, TAKER_FEE_RATE) : makerPays ? tradingFee(Number(count), paid, MAKER_FEE_RATE) : 0n;
      const { cash } = applyFill(book, { direction: choice.direction, count, yesPrice, fee });
      history.cashMoves.push({ subaccount, exchangeIndex: market.exchangeIndex, atUs, micros: cash });
      const fillId = seededUuid(rng);
      history.fills.push({
        fill_id: fillId,
        trade_id: fillId,
        order_id: orderId,
        ticker: market.ticker,
        market_ticker: market.ticker,
        exchange_index: market.exchangeIndex,
        ...legacy,
        outcome_side: choice.direction,
        book_side: choice.direction === 'yes' ? 'bid' : 'ask',
        count_fp: wireCount(count),
        yes_price_dollars: wireDollars(yesPrice, 4),
        no_price_dollars: wireDollars(MICROS_PER_DOLLAR - yesPrice, 4),
        is_taker: isTaker,
        created_time: formatTime(atUs, 6),
        fee_cost: feeless ? ZERO_FEE : wireDollars(fee, 6),
        subaccount_number: subaccount,
        ts: unixSeconds(atUs),
      });
    }
  }

  const lastFillUs = times[quota - 1]!;
  if (plan.kind === 'settled') {
    const settlement = settle(book, market);
    history.settlements.push({ subaccount, settlement });
    history.cashMoves.push({ subaccount, exchangeIndex: market.exchangeIndex, atUs: market.settleUs, micros: BigInt(settlement.revenue) * MICROS_PER_CENT });
    history.marketPositions.push(entry(plan, book, market.settleUs, 0, true));
  } else {
    const resting = market.closeUs > nowUs ? weighted(rng, [[0, 60], [1, 20], [2, 12], [3, 8]] as const) : 0;
    history.marketPositions.push(entry(plan, book, lastFillUs, resting, false));
  }
}

/** The settlement row: what was still held, what it cost, what it paid (whole cents: see the top). */
function settle(book: Book, market: CatalogMarket): Settlement {
  const closed = settleBook(book, market.value);
  return {
    ticker: market.ticker,
    exchange_index: market.exchangeIndex,
    event_ticker: market.eventTicker,
    market_result: market.result,
    yes_count_fp: wireCount(closed.yesCount),
    yes_total_cost_dollars: wireDollars(closed.yesCost, 2),
    no_count_fp: wireCount(closed.noCount),
    no_total_cost_dollars: wireDollars(closed.noCost, 2),
    revenue: Number(closed.payout / MICROS_PER_CENT),
    settled_time: formatTime(market.settleUs, 0),
    // The market's trading fees, as Kalshi's rows were observed to carry (not a fee of its own).
    fee_cost: wireDollars(book.feesPaid, 4),
    value: market.value,
  };
}

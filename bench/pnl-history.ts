/**
 * A generated trading history of any size for the P&L bench and the report's tests: markets that
 * open, trade at a random-walk price and settle in turn, with buys, sells, netting, fees and
 * settlements. Fills are made one at a time (oldest first), so a million never sit in memory.
 */
import type { Fill, Settlement } from '../generated/schema.js';
import type { PnlInput } from '../src/pnl/types.js';
import { mulberry32 } from '../src/testing/data/prng.js';
import { settlement } from '../test/pnl/history.js';

const SERIES = ['KXHIGHNY', 'KXFED', 'KXBTCD', 'KXNBAGAME', 'KXCPI', 'KXRAINNYC', 'KXEURUSD'];
/** Markets trading at once. */
const POOL = 8;

export interface HistoryShape {
  fills: number;
  seed: number;
  /** First fill, Unix seconds. */
  start: number;
  /** Seconds between fills. */
  step: number;
  /** Fills per market turn: every this many fills the oldest market settles and a new one opens. */
  turn: number;
}

function tickerOf(m: number): string {
  const series = SERIES[m % SERIES.length]!;
  return `${series}-${String(26000 + m)}-T${(m * 7) % 100}`;
}

const CENTS = Array.from({ length: 101 }, (_, n) => (n / 100).toFixed(2));
const cents = (n: number) => CENTS[n]!;
const COUNTS = Array.from({ length: 21 }, (_, n) => `${n}.00`);

/**
 * The fills; with `settlements`, also fills in each settlement's revenue (whole contracts held at
 * settlement × the payout) as the fills before it go by, the way Kalshi's cash moves.
 */
export function* generatedFills(shape: HistoryShape, settlements?: Settlement[]): Generator<Fill, void, undefined> {
  const random = mulberry32(shape.seed);
  const price = new Map<number, number>();
  /** Contracts held per market and subaccount: [YES, NO]. */
  const held = new Map<string, [number, number]>();
  for (let i = 0; i < shape.fills; i++) {
    if (settlements && i % shape.turn === 0 && i / shape.turn >= POOL) {
      const m = i / shape.turn - POOL;
      const settlement = settlements[m];
      if (settlement) {
        let cents = 0;
        for (const subaccount of [0, 1]) {
          const [yes, no] = held.get(`${subaccount}/${m}`) ?? [0, 0];
          cents += settlement.market_result === 'yes' ? yes * 100 : no * 100;
          held.delete(`${subaccount}/${m}`);
        }
        settlement.revenue = cents;
      }
    }
    const newest = Math.floor(i / shape.turn);
    const m = Math.max(0, newest - Math.floor(random() * POOL));
    let p = price.get(m) ?? 20 + Math.floor(random() * 60);
    p = Math.min(98, Math.max(2, p + Math.floor(random() * 7) - 3));
    price.set(m, p);
    if (price.size > POOL * 2) price.delete(newest - POOL * 2);
    const direction = random() < 0.5 ? 'yes' : 'no';
    const count = 1 + Math.floor(random() * 20);
    // Kalshi's taker fee, 0.07 × C × P × (1 − P), rounded up to $0.0001; a few old fills lack it.
    const feeCentiCents = Math.ceil((7 * count * p * (100 - p)) / 100);
    const ts = shape.start + i * shape.step;
    const subaccount = i % 10 === 0 ? 1 : 0;
    if (settlements) {
      const key = `${subaccount}/${m}`;
      const pos = held.get(key) ?? [0, 0];
      const [own, other] = direction === 'yes' ? [0, 1] : [1, 0];
      // Subaccount 1 holds both sides (netting off); the primary nets them.
      const netted = subaccount === 1 ? 0 : Math.min(pos[other]!, count);
      pos[other]! -= netted;
      pos[own]! += count - netted;
      held.set(key, pos);
    }
    const id = `g${shape.seed}-${i}`;
    yield {
      fill_id: id,
      trade_id: id,
      order_id: `o${shape.seed}-${i}`,
      exchange_index: 0,
      ticker: tickerOf(m),
      market_ticker: tickerOf(m),
      outcome_side: direction,
      book_side: direction === 'yes' ? 'bid' : 'ask',
      count_fp: COUNTS[count]!,
      yes_price_dollars: cents(p),
      no_price_dollars: cents(100 - p),
      is_taker: true,
      fee_cost: `${Math.floor(feeCentiCents / 10_000)}.${String(feeCentiCents % 10_000).padStart(4, '0')}`,
      subaccount_number: subaccount,
      ts,
    };
  }
}

/** The settlements of the markets whose turn ended within the history: each just before the fill that replaces it. */
export function generatedSettlements(shape: HistoryShape): Settlement[] {
  const random = mulberry32(shape.seed ^ 0x5eed);
  const settlements: Settlement[] = [];
  const turns = Math.floor(shape.fills / shape.turn);
  for (let m = 0; m + POOL <= turns; m++) {
    const ts = shape.start + (m + POOL) * shape.turn * shape.step - 1;
    const ticker = tickerOf(m);
    const result: 'yes' | 'no' = random() < 0.5 ? 'yes' : 'no';
    // Its revenue is filled in as the fills before it go by (generatedFills).
    settlements.push(settlement(ticker, result, ts, 0));
  }
  return settlements;
}

/** A whole history: fills, settlements, one deposit, and the last price of each market still trading. */
export function generatedHistory(shape: HistoryShape): PnlInput {
  const turns = Math.floor(shape.fills / shape.turn);
  const markets = [];
  for (let m = Math.max(0, turns - POOL + 1); m <= turns; m++) markets.push({ ticker: tickerOf(m), last_price_dollars: cents(10 + ((m * 37) % 80)) });
  const settlements = generatedSettlements(shape);
  return {
    fills: { [Symbol.iterator]: () => generatedFills(shape, settlements) },
    settlements,
    deposits: [{ id: 'd1', status: 'applied', type: 'ach', amount_cents: 500_000, fee_cents: 0, created_ts: shape.start - 86_400 }],
    netting: [{ subaccount_number: 1, enabled: false, exchange_index: 0 }],
    markets,
  };
}

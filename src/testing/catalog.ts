/**
 * The market universe behind the fake's data: series, their events and
 * markets with Kalshi-style tickers, trading windows and outcomes.
 *
 * Events are made lazily and deterministically: an event is a function of
 * (seed, series, slot), where a slot is a day or a month, so the same ticker
 * always has the same markets, times and result whatever asked for it first.
 */

import { MICROS_PER_DAY, MICROS_PER_SECOND } from './time.js';
import { type Rng, chance, pick, randInt, seededHex, subRng } from './prng.js';

const HOUR = 3_600 * MICROS_PER_SECOND;
const MINUTE = 60 * MICROS_PER_SECOND;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export interface CatalogMarket {
  ticker: string;
  eventTicker: string;
  seriesTicker: string;
  exchangeIndex: number;
  openUs: number;
  closeUs: number;
  settleUs: number;
  result: 'yes' | 'no' | 'scalar';
  /** Payout of one YES contract in cents. */
  value: number;
}

export interface CatalogEvent {
  eventTicker: string;
  seriesTicker: string;
  exchangeIndex: number;
  openUs: number;
  closeUs: number;
  settleUs: number;
  markets: CatalogMarket[];
}

interface Timing {
  openUs: number;
  closeUs: number;
  settleUs: number;
}

interface MarketDraft {
  suffix: string;
  result: 'yes' | 'no' | 'scalar';
  value: number;
}

interface SeriesDef {
  ticker: string;
  exchangeIndex: number;
  /** Relative share of activity. */
  weight: number;
  /** 'day': slot = days since epoch; 'game': slot = day * 4 + game number; 'month': months since epoch. */
  cadence: 'day' | 'game' | 'month';
  build(rng: Rng, slot: number): { eventCode: string; timing: Timing; markets: MarketDraft[] };
}

// ------------------------------------------------------------ date codes

function dayStartUs(day: number): number {
  return day * MICROS_PER_DAY;
}

/** "26NOV27" for 2026-11-27. */
function dayCode(day: number): string {
  const d = new Date(day * 86_400_000);
  const yy = String(d.getUTCFullYear() % 100).padStart(2, '0');
  return `${yy}${MONTHS[d.getUTCMonth()]}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** "26NOV" for month index of November 2026. */
function monthCode(month: number): string {
  const yy = String((1970 + Math.floor(month / 12)) % 100).padStart(2, '0');
  return `${yy}${MONTHS[month % 12]}`;
}

function monthStartUs(month: number): number {
  return Date.UTC(1970 + Math.floor(month / 12), month % 12, 1) * 1000;
}

function monthOfDay(day: number): number {
  const d = new Date(day * 86_400_000);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

// ------------------------------------------------------------ market ladders

/** Mutually exclusive outcomes: exactly one is YES. */
function exclusive(suffixes: string[], winner: number): MarketDraft[] {
  return suffixes.map((suffix, i) => ({ suffix, result: i === winner ? 'yes' : 'no', value: i === winner ? 100 : 0 }));
}

/** "Above strike" markets: YES for every strike below the outcome. */
function thresholds(strikes: number[], outcome: number, label: (s: number) => string): MarketDraft[] {
  return strikes.map((s) => {
    const yes = outcome > s;
    return { suffix: label(s), result: yes ? 'yes' : 'no', value: yes ? 100 : 0 };
  });
}

const NORMAL_HIGHS: Record<string, number[]> = {
  NY: [39, 42, 50, 62, 72, 80, 85, 84, 77, 65, 54, 44],
  CHI: [32, 36, 47, 59, 70, 80, 84, 82, 75, 62, 48, 36],
  MIA: [76, 78, 80, 83, 87, 90, 91, 91, 89, 86, 82, 78],
  AUS: [62, 66, 73, 80, 87, 93, 96, 97, 91, 82, 71, 63],
};

/** Daily high temperature: two tails and four two-degree brackets ("B45.5" = 45–46°F). */
function temperatureSeries(ticker: string, city: string, weight: number): SeriesDef {
  return {
    ticker, exchangeIndex: 0, weight, cadence: 'day',
    build(rng, day) {
      const normal = NORMAL_HIGHS[city]![new Date(day * 86_400_000).getUTCMonth()]!;
      const forecast = normal + randInt(rng, -6, 6);
      const low = forecast - 4;
      const actual = forecast + randInt(rng, -6, 6);
      const suffixes = [`T${low - 1}`];
      for (let k = 0; k < 4; k++) suffixes.push(`B${low + 2 * k}.5`);
      suffixes.push(`T${low + 8}`);
      const winner = actual < low ? 0 : actual >= low + 8 ? 5 : 1 + Math.floor((actual - low) / 2);
      const closeUs = dayStartUs(day + 1) + 5 * HOUR; // local midnight, New York
      return {
        eventCode: dayCode(day),
        timing: { openUs: dayStartUs(day - 1) + 14 * HOUR, closeUs, settleUs: closeUs + randInt(rng, 120, 840) * MINUTE },
        markets: exclusive(suffixes, winner),
      };
    },
  };
}

/** Daily crypto price at 5pm New York: five "above" strikes ("T97499.99"). */
function cryptoSeries(ticker: string, center: number, swing: number, period: number, step: number, weight: number): SeriesDef {
  return {
    ticker, exchangeIndex: 2, weight, cadence: 'day',
    build(rng, day) {
      const level = center + swing * Math.sin(day / period);
      const base = Math.round(level / step) * step;
      const strikes = [-2, -1, 0, 1, 2].map((k) => base + k * step - 0.01);
      const outcome = level * (1 + (rng() - 0.5) * 0.06);
      const closeUs = dayStartUs(day) + 21 * HOUR;
      return {
        eventCode: `${dayCode(day)}17`,
        timing: { openUs: closeUs - 24 * HOUR, closeUs, settleUs: closeUs + randInt(rng, 1, 20) * MINUTE },
        markets: thresholds(strikes, outcome, (s) => `T${s.toFixed(2)}`),
      };
    },
  };
}

const NFL_TEAMS = ['ARI', 'ATL', 'BAL', 'BUF', 'CAR', 'CHI', 'CIN', 'CLE', 'DAL', 'DEN', 'DET', 'GB', 'HOU', 'IND', 'JAC', 'KC',
  'LV', 'LAC', 'LA', 'MIA', 'MIN', 'NE', 'NO', 'NYG', 'NYJ', 'PHI', 'PIT', 'SF', 'SEA', 'TB', 'TEN', 'WAS'];

const nflGames: SeriesDef = {
  ticker: 'KXNFLGAME', exchangeIndex: 0, weight: 3, cadence: 'game',
  build(rng, slot) {
    const day = Math.floor(slot / 4);
    const away = pick(rng, NFL_TEAMS);
    let home = pick(rng, NFL_TEAMS);
    while (home === away) home = pick(rng, NFL_TEAMS);
    const closeUs = dayStartUs(day) + (17 + (slot % 4)) * HOUR + 3 * HOUR;
    return {
      eventCode: `${dayCode(day)}${away}${home}`,
      timing: { openUs: closeUs - 7 * MICROS_PER_DAY, closeUs, settleUs: closeUs + randInt(rng, 10, 90) * MINUTE },
      markets: exclusive([away, home], chance(rng, 0.55) ? 1 : 0),
    };
  },
};

/** Multi-leg parlays live on exchange shard 1; one market per event, opaque codes. */
const nflCombos: SeriesDef = {
  ticker: 'KXMVENFLMULTIGAMEEXTENDED', exchangeIndex: 1, weight: 2, cadence: 'game',
  build(rng, slot) {
    const day = Math.floor(slot / 4);
    const year = new Date(day * 86_400_000).getUTCFullYear();
    const closeUs = dayStartUs(day) + 23 * HOUR;
    const yes = chance(rng, 0.3);
    return {
      eventCode: `S${year}${seededHex(rng, 11)}`,
      timing: { openUs: closeUs - 2 * MICROS_PER_DAY, closeUs, settleUs: closeUs + randInt(rng, 60, 180) * MINUTE },
      markets: [{ suffix: seededHex(rng, 11), result: yes ? 'yes' : 'no', value: yes ? 100 : 0 }],
    };
  },
};

const fedDecision: SeriesDef = {
  ticker: 'KXFEDDECISION', exchangeIndex: 0, weight: 2, cadence: 'month',
  build(rng, month) {
    const closeUs = monthStartUs(month) + 16 * MICROS_PER_DAY + 18 * HOUR;
    return {
      eventCode: monthCode(month),
      timing: { openUs: closeUs - 75 * MICROS_PER_DAY, closeUs, settleUs: closeUs + randInt(rng, 15, 60) * MINUTE },
      markets: exclusive(['H25', 'H0', 'C25', 'C26'], [0, 1, 1, 1, 2, 2, 3][randInt(rng, 0, 6)]!),
    };
  },
};

const cpi: SeriesDef = {
  ticker: 'KXCPIYOY', exchangeIndex: 0, weight: 2, cadence: 'month',
  build(rng, month) {
    const first = randInt(rng, 24, 28);
    const strikes = [0, 1, 2, 3, 4].map((k) => (first + k) / 10);
    const outcome = (first + randInt(rng, -1, 5)) / 10 + 0.05;
    const closeUs = monthStartUs(month + 1) + 11 * MICROS_PER_DAY + 12 * HOUR + 30 * MINUTE;
    return {
      eventCode: monthCode(month),
      timing: { openUs: monthStartUs(month), closeUs, settleUs: closeUs + randInt(rng, 60, 180) * MINUTE },
      markets: thresholds(strikes, outcome, (s) => `T${s.toFixed(1)}`),
    };
  },
};

/** A scalar market: pays between 0 and 100 cents per YES contract. */
const rainScalar: SeriesDef = {
  ticker: 'KXRAINNYCM', exchangeIndex: 0, weight: 1, cadence: 'month',
  build(rng, month) {
    const closeUs = monthStartUs(month + 1) + 5 * HOUR;
    return {
      eventCode: monthCode(month),
      timing: { openUs: monthStartUs(month) - 14 * MICROS_PER_DAY, closeUs, settleUs: closeUs + randInt(rng, 1, 3) * MICROS_PER_DAY },
      markets: [{ suffix: 'SCALAR', result: 'scalar', value: randInt(rng, 1, 99) }],
    };
  },
};

export const SERIES: readonly SeriesDef[] = [
  temperatureSeries('KXHIGHNY', 'NY', 5),
  temperatureSeries('KXHIGHCHI', 'CHI', 3),
  temperatureSeries('KXHIGHMIA', 'MIA', 2),
  temperatureSeries('KXHIGHAUS', 'AUS', 2),
  cryptoSeries('KXBTCD', 95_000, 20_000, 40, 500, 4),
  cryptoSeries('KXETHD', 3_500, 800, 35, 50, 2),
  nflGames,
  nflCombos,
  fedDecision,
  cpi,
  rainScalar,
];

// ------------------------------------------------------------ catalog

export interface Catalog {
  /** The event of a series in a slot (cached). */
  event(series: SeriesDef, slot: number): CatalogEvent;
  /** Every event made so far, in creation order. */
  events(): CatalogEvent[];
  market(ticker: string): CatalogMarket | undefined;
  /**
   * A random event (weighted by series) whose times satisfy `accept`, looking at
   * slots around [fromUs, toUs]. Throws if none is found after many tries.
   */
  randomEvent(rng: Rng, fromUs: number, toUs: number, accept: (e: CatalogEvent) => boolean): CatalogEvent;
}

export function createCatalog(seed: number): Catalog {
  const byTicker = new Map<string, CatalogEvent>();
  const bySlot = new Map<string, CatalogEvent>();
  const markets = new Map<string, CatalogMarket>();

  function event(series: SeriesDef, slot: number): CatalogEvent {
    const slotKey = `${series.ticker}/${slot}`;
    const cached = bySlot.get(slotKey);
    if (cached) return cached;
    const built = series.build(subRng(seed, slotKey), slot);
    const eventTicker = `${series.ticker}-${built.eventCode}`;
    const ev: CatalogEvent = {
      eventTicker,
      seriesTicker: series.ticker,
      exchangeIndex: series.exchangeIndex,
      ...built.timing,
      markets: built.markets.map((m) => ({
        ticker: `${eventTicker}-${m.suffix}`,
        eventTicker,
        seriesTicker: series.ticker,
        exchangeIndex: series.exchangeIndex,
        ...built.timing,
        result: m.result,
        value: m.value,
      })),
    };
    bySlot.set(slotKey, ev);
    byTicker.set(eventTicker, ev);
    for (const m of ev.markets) markets.set(m.ticker, m);
    return ev;
  }

  function slotRange(series: SeriesDef, fromUs: number, toUs: number): [number, number] {
    const from = Math.floor(fromUs / MICROS_PER_DAY);
    const to = Math.floor(toUs / MICROS_PER_DAY);
    // Daily and game events trade for at most a week; monthly ones open up to 75 days early
    // and may close up to ~6 weeks after their month.
    if (series.cadence === 'day') return [from - 2, to + 8];
    if (series.cadence === 'game') return [(from - 2) * 4, (to + 8) * 4 + 3];
    return [monthOfDay(from) - 2, monthOfDay(to + 80)];
  }

  function randomEvent(rng: Rng, fromUs: number, toUs: number, accept: (e: CatalogEvent) => boolean): CatalogEvent {
    const weights = SERIES.map((s) => [s, s.weight] as const);
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const total = weights.reduce((sum, [, w]) => sum + w, 0);
      let r = rng() * total;
      let series = SERIES[SERIES.length - 1]!;
      for (const [s, w] of weights) {
        r -= w;
        if (r < 0) { series = s; break; }
      }
      const [lo, hi] = slotRange(series, fromUs, toUs);
      const ev = event(series, randInt(rng, lo, hi));
      if (accept(ev)) return ev;
    }
    throw new Error('no event found for the requested time range');
  }

  return {
    event,
    events: () => [...byTicker.values()],
    market: (ticker) => markets.get(ticker),
    randomEvent,
  };
}

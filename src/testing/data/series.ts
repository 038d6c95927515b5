/**
 * The series the fake's markets come from, modelled on real Kalshi series: daily temperature
 * brackets, daily crypto strikes, NFL games and parlays, monthly Fed and CPI events, and one
 * scalar market. Each series builds an event from the PRNG of its slot (a day, a game or a
 * month), so an event depends only on (seed, series, slot).
 */

import { DAY_US, HOUR_US, MINUTE_US } from './time.js';
import { type Rng, chance, pick, randInt, seededHex } from './prng.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export interface Timing {
  openUs: number;
  closeUs: number;
  settleUs: number;
}

export interface MarketDraft {
  suffix: string;
  result: 'yes' | 'no' | 'scalar';
  value: number;
}

export interface SeriesDef {
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
  return day * DAY_US;
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

export function monthOfDay(day: number): number {
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
      const closeUs = dayStartUs(day + 1) + 5 * HOUR_US; // local midnight, New York
      return {
        eventCode: dayCode(day),
        timing: { openUs: dayStartUs(day - 1) + 14 * HOUR_US, closeUs, settleUs: closeUs + randInt(rng, 120, 840) * MINUTE_US },
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
      const closeUs = dayStartUs(day) + 21 * HOUR_US;
      return {
        eventCode: `${dayCode(day)}17`,
        timing: { openUs: closeUs - 24 * HOUR_US, closeUs, settleUs: closeUs + randInt(rng, 1, 20) * MINUTE_US },
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
    const closeUs = dayStartUs(day) + (17 + (slot % 4)) * HOUR_US + 3 * HOUR_US;
    return {
      eventCode: `${dayCode(day)}${away}${home}`,
      timing: { openUs: closeUs - 7 * DAY_US, closeUs, settleUs: closeUs + randInt(rng, 10, 90) * MINUTE_US },
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
    const closeUs = dayStartUs(day) + 23 * HOUR_US;
    const yes = chance(rng, 0.3);
    return {
      eventCode: `S${year}${seededHex(rng, 11)}`,
      timing: { openUs: closeUs - 2 * DAY_US, closeUs, settleUs: closeUs + randInt(rng, 60, 180) * MINUTE_US },
      markets: [{ suffix: seededHex(rng, 11), result: yes ? 'yes' : 'no', value: yes ? 100 : 0 }],
    };
  },
};

const fedDecision: SeriesDef = {
  ticker: 'KXFEDDECISION', exchangeIndex: 0, weight: 2, cadence: 'month',
  build(rng, month) {
    const closeUs = monthStartUs(month) + 16 * DAY_US + 18 * HOUR_US;
    return {
      eventCode: monthCode(month),
      timing: { openUs: closeUs - 75 * DAY_US, closeUs, settleUs: closeUs + randInt(rng, 15, 60) * MINUTE_US },
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
    const closeUs = monthStartUs(month + 1) + 11 * DAY_US + 12 * HOUR_US + 30 * MINUTE_US;
    return {
      eventCode: monthCode(month),
      timing: { openUs: monthStartUs(month), closeUs, settleUs: closeUs + randInt(rng, 60, 180) * MINUTE_US },
      markets: thresholds(strikes, outcome, (s) => `T${s.toFixed(1)}`),
    };
  },
};

/** A scalar market: pays between 0 and 100 cents per YES contract. */
const rainScalar: SeriesDef = {
  ticker: 'KXRAINNYCM', exchangeIndex: 0, weight: 1, cadence: 'month',
  build(rng, month) {
    const closeUs = monthStartUs(month + 1) + 5 * HOUR_US;
    return {
      eventCode: monthCode(month),
      timing: { openUs: monthStartUs(month) - 14 * DAY_US, closeUs, settleUs: closeUs + randInt(rng, 1, 3) * DAY_US },
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

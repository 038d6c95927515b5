/**
 * The market universe behind the fake's data: events and markets of the
 * series in series.ts, with Kalshi-style tickers, trading windows and outcomes.
 *
 * Events are made lazily and deterministically: an event is a function of
 * (seed, series, slot), where a slot is a day, a game or a month, so the same ticker
 * always has the same markets, times and result whatever asked for it first.
 */

import type { MarketInfo } from './dataset-types.js';
import { type Rng, randInt, subRng } from './prng.js';
import { SERIES, type SeriesDef, monthOfDay } from './series.js';
import { DAY_US, unixSeconds } from './time.js';

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
    const from = Math.floor(fromUs / DAY_US);
    const to = Math.floor(toUs / DAY_US);
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

/** A market as `FakeDataset.markets` lists it. */
export function marketInfo(m: CatalogMarket): MarketInfo {
  return {
    ticker: m.ticker,
    event_ticker: m.eventTicker,
    series_ticker: m.seriesTicker,
    exchange_index: m.exchangeIndex,
    open_ts: unixSeconds(m.openUs),
    close_ts: unixSeconds(m.closeUs),
    settlement_ts: unixSeconds(m.settleUs),
    result: m.result,
    value: m.value,
  };
}

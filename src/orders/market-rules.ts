/**
 * What a market accepts, read from Kalshi's public market data (`GET /markets/{ticker}`: its status,
 * `price_ranges` / `price_level_structure` and `fractional_trading_enabled`) and cached per ticker,
 * so the guard rails can refuse an order before it is sent. The cache is bounded (least recently
 * used markets leave first), entries expire, and the desk drops a market's entry when the server
 * refuses a write there, so a market whose grid changed is read again at once.
 */

import { KalshiApiError, KalshiConfigError, describeValue } from '../errors.js';
import { KalshiOrderGuardError } from './errors.js';
import type { MarketRules, PriceBand } from './guards.js';

/** The fields of a market this module reads (a `Market` of `getMarket`). */
export interface MarketData {
  ticker?: string;
  status?: string;
  price_level_structure?: string;
  price_ranges?: ReadonlyArray<{ start: string; end: string; step: string }>;
  fractional_trading_enabled?: boolean;
}

/** Kalshi's named grids (its docs on sub-penny pricing), used only when an answer carries no `price_ranges`. */
const NAMED_GRIDS: Record<string, readonly PriceBand[]> = {
  linear_cent: [{ start: '0.00', end: '1.00', step: '0.01' }],
  deci_cent: [{ start: '0.000', end: '1.000', step: '0.001' }],
  tapered_deci_cent: [
    { start: '0.000', end: '0.100', step: '0.001' },
    { start: '0.10', end: '0.90', step: '0.01' },
    { start: '0.900', end: '1.000', step: '0.001' },
  ],
};

/**
 * The rules of a market as its data states them. Without `price_ranges` and with a grid name this
 * module does not know, the cent grid: every known grid contains it, so nothing it lets through is
 * off a real grid unless Kalshi invents a coarser one (and then the server's refusal drops the entry).
 */
export function rulesFromMarket(market: MarketData): MarketRules {
  const ranges = Array.isArray(market.price_ranges) && market.price_ranges.length > 0 ? market.price_ranges : undefined;
  const priceBands = ranges
    ? ranges.map((r) => ({ start: r.start, end: r.end, step: r.step }))
    : (NAMED_GRIDS[market.price_level_structure ?? ''] ?? NAMED_GRIDS['linear_cent']!);
  return {
    priceBands,
    countStep: market.fractional_trading_enabled === true ? '0.01' : '1.00',
    ...(typeof market.status === 'string' ? { status: market.status } : {}),
  };
}

/** How market data is cached. Every setting has a default. */
export interface MarketDataCacheOptions {
  /** How long a market's rules are trusted, ms. Default 300,000 (five minutes). */
  ttlMs?: number;
  /** The most markets kept; the least recently used leave first. Default 1,000. */
  maxMarkets?: number;
  /** The clock, ms; tests replace it. Default `Date.now`. */
  now?: () => number;
}

export interface MarketRulesCache {
  /** The rules of `ticker`: cached, or read (one read at a time per ticker). */
  get(ticker: string): Promise<MarketRules>;
  /** Drops `ticker`'s entry: the next order there reads the market again. */
  forget(ticker: string): void;
}

export function createMarketRulesCache(read: (ticker: string) => Promise<MarketRules>, options: MarketDataCacheOptions = {}): MarketRulesCache {
  const ttlMs = options.ttlMs ?? 300_000;
  const maxMarkets = options.maxMarkets ?? 1_000;
  const now = options.now ?? Date.now;
  if (!(ttlMs >= 0) || !Number.isSafeInteger(maxMarkets) || maxMarkets < 1) {
    throw new KalshiConfigError(`marketData takes ttlMs ≥ 0 and a whole maxMarkets ≥ 1, got ttlMs ${describeValue(ttlMs)} and maxMarkets ${describeValue(maxMarkets)}`);
  }
  // Insertion order is recency: a hit moves its entry to the end, eviction takes the first.
  const entries = new Map<string, { rules: Promise<MarketRules>; readAt: number }>();
  return {
    get(ticker) {
      const found = entries.get(ticker);
      const at = now();
      if (found && at - found.readAt < ttlMs) {
        entries.delete(ticker);
        entries.set(ticker, found);
        return found.rules;
      }
      const entry = { rules: read(ticker), readAt: at };
      // A failed read is not kept: the next order asks again.
      entry.rules.catch(() => {
        if (entries.get(ticker) === entry) entries.delete(ticker);
      });
      entries.delete(ticker);
      entries.set(ticker, entry);
      while (entries.size > maxMarkets) entries.delete(entries.keys().next().value!);
      return entry.rules;
    },
    forget(ticker) {
      entries.delete(ticker);
    },
  };
}

/** Reads a market's rules with `getMarket`; an unknown ticker is refused as the order's mistake. */
export async function readMarketRules(getMarket: (ticker: string) => Promise<{ market: MarketData }>, ticker: string): Promise<MarketRules> {
  try {
    return rulesFromMarket((await getMarket(ticker)).market);
  } catch (error) {
    if (error instanceof KalshiApiError && error.status === 404) {
      const refused = new KalshiOrderGuardError('ticker', `there is no market ${ticker} (GET /markets/${ticker} answered 404), so no order was sent`);
      refused.cause = error;
      throw refused;
    }
    throw error;
  }
}

/** Whether a refusal of a write may come from rules the cache holds wrongly (price, size, market state). */
export const refusalMayBeStale = (error: unknown): boolean => error instanceof KalshiApiError && (error.status === 400 || error.status === 404);

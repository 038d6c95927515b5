import type { components } from '../../../../generated/schema.js';
import { FakeApiError } from '../api-error.js';
import { describeGrid, marketStructureOf } from '../../data/market-structure.js';
import { MICROS_PER_DOLLAR, parseCount, parseDollars, wireCount, wireDollars } from '../../data/wire-money.js';
import { type Route, ok } from './route.js';

type GetMarketResponse = components['schemas']['GetMarketResponse'];

/** A cent either side of the last trade: the fake has no order book of other traders. */
const HALF_SPREAD = 10_000n;
/** Contracts quoted at the best bid and ask: the house's depth at its best levels (order-book.ts). */
const QUOTED_SIZE = 1000n;
const DAY_S = 86_400;

const isoOf = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * GET /markets/{ticker}: unsigned public data of a market the dataset knows, every field Kalshi's
 * `Market` requires. Its status follows the data clock against the market's open, close and
 * settlement times; its last price is that of the account's latest fill in it (the fake has no
 * other traders), its bid and ask a cent either side, its volume the account's fills. Its price
 * grid and contract step are market-structure.ts's, which the matching engine enforces.
 */
export const marketRoute: Route = {
  method: 'GET',
  path: '/markets/{ticker}',
  operation: 'GetMarket',
  signed: false,
  handle({ data, pathParams, asOfUs }) {
    const ticker = pathParams['ticker']!;
    const market = data.markets.find((m) => m.ticker === ticker);
    if (!market) throw new FakeApiError(404, 'not_found', 'market not found', `no market ${ticker}`);
    const nowSeconds = Math.floor(asOfUs() / 1_000_000);
    const status: GetMarketResponse['market']['status'] =
      nowSeconds >= market.settlement_ts ? 'finalized' : nowSeconds >= market.close_ts ? 'closed' : nowSeconds < market.open_ts ? 'initialized' : 'active';
    const fills = data.fills.filter((f) => f.ticker === ticker);
    const last = fills[0]?.yes_price_dollars;
    const lastMicros = last === undefined ? 0n : parseDollars(last);
    const trading = status === 'active' && lastMicros > 0n;
    const bid = trading && lastMicros > HALF_SPREAD ? lastMicros - HALF_SPREAD : 0n;
    const ask = trading && lastMicros < MICROS_PER_DOLLAR - HALF_SPREAD ? lastMicros + HALF_SPREAD : MICROS_PER_DOLLAR;
    const volume = fills.reduce((sum, f) => sum + parseCount(f.count_fp), 0n);
    const dayAgo = nowSeconds - DAY_S;
    const volume24h = fills.reduce((sum, f) => sum + ((f.ts ?? 0) > dayAgo ? parseCount(f.count_fp) : 0n), 0n);
    const openInterest = data.marketPositions.reduce((sum, p) => {
      if (p.position.ticker !== ticker) return sum;
      const held = parseCount(p.position.position_fp);
      return sum + (held < 0n ? -held : held);
    }, 0n);
    const structure = marketStructureOf(ticker);
    const finalized = status === 'finalized';
    const quote = (micros: bigint) => wireDollars(micros, 4);
    // Every field of Kalshi's Market; our spec types the ones the SDK reads.
    const answer = {
      ticker,
      event_ticker: market.event_ticker,
      market_type: market.result === 'scalar' ? 'scalar' : 'binary',
      yes_sub_title: ticker.slice(market.event_ticker.length + 1) || ticker,
      no_sub_title: ticker.slice(market.event_ticker.length + 1) || ticker,
      created_time: isoOf(market.open_ts - DAY_S),
      updated_time: isoOf(market.open_ts - DAY_S),
      open_time: isoOf(market.open_ts),
      close_time: isoOf(market.close_ts),
      expected_expiration_time: isoOf(market.settlement_ts),
      latest_expiration_time: isoOf(market.settlement_ts),
      // The fake determines a market when it closes, so it settles this long after.
      settlement_timer_seconds: Math.max(0, market.settlement_ts - market.close_ts),
      status,
      notional_value_dollars: '1.0000',
      yes_bid_dollars: quote(bid),
      yes_ask_dollars: quote(ask),
      no_bid_dollars: quote(MICROS_PER_DOLLAR - ask),
      no_ask_dollars: quote(MICROS_PER_DOLLAR - bid),
      yes_bid_size_fp: wireCount(bid > 0n ? QUOTED_SIZE : 0n),
      yes_ask_size_fp: wireCount(ask < MICROS_PER_DOLLAR ? QUOTED_SIZE : 0n),
      last_price_dollars: quote(lastMicros),
      // The fake keeps no history of quotes: a day ago looks like now.
      previous_yes_bid_dollars: quote(bid),
      previous_yes_ask_dollars: quote(ask),
      previous_price_dollars: quote(lastMicros),
      volume_fp: wireCount(volume),
      volume_24h_fp: wireCount(volume24h),
      open_interest_fp: wireCount(openInterest),
      result: finalized ? market.result : ('' as const),
      can_close_early: false,
      expiration_value: finalized ? market.result : '',
      rules_primary: `${ticker} resolves to Yes if its event's outcome is ${ticker.slice(market.event_ticker.length + 1) || 'Yes'}; otherwise No.`,
      rules_secondary: `Prices and counts follow the ${structure.priceLevelStructure} grid (${describeGrid(structure, quote)})${structure.fractional ? ', in hundredths of a contract' : ', in whole contracts'}.`,
      price_level_structure: structure.priceLevelStructure,
      price_ranges: structure.priceRanges.map((r) => ({ start: quote(r.start), end: quote(r.end), step: quote(r.step) })),
      fractional_trading_enabled: structure.fractional,
      settlement_bounds_type: 'default',
      exchange_index: market.exchange_index,
      ...(finalized ? { settlement_value_dollars: quote(BigInt(market.value) * (MICROS_PER_DOLLAR / 100n)), settlement_ts: isoOf(market.settlement_ts) } : {}),
    };
    return ok({ market: answer } satisfies GetMarketResponse);
  },
};

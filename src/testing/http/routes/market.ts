import type { components } from '../../../../generated/schema.js';
import { FakeApiError } from '../api-error.js';
import { MICROS_PER_DOLLAR, parseDollars, wireDollars } from '../../data/wire-money.js';
import { type Route, ok } from './route.js';

type GetMarketResponse = components['schemas']['GetMarketResponse'];

/** A cent either side of the last trade: the fake has no order book of other traders. */
const HALF_SPREAD = 10_000n;

/**
 * GET /markets/{ticker}: unsigned public data of a market the dataset knows. Its status follows
 * the data clock against the market's close and settlement times; its last price is that of the
 * account's latest fill in it (the fake has no other traders), its bid and ask a cent either side.
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
    const status = nowSeconds >= market.settlement_ts ? 'finalized' : nowSeconds >= market.close_ts ? 'closed' : 'active';
    const last = data.fills.find((f) => f.ticker === ticker)?.yes_price_dollars;
    const lastMicros = last === undefined ? 0n : parseDollars(last);
    const trading = status === 'active' && lastMicros > 0n;
    const bid = trading && lastMicros > HALF_SPREAD ? lastMicros - HALF_SPREAD : 0n;
    const ask = trading && lastMicros < MICROS_PER_DOLLAR - HALF_SPREAD ? lastMicros + HALF_SPREAD : MICROS_PER_DOLLAR;
    return ok({
      market: {
        ticker,
        event_ticker: market.event_ticker,
        status,
        result: status === 'finalized' ? market.result : '',
        yes_bid_dollars: wireDollars(bid, 4),
        yes_ask_dollars: wireDollars(ask, 4),
        last_price_dollars: wireDollars(lastMicros, 4),
      },
    } satisfies GetMarketResponse);
  },
};

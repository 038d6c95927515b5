/** Builders of wire rows for the P&L tests: a fill, a settlement, a position, in Kalshi's shapes. */
import type { Fill, MarketPosition, Settlement } from '../../generated/schema.js';

let next = 0;

export interface FillSpec {
  ticker?: string;
  /** Effective direction: yes = more long YES (bought YES or sold NO). */
  direction: 'yes' | 'no';
  count: string;
  /** The YES price of the trade, dollars. */
  yes: string;
  fee?: string | undefined;
  ts: number;
  subaccount?: number;
}

export function fill(spec: FillSpec): Fill {
  const id = `f${++next}`;
  const yesMicros = Math.round(Number(spec.yes) * 1e6);
  const row: Fill = {
    fill_id: id,
    trade_id: id,
    order_id: `o${next}`,
    exchange_index: 0,
    ticker: spec.ticker ?? 'KXT-26JAN01-A',
    market_ticker: spec.ticker ?? 'KXT-26JAN01-A',
    outcome_side: spec.direction,
    book_side: spec.direction === 'yes' ? 'bid' : 'ask',
    count_fp: spec.count,
    yes_price_dollars: spec.yes,
    no_price_dollars: ((1e6 - yesMicros) / 1e6).toFixed(4),
    is_taker: true,
    fee_cost: spec.fee ?? '0.0000',
    subaccount_number: spec.subaccount ?? 0,
    ts: spec.ts,
  };
  if ('fee' in spec && spec.fee === undefined) delete (row as Partial<Fill>).fee_cost;
  return row;
}

export function settlement(ticker: string, result: 'yes' | 'no' | 'scalar', ts: number, revenueCents: number, value?: number): Settlement {
  return {
    ticker,
    exchange_index: 0,
    event_ticker: ticker.slice(0, ticker.lastIndexOf('-')),
    market_result: result,
    yes_count_fp: '0.00',
    yes_total_cost_dollars: '0.00',
    no_count_fp: '0.00',
    no_total_cost_dollars: '0.00',
    revenue: revenueCents,
    settled_time: new Date(ts * 1000).toISOString(),
    fee_cost: '0.00',
    ...(value === undefined ? {} : { value }),
  };
}

export function position(ticker: string, position_fp: string, realized: string, fees: string, subaccount = 0): MarketPosition & { subaccount_number: number } {
  return {
    ticker,
    exchange_index: 0,
    total_traded_dollars: '0.00',
    position_fp,
    market_exposure_dollars: '0.00',
    realized_pnl_dollars: realized,
    fees_paid_dollars: fees,
    last_updated_ts: '2026-01-01T00:00:00Z',
    subaccount_number: subaccount,
  };
}

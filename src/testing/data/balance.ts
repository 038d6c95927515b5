/** GET /portfolio/balance computed from cash and positions, for the seeded data and the live account alike. */

import type { CashEntry, FakeDataset } from './dataset-types.js';
import { parseDollars, truncatedCents, wireDollars } from './wire-money.js';
import type { GetBalanceResponse } from './wire-types.js';

/** Cash of one (subaccount, exchange index) in micro-dollars; 0 where there is none. */
export type CashLookup = (subaccount: number, exchangeIndex: number) => bigint;

/** A CashLookup over cash entries. */
export function seededCash(cash: readonly CashEntry[]): CashLookup {
  return (subaccount, exchangeIndex) => {
    const entry = cash.find((c) => c.subaccount === subaccount && c.exchange_index === exchangeIndex);
    return entry ? parseDollars(entry.balance_dollars) : 0n;
  };
}

/**
 * GET /portfolio/balance for one subaccount, optionally one exchange shard.
 * `balance` is the truncated cents of the cash; `portfolio_value` the
 * truncated cents of the market exposure of the subaccount's positions.
 */
export function balanceOf(
  data: Pick<FakeDataset, 'exchangeIndexes' | 'marketPositions' | 'now'>,
  subaccount: number,
  exchangeIndex: number | undefined,
  cashOf: CashLookup,
): GetBalanceResponse {
  const indexes = exchangeIndex === undefined ? data.exchangeIndexes : [exchangeIndex];
  let cashMicros = 0n;
  const breakdown = indexes.map((index) => {
    const micros = cashOf(subaccount, index);
    cashMicros += micros;
    return { exchange_index: index, balance: wireDollars(micros, 6) };
  });
  const exposure = data.marketPositions
    .filter((e) => e.subaccount === subaccount && indexes.includes(e.position.exchange_index))
    .reduce((sum, e) => sum + parseDollars(e.position.market_exposure_dollars), 0n);
  return {
    balance: truncatedCents(cashMicros),
    balance_dollars: wireDollars(cashMicros, 4),
    portfolio_value: truncatedCents(exposure),
    updated_ts: Math.floor(data.now / 1000),
    balance_breakdown: breakdown,
  };
}

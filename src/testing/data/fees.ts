/**
 * The fees in the seeded data, in exact integer arithmetic. Rates are fractions of bigints
 * (Kalshi's 7% is 7/100, not the float 0.07), and every fee is rounded up, as Kalshi rounds fees.
 */

import { MICROS_PER_CENTI_CENT, MICROS_PER_DOLLAR } from './wire-money.js';

/** A rate as an exact fraction. */
export interface Rate {
  numerator: bigint;
  denominator: bigint;
}

/** Kalshi's trading fee rate for orders that take liquidity. */
export const TAKER_FEE_RATE: Rate = { numerator: 7n, denominator: 100n };
/** The lower rate some markets charge orders that rest on the book. */
export const MAKER_FEE_RATE: Rate = { numerator: 175n, denominator: 10_000n };
/** What a debit card payment costs (of the amount). */
export const DEBIT_CARD_FEE_RATE: Rate = { numerator: 2n, denominator: 100n };

/** `numerator / denominator` rounded up to a whole multiple of `step`; all three positive or zero. */
function roundUpTo(numerator: bigint, denominator: bigint, step: bigint): bigint {
  const units = denominator * step;
  return ((numerator + units - 1n) / units) * step;
}

/**
 * Trading fee of `countHundredths` hundredths of a contract bought at `priceMicros`:
 * rate × C × P × (1 − P) in dollars, for C contracts at P dollars, rounded up to a centi-cent.
 */
export function tradingFee(countHundredths: number, priceMicros: bigint, rate: Rate): bigint {
  // In micro-dollars: rate × (h / 100) × (p / 1e6) × ((1e6 − p) / 1e6) × 1e6.
  const numerator = rate.numerator * BigInt(countHundredths) * priceMicros * (MICROS_PER_DOLLAR - priceMicros);
  const denominator = rate.denominator * 100n * MICROS_PER_DOLLAR;
  return roundUpTo(numerator, denominator, MICROS_PER_CENTI_CENT);
}

/** A fee of `rate` on a payment of `amountCents`, rounded up to a whole cent. */
export function paymentFeeCents(amountCents: number, rate: Rate): number {
  return Number(roundUpTo(BigInt(amountCents) * rate.numerator, rate.denominator, 1n));
}

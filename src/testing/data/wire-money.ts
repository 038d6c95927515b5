/**
 * Exact money for the fake: integer micro-dollars as bigint, on top of the package's money
 * module (src/money.ts), and formatted the way Kalshi writes it. No floating point: every
 * amount the fake serves or moves passes through here or fees.ts.
 */

import {
  MICROS_PER_CENT, MICROS_PER_DOLLAR, centsToMicros, formatCount, formatDollars, microsToCents, parseCount, parseDollars,
} from '../../money.js';

export { MICROS_PER_CENT, MICROS_PER_DOLLAR, centsToMicros, parseCount, parseDollars };

/** A centi-cent ($0.0001), Kalshi's finest step for fees and cash, in micro-dollars. */
export const MICROS_PER_CENTI_CENT = 100n;

/**
 * Micro-dollars as a wire dollar string with 2, 4 or 6 decimals: `minDecimals`
 * unless the value needs more to stay exact ("12.50", "12.5025", "0.017500").
 */
export function wireDollars(micros: bigint, minDecimals: 2 | 4 | 6 = 2): string {
  for (const [decimals, step] of DECIMAL_STEPS) {
    if (decimals >= minDecimals && micros % step === 0n) return formatDollars(micros, { decimals });
  }
  return formatDollars(micros, { decimals: 6 });
}

/** Decimals and the micro-dollars one step of the last of them is. */
const DECIMAL_STEPS = [[2, 10_000n], [4, 100n], [6, 1n]] as const;

/** Hundredths of a contract as a wire count with two decimals ("10.00", "-2.50"). */
export function wireCount(hundredths: bigint | number): string {
  return formatCount(BigInt(hundredths));
}

/** Whole cents, truncated toward zero (as Kalshi truncates `balance`), as a number. */
export function truncatedCents(micros: bigint): number {
  return Number(microsToCents(micros, 'truncate'));
}

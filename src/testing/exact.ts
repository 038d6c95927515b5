/**
 * Exact money for the fake's account state: integer micro-dollars as bigint,
 * on top of the package's money module (no floating point anywhere).
 */

import { centsToMicros, formatCount, formatDollars, microsToCents, parseCount, parseDollars } from '../money.js';

export { centsToMicros, parseCount, parseDollars };

export const MICROS_PER_CENT = 10_000;

/**
 * Micro-dollars as a wire dollar string with 2, 4 or 6 decimals: `minDecimals`
 * unless the value needs more to stay exact ("12.50", "12.5025", "0.017500").
 */
export function wireDollars(micros: bigint | number, minDecimals: 2 | 4 | 6 = 2): string {
  const exact = BigInt(micros);
  for (const decimals of [2, 4, 6]) {
    if (decimals >= minDecimals && exact % 10n ** BigInt(6 - decimals) === 0n) return formatDollars(exact, { decimals });
  }
  return formatDollars(exact, { decimals: 6 });
}

/** Hundredths of a contract as a wire count with two decimals ("10.00", "-2.50"). */
export function wireCount(hundredths: bigint | number): string {
  return formatCount(BigInt(hundredths));
}

/** Whole cents, truncated toward zero (as Kalshi truncates `balance`), as a number. */
export function truncatedCents(micros: bigint | number): number {
  return Number(microsToCents(BigInt(micros), 'truncate'));
}

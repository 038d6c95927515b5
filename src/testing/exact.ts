/**
 * Exact money for the fake's account state: integer micro-dollars as bigint,
 * on top of the package's money module (no floating point anywhere).
 */

import { centsToMicros, formatDollars, microsToCents, parseDollars } from '../money.js';

export { centsToMicros, parseDollars };

/**
 * Micro-dollars as a wire dollar string with 2, 4 or 6 decimals: `minDecimals`
 * unless the value needs more to stay exact ("12.50", "12.5025", "0.017500").
 */
export function wireDollars(micros: bigint, minDecimals: 2 | 4 | 6 = 2): string {
  for (const decimals of [2, 4, 6]) {
    if (decimals >= minDecimals && micros % 10n ** BigInt(6 - decimals) === 0n) return formatDollars(micros, { decimals });
  }
  return formatDollars(micros, { decimals: 6 });
}

/** Whole cents, truncated toward zero (as Kalshi truncates `balance`), as a number. */
export function truncatedCents(micros: bigint): number {
  return Number(microsToCents(micros, 'truncate'));
}

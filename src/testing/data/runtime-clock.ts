/**
 * The clock of things that happen while the fake runs (trades), and of GET
 * /exchange/user_data_timestamp: the data's "now" plus the wall time elapsed since the fake
 * started. So runtime rows are newer than every seeded one, grow with real time (a client
 * catching up with `min_ts` finds them), and yet a seed's data stays where the seed put it.
 */

import { parseTime } from './time.js';
import type { Fill } from './wire-types.js';

export interface RuntimeClock {
  /** The current instant, epoch microseconds (may repeat). */
  peekUs(): number;
  /** A fresh instant, epoch microseconds: later than every seeded fill and every instant given before. */
  nextUs(): number;
  /** The instant the data is current to, epoch microseconds: now, and never before an instant given out. */
  asOfUs(): number;
}

/**
 * `elapsedMs` is the wall time since the fake started (fractions welcome). Instants that would
 * tie are moved on by a microsecond, so runtime fills have a strict order of their own.
 */
export function createRuntimeClock(nowMs: number, seededFills: readonly Fill[], elapsedMs: () => number): RuntimeClock {
  let last = seededFills.reduce((latest, f) => Math.max(latest, parseTime(f.created_time)), 0);
  const peekUs = () => nowMs * 1000 + Math.floor(elapsedMs() * 1000);
  return {
    peekUs,
    nextUs() {
      last = Math.max(last + 1, peekUs());
      return last;
    },
    asOfUs: () => Math.max(last, peekUs()),
  };
}

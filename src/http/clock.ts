/**
 * The time a client signs with: this machine's clock plus an offset to Kalshi's, learned when
 * Kalshi refuses a request for its timestamp (a laptop's clock is often off by more than the
 * few seconds Kalshi accepts). One per client, shared by its requests and its stream.
 */
export interface ServerClock {
  now(): number;
  /** Milliseconds added to the local clock; 0 until a refusal teaches otherwise. */
  offsetMs: number;
}

export function createServerClock(local: () => number = Date.now): ServerClock {
  const clock: ServerClock = { offsetMs: 0, now: () => local() + clock.offsetMs };
  return clock;
}

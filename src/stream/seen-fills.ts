/**
 * The trade ids already yielded, so a fill that arrives twice (live and in a catch-up, or in two
 * catch-ups) is yielded once. Only the recent past can come back — a catch-up reads from the
 * newest fill's second less a margin — so ids older than that window are forgotten, and a hard
 * cap bounds memory whatever the fill rate.
 */
export interface SeenFills {
  has(tradeId: string): boolean;
  add(tradeId: string, second: number): void;
  /** The newest fill second seen, or undefined before the first. */
  readonly newestSecond: number | undefined;
  readonly size: number;
}

export function createSeenFills(windowSeconds: number, cap = 100_000): SeenFills {
  // Insertion order is arrival order; prune from the front while entries are out of the window.
  const ids = new Map<string, number>();
  let newest: number | undefined;
  return {
    has: (tradeId) => ids.has(tradeId),
    add(tradeId, second) {
      ids.set(tradeId, second);
      if (newest === undefined || second > newest) newest = second;
      const oldestKept = newest - windowSeconds;
      for (const [id, at] of ids) {
        if (ids.size <= cap && at >= oldestKept) break;
        ids.delete(id);
      }
    },
    get newestSecond() {
      return newest;
    },
    get size() {
      return ids.size;
    },
  };
}

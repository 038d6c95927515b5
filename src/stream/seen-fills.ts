/**
 * The trade ids already yielded, so a fill that arrives twice (live and in a catch-up, or in two
 * catch-ups) is yielded once. A catch-up reads back only to the stream's REST watermark less the
 * margin, so the stream forgets ids older than that (`forgetBefore`); a hard cap bounds memory
 * whatever the fill rate (past it the oldest ids go first).
 */
export interface SeenFills {
  has(tradeId: string): boolean;
  add(tradeId: string, second: number): void;
  /** Forgets the ids of fills before this Unix second: no catch-up reads that far back any more. */
  forgetBefore(second: number): void;
  readonly size: number;
}

export function createSeenFills(cap = 200_000): SeenFills {
  // Insertion order is arrival order, which is close to fill order; forgetting scans from the front.
  const ids = new Map<string, number>();
  return {
    has: (tradeId) => ids.has(tradeId),
    add(tradeId, second) {
      ids.set(tradeId, second);
      if (ids.size > cap) ids.delete(ids.keys().next().value!);
    },
    forgetBefore(second) {
      for (const [id, at] of ids) if (at < second) ids.delete(id);
    },
    get size() {
      return ids.size;
    },
  };
}

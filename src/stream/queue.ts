/**
 * The hand-over between the connection, which pushes events whenever they arrive, and the
 * consumer's `for await`, which pulls them one at a time. Ends with `finish()` (the iteration
 * ends) or `fail(error)` (it rejects): after the events already queued, or at once with
 * `{ discard: true }` (the consumer asked to stop, so nothing more is handed over).
 *
 * It never refuses an event (a fill must not be lost here); the stream watches `size` and stops
 * reading the socket when the consumer falls behind (see `whenAtMost`).
 */
export interface EventQueue<T> {
  push(event: T): void;
  finish(options?: { discard?: boolean }): void;
  fail(error: unknown, options?: { discard?: boolean }): void;
  next(): Promise<IteratorResult<T, undefined>>;
  readonly ended: boolean;
  /** Events pushed and not yet taken. */
  readonly size: number;
  /** Resolves once at most `count` events wait (or the queue has ended). */
  whenAtMost(count: number): Promise<void>;
}

export function createEventQueue<T>(): EventQueue<T> {
  const events: T[] = [];
  let head = 0;
  let waiting: { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void } | undefined;
  let end: { error?: unknown; failed: boolean } | undefined;
  const drainWaiters = new Set<{ count: number; resolve: () => void }>();

  const wakeDrainWaiters = () => {
    for (const waiter of drainWaiters) {
      if (end || events.length - head <= waiter.count) {
        drainWaiters.delete(waiter);
        waiter.resolve();
      }
    }
  };

  const settle = () => {
    if (!waiting) return;
    const { resolve, reject } = waiting;
    if (head < events.length) {
      waiting = undefined;
      const event = events[head++]!;
      if (head > 1024 && head * 2 > events.length) {
        events.splice(0, head);
        head = 0;
      }
      if (drainWaiters.size > 0) wakeDrainWaiters();
      resolve({ value: event, done: false });
    } else if (end) {
      waiting = undefined;
      if (end.failed) reject(end.error);
      else resolve({ value: undefined, done: true });
    }
  };

  return {
    push(event) {
      if (end) return;
      events.push(event);
      settle();
    },
    finish(options) {
      end ??= { failed: false };
      if (options?.discard) head = events.length;
      wakeDrainWaiters();
      settle();
    },
    fail(error, options) {
      end ??= { error, failed: true };
      if (options?.discard) head = events.length;
      wakeDrainWaiters();
      settle();
    },
    next() {
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        settle();
      });
    },
    get ended() {
      return end !== undefined;
    },
    get size() {
      return events.length - head;
    },
    whenAtMost(count) {
      return new Promise((resolve) => {
        drainWaiters.add({ count, resolve });
        wakeDrainWaiters();
      });
    },
  };
}

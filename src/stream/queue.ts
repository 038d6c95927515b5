/**
 * The hand-over between the connection, which pushes events whenever they arrive, and the
 * consumer's `for await`, which pulls them one at a time. Ends with `finish()` (the iteration
 * ends) or `fail(error)` (it rejects): after the events already queued, or at once with
 * `{ discard: true }` (the consumer asked to stop, so nothing more is handed over).
 */
export interface EventQueue<T> {
  push(event: T): void;
  finish(options?: { discard?: boolean }): void;
  fail(error: unknown, options?: { discard?: boolean }): void;
  next(): Promise<IteratorResult<T, undefined>>;
  readonly ended: boolean;
}

export function createEventQueue<T>(): EventQueue<T> {
  const events: T[] = [];
  let head = 0;
  let waiting: { resolve: (result: IteratorResult<T, undefined>) => void; reject: (error: unknown) => void } | undefined;
  let end: { error?: unknown; failed: boolean } | undefined;

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
      settle();
    },
    fail(error, options) {
      end ??= { error, failed: true };
      if (options?.discard) head = events.length;
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
  };
}

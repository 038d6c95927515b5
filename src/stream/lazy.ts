import type { StreamClientParts } from './start.js';
import type { KalshiStream, StreamEvent, StreamOptions } from './types.js';

/**
 * `client.stream()`'s stream, whose code is loaded on first use: a client that never streams (a
 * page, a dashboard) does not download it. It starts loading, and so connecting, at once; options
 * are checked there too, so a mistake in them rejects the iteration with a `KalshiInputError`.
 */
export function lazyStream(parts: StreamClientParts, options: StreamOptions | undefined): KalshiStream {
  const stream = import('./start.js').then(({ startStream }) => startStream(parts, options));
  stream.catch(() => undefined); // reported by the first next(), not as an unhandled rejection
  let iterator: Promise<AsyncIterator<StreamEvent, undefined>> | undefined;
  const started = () => (iterator ??= stream.then((s) => s[Symbol.asyncIterator]() as AsyncIterator<StreamEvent, undefined>));
  return {
    [Symbol.asyncIterator]() {
      return {
        next: async () => (await started()).next(),
        return: async () => {
          const inner = await started().catch(() => undefined);
          return inner?.return ? inner.return() : { value: undefined, done: true };
        },
      };
    },
    close: async () => (await stream.catch(() => undefined))?.close(),
  };
}

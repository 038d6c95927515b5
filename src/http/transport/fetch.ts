import { KalshiResponseTooLargeError } from '../../errors.js';
import { startDeadline } from './deadline.js';
import { readWithin, webChunks } from './read-body.js';
import { isRedirect } from './is-redirect.js';
import type { FetchLike, Transport } from './types.js';

/**
 * A user's or the runtime's fetch as a transport. It reads the whole body inside the attempt's
 * deadline, so the deadline ends with the attempt and never has to ride along on the request.
 */
export function fetchTransport(fetchImpl: FetchLike, maxResponseBytes: number): Transport {
  return async (request, timeoutMs) => {
    const deadline = startDeadline(request.signal, timeoutMs);
    try {
      const { method, url, headers, body } = request;
      const response = await deadline.race(fetchImpl(new Request(url, { method, headers, body: body as BodyInit | undefined, signal: deadline.signal, redirect: 'manual' })));
      if (isRedirect(response)) {
        void response.body?.cancel().catch(() => undefined);
        throw (await import('./refuse-redirect.js')).redirectError(request, response);
      }
      const tooLarge = () => new KalshiResponseTooLargeError({ status: response.status, method: request.method, url: request.url, limitBytes: maxResponseBytes });
      const bytes = await deadline.race(readWithin(webChunks(response.body), response.headers.get('content-length'), maxResponseBytes, tooLarge));
      return { status: response.status, headers: response.headers, bytes };
    } finally {
      deadline.end();
    }
  };
}

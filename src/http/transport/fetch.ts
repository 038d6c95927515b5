import type { FetchLike, Transport } from './types.js';

/**
 * A user's or the runtime's fetch as a transport. The body may be read after fetch resolves, so
 * the deadline has to ride along on the request's signal until it fires.
 */
export function fetchTransport(fetchImpl: FetchLike): Transport {
  return (request, timeoutMs) => fetchImpl(new Request(request, { signal: AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) }));
}

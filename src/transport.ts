import { KalshiError, KalshiNetworkError, KalshiTimeoutError } from './errors.js';

/** The shape of `fetch` the client needs (the `fetch` option): one `Request` in, one `Response` out. */
export type FetchLike = (request: Request) => Promise<Response>;

/**
 * Gives each attempt its own deadline (so a retry is not born already late) while still obeying
 * a signal the caller put on the request.
 */
export function withTimeout(fetchImpl: FetchLike, timeoutMs: number): FetchLike {
  return (request) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([request.signal, deadline]);
    return fetchImpl(new Request(request, { signal }));
  };
}

/** True when the caller aborted on purpose: such errors pass through untouched and are never retried. */
export function isCallerAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Maps whatever fetch (or a body read) threw into the SDK's typed transport errors. */
export function transportErrorFrom(error: unknown, request: { method: string; url: string }, timeoutMs: number): unknown {
  if (error instanceof KalshiError || isCallerAbort(error)) return error;
  const where = `${request.method} ${new URL(request.url).pathname}`;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new KalshiTimeoutError(`${where} got no complete answer within ${timeoutMs} ms`);
  }
  const reason = describeCause(error);
  return new KalshiNetworkError(`${where} failed before an HTTP answer arrived: ${reason}`);
}

/** Node's fetch says only "fetch failed" and keeps the useful part (ECONNREFUSED…) in `cause`. */
function describeCause(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(': ') || 'unknown network error';
}

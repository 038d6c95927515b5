import { KalshiError, KalshiNetworkError, KalshiTimeoutError } from '../errors.js';
import type { Outgoing } from './transport/types.js';
import { pathOf } from './url-path.js';

/**
 * True when the caller aborted on purpose — their signal fired, whatever reason they gave it: such
 * errors pass through untouched and are never retried.
 */
export function isCallerAbort(error: unknown, callerSignal?: AbortSignal): boolean {
  return callerSignal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

/**
 * The one place where whatever a transport (or a body read) threw becomes the SDK's typed error.
 * The original stays reachable as the standard `cause`.
 */
export function transportFailure(error: unknown, request: Outgoing, timeoutMs: number): unknown {
  if (request.signal?.aborted) return request.signal.reason ?? error;
  if (error instanceof KalshiError || isCallerAbort(error)) return error;
  const where = `${request.method} ${pathOf(request.url)}`;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new KalshiTimeoutError(`${where} got no complete answer within ${timeoutMs} ms`, { cause: error });
  }
  return new KalshiNetworkError(`${where} failed before an HTTP answer arrived: ${describeCause(error)}`, { cause: error });
}

/** A plain object logs and serialises where `Headers` shows as `{}`; cookies stay out of logs. */
export function headersOf(headers: Headers | undefined): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  headers?.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  return Object.freeze(out);
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

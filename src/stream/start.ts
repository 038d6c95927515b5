import type { Fill, Order } from '../../generated/schema.js';
import { KalshiApiError, KalshiAuthError, KalshiError, KalshiNetworkError, KalshiStreamError } from '../errors.js';
import type { ServerClock } from '../http/clock.js';
import { correctClock } from '../http/clock-skew.js';
import { pathOf } from '../http/url-path.js';
import { type ResolvedRetry, isRetryableStatus } from '../http/retry.js';
import type { RequestSigner } from '../http/signer.js';
import { apiErrorFrom, errorBodyOf, parseErrorBody } from '../http/wire-errors.js';
import { checkStreamOptions } from './settings.js';
import type { HandshakeAnswer } from './socket.js';
import { type SubaccountPosition, openStream } from './stream.js';
import type { KalshiStream, StreamOptions } from './types.js';
import { streamUrlFor } from './url.js';

/** What `client.stream()` hands over: the client's own signer, retry rules and REST reads. */
export interface StreamClientParts {
  baseUrl: string;
  /** The `wsUrl` option, when given. */
  wsUrl: string | undefined;
  signer: RequestSigner;
  /** The client's signing clock: a handshake refused for its timestamp corrects it, as a request does. */
  clock: ServerClock;
  /** The client's retry settings: the reconnect backoff and which HTTP statuses are worth another try. */
  retry: Pick<ResolvedRetry, 'baseDelayMs' | 'maxDelayMs' | 'statuses'>;
  /** Every fill at or after `min_ts`, newest first, live and archived (`allFills`). */
  fills(query: { min_ts?: number }, signal: AbortSignal): AsyncIterable<Fill>;
  orders(query: { min_ts: number } | { status: 'resting' }, signal: AbortSignal): AsyncIterable<Order>;
  order(orderId: string, signal: AbortSignal): Promise<Order>;
  /** The market positions of every subaccount. */
  positions(signal: AbortSignal): AsyncIterable<SubaccountPosition>;
  /** `GET /exchange/user_data_timestamp`'s `as_of_time`. */
  userDataTime(signal: AbortSignal): Promise<string>;
}

/** Stream error codes another connection may not meet: internal errors, timeouts, overflow, load. */
const PASSING_CODES: ReadonlySet<number> = new Set([6, 10, 17, 18, 25, 27]);

/** Checks the options, works out the URL, and opens the stream with the client's parts. */
export function startStream(parts: StreamClientParts, options: StreamOptions | undefined): KalshiStream {
  const settings = checkStreamOptions(options);
  const url = parts.wsUrl ?? streamUrlFor(parts.baseUrl);
  const path = pathOf(url);
  return openStream(
    {
      url,
      signHandshake: () => parts.signer('GET', path),
      refusedHandshake: (answer, sentAtMs) => (correctClock(parts.clock, answer, sentAtMs) ? undefined : handshakeError(answer, url)),
      // The retry policy's rule: an HTTP status it would not retry is one a reconnect cannot fix either.
      isFatal(error) {
        if (error instanceof KalshiApiError) return !isRetryableStatus(error.status, parts.retry);
        if (error instanceof KalshiStreamError) return !PASSING_CODES.has(error.code);
        return error instanceof KalshiError && !(error instanceof KalshiNetworkError);
      },
      backoff: parts.retry,
      fills: parts.fills,
      orders: parts.orders,
      order: parts.order,
      positions: parts.positions,
      async userDataSeconds(signal) {
        const asOf = await parts.userDataTime(signal);
        const ms = Date.parse(asOf);
        if (Number.isNaN(ms)) throw new KalshiStreamError(`GET /exchange/user_data_timestamp answered an as_of_time that is not a time: ${JSON.stringify(asOf)}`, 0);
        // Date.parse keeps milliseconds; the microseconds beyond them only make the answer later.
        return ms / 1000;
      },
    },
    settings,
  );
}

/**
 * A refused handshake, from its own HTTP answer: 401 and 403 are a key the stream will not take
 * (`KalshiAuthError`, as for REST), anything else the API error its status makes.
 */
function handshakeError(answer: HandshakeAnswer, url: string): KalshiApiError {
  const body = errorBodyOf(answer.bytes);
  const error = apiErrorFrom(answer.status, body, { method: 'GET', url }, { headers: answer.headers });
  if (answer.status !== 403) return error;
  const { status, code, details, bodyExcerpt, method, headers } = error;
  return new KalshiAuthError(
    { status, code, details, bodyExcerpt, method, url, headers, message: parseErrorBody(status, body).message },
    'the key was refused the stream (403): check that it is allowed to trade on this account and environment',
  );
}

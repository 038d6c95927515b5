import type { Fill, MarketPosition } from '../../generated/schema.js';
import type { ServerClock } from '../http/clock.js';
import { correctClock } from '../http/clock-skew.js';
import { pathOf } from '../http/url-path.js';
import type { RequestSigner } from '../http/signer.js';
import type { Transport } from '../http/transport/types.js';
import { apiErrorFrom, errorBodyOf } from '../http/wire-errors.js';
import { checkStreamOptions } from './settings.js';
import { openStream } from './stream.js';
import type { KalshiStream, StreamOptions } from './types.js';
import { probeUrlFor, streamUrlFor } from './url.js';

/** What `client.stream()` hands over: the client's own signer, transport and REST reads. */
export interface StreamClientParts {
  baseUrl: string;
  /** The `wsUrl` option, when given. */
  wsUrl: string | undefined;
  signer: RequestSigner;
  /** The client's signing clock: a handshake refused for its timestamp corrects it, as a request does. */
  clock: ServerClock;
  transport: Transport;
  timeoutMs: number;
  fills(query: { min_ts?: number }, signal: AbortSignal): AsyncIterable<Fill>;
  positions(signal: AbortSignal): AsyncIterable<MarketPosition>;
}

/** Checks the options, works out the URL, and opens the stream with the client's parts. */
export function startStream(parts: StreamClientParts, options: StreamOptions | undefined): KalshiStream {
  const settings = checkStreamOptions(options);
  const url = parts.wsUrl ?? streamUrlFor(parts.baseUrl);
  const path = pathOf(url);
  const probeUrl = probeUrlFor(url);
  return openStream(
    {
      url,
      signHandshake: () => parts.signer('GET', path),
      async probeHandshake(signal) {
        const headers = await parts.signer('GET', path);
        const sentAt = Date.now();
        const answer = await parts.transport({ method: 'GET', url: probeUrl, headers, body: undefined, signal }, parts.timeoutMs);
        // Refused for the timestamp: the clock is now Kalshi's, and the next handshake goes through.
        if (correctClock(parts.clock, answer, sentAt)) return undefined;
        // 401/403: the key is refused; 404: nothing streams at this URL. Retrying fixes neither.
        if (answer.status !== 401 && answer.status !== 403 && answer.status !== 404) return undefined;
        return apiErrorFrom(answer.status, errorBodyOf(answer.bytes), { method: 'GET', url: probeUrl }, { headers: answer.headers });
      },
      fills: parts.fills,
      positions: parts.positions,
    },
    settings,
  );
}

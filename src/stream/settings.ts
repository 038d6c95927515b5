import type { StreamChannel } from '../../generated/stream.js';
import { KalshiInputError } from '../errors.js';
import { refuseUnknownOptions } from '../http/option-names.js';
import type { StreamOptions } from './types.js';

const DEFAULT_CHANNELS: readonly StreamChannel[] = ['fill', 'market_positions', 'user_orders'];
const KNOWN_CHANNELS: ReadonlySet<string> = new Set(['fill', 'market_positions', 'user_orders', 'order_group_updates']);

/** Checked stream options, with their defaults. */
export interface StreamSettings {
  channels: readonly StreamChannel[];
  marketTickers: readonly string[] | undefined;
  signal: AbortSignal | undefined;
  heartbeatMs: number;
  marginSeconds: number;
  reconcileMs: number;
  handshakeTimeoutMs: number;
  maxMessageBytes: number;
  maxQueuedEvents: number;
}

const OPTION_NAMES: readonly (keyof StreamOptions)[] = [
  'channels',
  'marketTickers',
  'signal',
  'heartbeatMs',
  'catchUpMarginSeconds',
  'reconcileMs',
  'handshakeTimeoutMs',
  'maxMessageBytes',
  'maxQueuedEvents',
];

/** Checks `client.stream()`'s options at once, so a mistake throws before anything connects. */
export function checkStreamOptions(options: StreamOptions = {}): StreamSettings {
  if (typeof options !== 'object' || options === null) throw new KalshiInputError('stream() takes an object of options');
  // A JavaScript caller's `heartbeatMS` or `channel` would otherwise be ignored without a word.
  refuseUnknownOptions('stream()', options, OPTION_NAMES, KalshiInputError);
  const channels = options.channels ?? DEFAULT_CHANNELS;
  if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => KNOWN_CHANNELS.has(c))) {
    throw new KalshiInputError(`channels must be a non-empty list of ${[...KNOWN_CHANNELS].map((c) => `"${c}"`).join(', ')}`);
  }
  const tickers = options.marketTickers;
  if (tickers !== undefined && (!Array.isArray(tickers) || !tickers.every((t) => typeof t === 'string' && t.trim() !== ''))) {
    throw new KalshiInputError('marketTickers must be a list of market tickers');
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw new KalshiInputError('signal must be an AbortSignal');
  return {
    channels: [...new Set(channels)],
    marketTickers: tickers?.length ? [...tickers] : undefined,
    signal: options.signal,
    heartbeatMs: positive('heartbeatMs', options.heartbeatMs, 10_000),
    marginSeconds: positive('catchUpMarginSeconds', options.catchUpMarginSeconds, 5, true),
    reconcileMs: positive('reconcileMs', options.reconcileMs, 60_000),
    handshakeTimeoutMs: positive('handshakeTimeoutMs', options.handshakeTimeoutMs, 10_000),
    maxMessageBytes: positive('maxMessageBytes', options.maxMessageBytes, 1024 * 1024),
    maxQueuedEvents: positive('maxQueuedEvents', options.maxQueuedEvents, 10_000),
  };
}

function positive(name: string, value: unknown, fallback: number, zeroAllowed = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!zeroAllowed && value === 0) || value > 2 ** 31 - 1) {
    throw new KalshiInputError(`${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number, got ${typeof value === 'number' ? value : typeof value}`);
  }
  return value;
}

import type { MarketPosition } from '../../generated/schema.js';
import type { StreamChannel, StreamFill, StreamMarketPosition, StreamOrder, StreamOrderGroupUpdate } from '../../generated/stream.js';

/** Where an event came from: the WebSocket, or the REST read that fills the gaps after a (re)connect. */
export type EventSource = 'live' | 'catch-up';

/** A fill of the account. Live and caught-up fills have the same shape. */
export interface FillEvent {
  type: 'fill';
  source: EventSource;
  data: StreamFill;
}

/**
 * The account's position in one market changed. Live ones carry the stream's fields; after a
 * reconnect, positions re-read over REST arrive with `source: 'catch-up'` and REST's fields.
 */
export type MarketPositionEvent =
  | { type: 'market_position'; source: 'live'; data: StreamMarketPosition }
  | { type: 'market_position'; source: 'catch-up'; data: MarketPosition };

/** One of the account's orders changed. */
export interface UserOrderEvent {
  type: 'user_order';
  source: 'live';
  data: StreamOrder;
}

/** Something happened to one of the account's order groups. */
export interface OrderGroupUpdateEvent {
  type: 'order_group_update';
  source: 'live';
  data: StreamOrderGroupUpdate;
}

/** The connection's state: connected, reconnecting (with the attempt and why), or caught up. */
export type StatusEvent =
  | { type: 'status'; status: 'connected' }
  | { type: 'status'; status: 'reconnecting'; attempt: number; delayMs: number; reason: string }
  | { type: 'status'; status: 'caught-up'; caughtUp: { fills: number; positions: number } };

/** What `for await (const event of client.stream())` yields; branch on `type`. */
export type StreamEvent = FillEvent | MarketPositionEvent | UserOrderEvent | OrderGroupUpdateEvent | StatusEvent;

/** The options of `client.stream()`. */
export interface StreamOptions {
  /** Channels to subscribe to. Default `['fill', 'market_positions', 'user_orders']`. */
  channels?: readonly StreamChannel[];
  /** Only these markets (fills, positions and orders); default every market. */
  marketTickers?: readonly string[];
  /** Ends the stream: the iteration rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * How often the connection is checked with a `list_subscriptions` command; a check left
   * unanswered for as long again counts the connection as dead (half-open) and reconnects.
   * Default 10,000 ms, so a silent connection is noticed within about 20 s.
   */
  heartbeatMs?: number;
  /**
   * How far back (seconds of fill time) a catch-up reads before the newest fill yielded, to
   * absorb clock skew and fills that arrive late. Default 5.
   */
  catchUpMarginSeconds?: number;
}

/** A live portfolio stream: iterate it with `for await`; `close()` ends it. */
export interface KalshiStream extends AsyncIterable<StreamEvent> {
  /** Closes the connection and ends the iteration; resolves once nothing is left running. */
  close(): Promise<void>;
}

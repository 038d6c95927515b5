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
 * The account's position in one market changed. Live ones carry the stream's fields; a position
 * found changed by a REST catch-up (after a reconnect, or by the periodic check) arrives with
 * `source: 'catch-up'`, REST's fields and the subaccount it belongs to.
 */
export type MarketPositionEvent =
  | { type: 'market_position'; source: 'live'; data: StreamMarketPosition }
  | { type: 'market_position'; source: 'catch-up'; data: MarketPosition; subaccount?: number };

/**
 * One of the account's orders changed: live, or found changed by a REST catch-up (after a gap, or
 * by the periodic check), in the same shape either way.
 */
export interface UserOrderEvent {
  type: 'user_order';
  source: EventSource;
  data: StreamOrder;
}

/** Something happened to one of the account's order groups. */
export interface OrderGroupUpdateEvent {
  type: 'order_group_update';
  source: 'live';
  data: StreamOrderGroupUpdate;
}

/**
 * The connection's state: connected, reconnecting (with the attempt, the wait and why), or caught
 * up (what the REST catch-up found that the stream had not delivered; `orders` when the
 * `user_orders` channel is on).
 */
export type StatusEvent =
  | { type: 'status'; status: 'connected' }
  | { type: 'status'; status: 'reconnecting'; attempt: number; delayMs: number; reason: string }
  | { type: 'status'; status: 'caught-up'; caughtUp: { fills: number; positions: number; orders?: number } };

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
  /**
   * How often, while connected, the stream re-reads fills, orders and positions over REST to
   * recover a message lost on a healthy connection (Kalshi's private channels have no sequence
   * numbers). Default 60,000 ms. See docs/stream.md for what each check costs.
   */
  reconcileMs?: number;
  /** A handshake unanswered this long is given up and tried again. Default 10,000 ms. */
  handshakeTimeoutMs?: number;
  /** The largest message accepted (Node); a bigger one ends the connection, and a catch-up follows. Default 1 MiB. */
  maxMessageBytes?: number;
  /**
   * How many events may wait for the consumer. Past it the stream stops reading the socket (it
   * drops the connection), waits until half of them are taken, reconnects and catches up over
   * REST: memory stays bounded and no fill is lost. Default 10,000.
   */
  maxQueuedEvents?: number;
}

/** A live portfolio stream: iterate it with `for await`; `close()` ends it. */
export interface KalshiStream extends AsyncIterable<StreamEvent> {
  /** Closes the connection and ends the iteration; resolves once nothing is left running. */
  close(): Promise<void>;
}

import type { Fill, MarketPosition, Order } from '../../generated/schema.js';
import type { StreamChannel, StreamFill, StreamMarketPosition, StreamOrder } from '../../generated/stream.js';
import { delay } from '../http/delay.js';
import { fullJitterMs } from '../http/retry.js';
import { KalshiApiError, KalshiStreamError } from '../errors.js';
import { type Connection, type DataMessage, TERMINAL_CODES, attachConnection } from './connection.js';
import { fillSecond } from '../fill-time.js';
import { streamFillFrom } from './fills.js';
import { streamOrderFrom } from './orders.js';
import { createEventQueue } from './queue.js';
import { createSeenFills } from './seen-fills.js';
import type { StreamSettings } from './settings.js';
import { type HandshakeAnswer, type OpenedSocket, type SocketFactory, type StreamSocket, socketFactory } from './socket.js';
import type { KalshiStream, StreamEvent } from './types.js';

/** A market position of one subaccount, as REST lists it. */
export interface SubaccountPosition {
  subaccount: number;
  position: MarketPosition;
}

/** What the stream needs from the client: the signer, REST reads, the retry rules, and a socket to open. */
export interface StreamDeps {
  url: string;
  /** The three signing headers for `GET /trade-api/ws/v2`, with a fresh timestamp. */
  signHandshake(): Promise<Record<string, string>>;
  /**
   * A refused handshake's own HTTP answer, judged: the error to report, or undefined when the
   * refusal was for the signing clock, which is now corrected (try again at once).
   */
  refusedHandshake(answer: HandshakeAnswer, sentAtMs: number): Error | undefined;
  /** The retry policy's rule: true when trying again cannot help (a refused key, nothing at this URL). */
  isFatal(error: unknown): boolean;
  /** The reconnect backoff: the retry policy's ceilings. */
  backoff: { baseDelayMs: number; maxDelayMs: number };
  /** Every fill at or after `min_ts` (seconds), newest first: live ones, then archived ones when the window crosses the cutoff. */
  fills(query: { min_ts?: number }, signal: AbortSignal): AsyncIterable<Fill>;
  /** Orders created at or after `min_ts`, or the resting ones, newest first, every page. */
  orders(query: { min_ts: number } | { status: 'resting' }, signal: AbortSignal): AsyncIterable<Order>;
  /** One order by id. */
  order(orderId: string, signal: AbortSignal): Promise<Order>;
  /** The market positions of every subaccount. */
  positions(signal: AbortSignal): AsyncIterable<SubaccountPosition>;
  /** `GET /exchange/user_data_timestamp`: the Unix time (seconds, with fractions) REST's fills, orders and positions are current to. */
  userDataSeconds(signal: AbortSignal): Promise<number>;
  /** Internal: backoff jitter and the socket; tests pass their own. */
  random?: () => number;
  socketFactory?: () => Promise<SocketFactory>;
}

/**
 * The stream's states, the way `ws` and undici name a connection's: each connection goes
 * connecting → subscribing → catching-up → live; a repair or a periodic check goes live →
 * subscribing → catching-up → live on the same connection; any end goes to backing-off, then
 * connecting again; closed is final.
 */
export type StreamState = 'connecting' | 'subscribing' | 'catching-up' | 'live' | 'backing-off' | 'closed';

const TRANSITIONS: Readonly<Record<StreamState, readonly StreamState[]>> = {
  connecting: ['subscribing', 'backing-off', 'closed'],
  subscribing: ['catching-up', 'backing-off', 'closed'],
  'catching-up': ['live', 'backing-off', 'closed'],
  live: ['subscribing', 'backing-off', 'closed'],
  'backing-off': ['connecting', 'closed'],
  closed: [],
};

const EVENT_TYPES = { fill: 'fill', market_position: 'market_position', user_order: 'user_order', order_group_updates: 'order_group_update' } as const;
/** Syncs broken by a terminal error in a row before the connection is given up. */
const MAX_SYNC_RETRIES = 5;
/** Finished orders are remembered this long (for telling a changed order from a known one), then forgotten. */
const FINISHED_ORDER_MEMORY_MS = 10 * 60_000;

/**
 * A live portfolio that loses no fill and doubles none. Kalshi's private channels carry no
 * sequence numbers and replay nothing, and its REST views trail the stream; so the stream keeps a
 * REST watermark: a second up to which every fill is known to have been yielded, proven by a
 * complete REST read made after `user_data_timestamp` said REST was current past it. Each catch-up
 * (after a connect, a broken subscription, and every `reconcileMs`) reads from the watermark less
 * the margin, yields the fills not yet yielded, oldest first, then what arrived live meanwhile,
 * and moves the watermark on. A catch-up's result is kept even if its connection dies meanwhile,
 * so progress survives drops.
 */
export function openStream(deps: StreamDeps, settings: StreamSettings): KalshiStream {
  const machine = new StreamMachine(deps, settings);
  return {
    [Symbol.asyncIterator]() {
      return {
        next: () => machine.queue.next(),
        return: async () => {
          await machine.close();
          return { value: undefined, done: true };
        },
      };
    },
    close: () => machine.close(),
  };
}

type CatchUpKind = 'first' | 'reconnect' | 'same-connection';

/** One connection's part of the machine: its socket, what it holds, and how it ended. */
interface Session {
  connection: Connection;
  /** sid → channel of the subscriptions this connection delivers from. */
  channels: Map<number, StreamChannel>;
  /** Live data held while a catch-up runs, delivered after it (undefined: deliver at once). */
  held: DataMessage[] | undefined;
  ended: Promise<string>;
  alive: boolean;
  /** Passed a heartbeat while live: only then does the backoff start over. */
  healthy: boolean;
  /**
   * What its next catch-up says of orders and positions: on the stream's first connection, nothing
   * (they are the starting state, learnt quietly); after a reconnect, every position afresh; else
   * what changed.
   */
  catchUpKind: CatchUpKind;
  /** Has subscribed at least once. */
  subscribed: boolean;
}

class StreamMachine {
  readonly queue = createEventQueue<StreamEvent>();
  state: StreamState = 'connecting';
  private readonly stop = new AbortController();
  private readonly seen = createSeenFills();
  private readonly tickers: ReadonlySet<string> | undefined;
  private readonly random: () => number;
  /** Every fill at or before this second has been yielded (proven over REST); undefined before the first read. */
  private watermark: number | undefined;
  private readonly positions = new Map<string, string>();
  private readonly orders = new Map<string, { state: string; finishedAt: number | undefined }>();
  private session: Session | undefined;
  /** The sync (subscribe + catch-up) in flight, and whether another was asked for meanwhile. */
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  private attempt = 0;
  private connections = 0;
  private closing: Promise<void> = Promise.resolve();
  private readonly running: Promise<void>;
  private readonly onCallerAbort = () => this.shutDown(this.settings.signal!.reason, true);

  constructor(
    private readonly deps: StreamDeps,
    private readonly settings: StreamSettings,
  ) {
    this.tickers = settings.marketTickers ? new Set(settings.marketTickers) : undefined;
    this.random = deps.random ?? Math.random;
    settings.signal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (settings.signal?.aborted) this.onCallerAbort();
    this.running = this.state === 'closed' ? Promise.resolve() : this.run().catch((error: unknown) => this.shutDown(error));
  }

  async close(): Promise<void> {
    this.shutDown();
    await this.running;
    await this.closing;
  }

  private to(next: StreamState): void {
    if (this.state === 'closed') return;
    if (!TRANSITIONS[this.state].includes(next)) throw new Error(`the stream cannot go from ${this.state} to ${next}`);
    this.state = next;
  }

  /** Ends the stream: on close or abort at once (`discard`), on a failure after what is queued. */
  private shutDown(failure?: unknown, discard = failure === undefined): void {
    if (this.state === 'closed') return;
    this.to('closed');
    this.settings.signal?.removeEventListener('abort', this.onCallerAbort);
    this.stop.abort();
    if (this.session) this.closing = this.session.connection.drop('the stream was closed', true);
    if (failure === undefined) this.queue.finish({ discard });
    else this.queue.fail(failure, { discard });
  }

  private get closed(): boolean {
    return this.state === 'closed';
  }

  private async run(): Promise<void> {
    let remembered = false;
    while (!this.closed) {
      let reason: string;
      try {
        if (!remembered) await this.rememberHistory();
        remembered = true;
        reason = await this.connectOnce();
      } catch (error) {
        if (this.closed) return;
        if (this.deps.isFatal(error)) throw error;
        reason = error instanceof Error ? error.message : String(error);
      }
      if (this.closed) return;
      this.to('backing-off');
      this.attempt++;
      const delayMs = fullJitterMs(this.attempt, this.deps.backoff, this.random);
      this.queue.push({ type: 'status', status: 'reconnecting', attempt: this.attempt, delayMs, reason });
      await delay(delayMs, this.stop.signal).catch(() => undefined);
      // A consumer far behind gets its queue back to half before the socket is read again.
      await this.queue.whenAtMost(Math.floor(this.settings.maxQueuedEvents / 2));
      if (this.closed) return;
      this.to('connecting');
    }
  }

  /**
   * Fills that existed before the stream began are history, not news: those since the REST
   * watermark (less the margin) are remembered as yielded. (Orders and positions are taken as they
   * stand by the first catch-up.)
   */
  private async rememberHistory(): Promise<void> {
    const asOf = await this.deps.userDataSeconds(this.stop.signal);
    this.watermark = Math.floor(asOf) - 1;
    if (!this.settings.channels.includes('fill')) return;
    const from = this.watermark - this.settings.marginSeconds;
    for await (const fill of this.deps.fills({ min_ts: from }, this.stop.signal)) this.seen.add(fill.trade_id, fillSecond(fill) ?? this.watermark);
  }

  /** One connection, from the handshake to its end; resolves with why it ended. */
  private async connectOnce(): Promise<string> {
    const link = await this.handshake();
    let ended: (reason: string) => void = () => undefined;
    const session: Session = {
      connection: undefined as unknown as Connection,
      channels: new Map(),
      held: [],
      ended: new Promise<string>((resolve) => (ended = resolve)),
      alive: true,
      healthy: false,
      catchUpKind: this.connections++ === 0 ? 'first' : 'reconnect',
      subscribed: false,
    };
    session.connection = attachConnection(link, {
      data: (message) => this.received(session, message),
      subscriptionsBroken: () => this.requestSync(session),
      closed: (reason) => {
        session.alive = false;
        ended(reason);
      },
    });
    this.session = session;
    if (this.closed) {
      this.closing = session.connection.drop('the stream was closed', true);
      return 'closed';
    }
    this.queue.push({ type: 'status', status: 'connected' });
    const heartbeat = setInterval(() => this.heartbeat(session), this.settings.heartbeatMs);
    const reconcile = setInterval(() => this.requestSync(session), this.settings.reconcileMs);
    try {
      this.requestSync(session);
      const reason = await session.ended;
      // A catch-up under way finishes and yields what it read, so a dropped connection never costs progress.
      await this.syncing?.catch(() => undefined);
      return reason;
    } finally {
      clearInterval(heartbeat);
      clearInterval(reconcile);
      if (this.session === session) this.session = undefined;
    }
  }

  /** Opens a socket within the handshake deadline; a refusal is judged from its own HTTP answer. */
  private async handshake(): Promise<OpenedSocket> {
    const factory = await (this.deps.socketFactory ?? socketFactory)();
    const headers = await this.deps.signHandshake();
    const sentAtMs = Date.now();
    const link = factory(this.deps.url, headers, { handshakeTimeoutMs: this.settings.handshakeTimeoutMs, maxMessageBytes: this.settings.maxMessageBytes });
    try {
      await opened(link.socket, this.stop.signal, this.settings.handshakeTimeoutMs);
    } catch (error) {
      link.terminate();
      if (this.closed || !link.refusal) throw error;
      throw this.deps.refusedHandshake(link.refusal, sentAtMs) ?? new Error(`the handshake was refused (HTTP ${link.refusal.status}) for its timestamp; the clock is corrected`);
    }
    return link;
  }

  /** A `list_subscriptions` with a deadline: a half-open connection is dropped; a missing channel is subscribed again. */
  private heartbeat(session: Session): void {
    const { connection } = session;
    connection.listSubscriptions(this.settings.heartbeatMs).then(
      (listed) => {
        if (this.state === 'live' && this.session === session && !session.healthy) {
          session.healthy = true;
          this.attempt = 0;
        }
        if (this.missingChannels(listed).length > 0) this.requestSync(session);
      },
      (error: unknown) => {
        // An error reply is an answer: the connection is alive (a terminal one already asked for a sync).
        if (error instanceof KalshiStreamError) return;
        void connection.drop(`no answer to a heartbeat within ${this.settings.heartbeatMs} ms: the connection is half-open`);
      },
    );
  }

  private missingChannels(listed: ReadonlyMap<number, StreamChannel>): StreamChannel[] {
    const have = new Set(listed.values());
    return this.settings.channels.filter((channel) => !have.has(channel));
  }

  /** Runs a sync now, or once more after the one in flight: syncs never overlap. */
  private requestSync(session: Session): void {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = (async () => {
      for (let broken = 0; ; ) {
        this.syncAgain = false;
        try {
          await this.sync(session);
        } catch (error) {
          // A subscription broke again while being made: make it again, a few times, before giving up on the connection.
          if (!(error instanceof KalshiStreamError && TERMINAL_CODES.has(error.code)) || ++broken > MAX_SYNC_RETRIES) throw error;
          this.syncAgain = true;
        }
        if (!this.syncAgain || !session.alive || this.closed) return;
      }
    })()
      .catch((error: unknown) => {
        if (this.closed) return;
        if (this.deps.isFatal(error)) this.shutDown(error);
        else void session.connection.drop(error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        this.syncing = undefined;
      });
  }

  /** Subscribes what is missing, then catches up over REST, then delivers what arrived live meanwhile. */
  private async sync(session: Session): Promise<void> {
    if (this.closed) return;
    const deadlineMs = this.settings.heartbeatMs * 2;
    session.held ??= [];
    this.to('subscribing');
    if (session.alive) {
      // A fresh connection holds nothing yet; later, ask the server what it still holds (Kalshi's error names no sid).
      const listed = session.subscribed ? await session.connection.listSubscriptions(deadlineMs) : new Map<number, StreamChannel>();
      const missing = this.missingChannels(listed);
      const made = missing.length > 0 ? await session.connection.subscribe(missing, this.settings.marketTickers, deadlineMs) : new Map<number, StreamChannel>();
      session.channels = new Map([...listed, ...made]);
      session.subscribed = true;
    }
    if (this.closed) return;
    this.to('catching-up');
    const caughtUp = await this.catchUp(session.catchUpKind);
    session.catchUpKind = 'same-connection';
    if (this.closed) return;
    const held = session.held;
    session.held = undefined;
    for (const message of held) if (session.channels.has(message.sid)) this.deliver(message);
    this.to('live');
    this.queue.push({ type: 'status', status: 'caught-up', caughtUp });
  }

  /**
   * Reads REST from the watermark less the margin, yields what was not delivered, and moves the
   * watermark on. Orders and positions are yielded when they differ from what the stream last
   * said of them (see `CatchUpKind`).
   */
  private async catchUp(kind: CatchUpKind): Promise<{ fills: number; positions: number; orders?: number }> {
    const quiet = kind === 'first';
    const { channels, marginSeconds } = this.settings;
    const { signal } = this.stop;
    const asOf = await this.deps.userDataSeconds(signal);
    const from = (this.watermark ?? Math.floor(asOf)) - marginSeconds;
    let fills = 0;
    if (channels.includes('fill')) {
      const missed: StreamFill[] = [];
      for await (const fill of this.deps.fills({ min_ts: from }, signal)) {
        if (this.seen.has(fill.trade_id) || !this.wanted(fill.market_ticker)) continue;
        missed.push(streamFillFrom(fill));
      }
      missed.sort((a, b) => a.ts_ms - b.ts_ms);
      for (const fill of missed) if (this.yieldFill(fill, 'catch-up')) fills++;
    }
    let orders = 0;
    if (channels.includes('user_orders')) {
      const listed = new Set<string>();
      const changed: Order[] = [];
      const note = (order: Order) => {
        listed.add(order.order_id);
        if (this.wanted(order.ticker) && this.orderChanged(order.order_id, orderState(order))) changed.push(order);
      };
      for await (const order of this.deps.orders({ min_ts: from }, signal)) note(order);
      for await (const order of this.deps.orders({ status: 'resting' }, signal)) if (!listed.has(order.order_id)) note(order);
      // An order known as resting that is neither resting nor recent any more was filled or canceled during the gap.
      for (const [orderId, known] of this.orders) {
        if (known.finishedAt === undefined && !listed.has(orderId)) {
          const order = await this.deps.order(orderId, signal).catch((error: unknown) => {
            // Archived or gone: nothing more to say of it, and no reason to end the stream.
            if (error instanceof KalshiApiError && error.status === 404) return undefined;
            throw error;
          });
          if (order) note(order);
          else this.orders.delete(orderId);
        }
      }
      const updates = (quiet ? [] : changed).map(streamOrderFrom).sort((a, b) => (a.last_updated_ts_ms ?? a.created_ts_ms) - (b.last_updated_ts_ms ?? b.created_ts_ms));
      for (const order of updates) this.queue.push({ type: 'user_order', source: 'catch-up', data: order });
      orders = updates.length;
    }
    let positions = 0;
    if (channels.includes('market_positions')) {
      for await (const { subaccount, position } of this.deps.positions(signal)) {
        const key = positionKey(subaccount, position.ticker);
        if (!this.wanted(position.ticker) || (kind !== 'reconnect' && this.positions.get(key) === position.position_fp)) continue;
        this.positions.set(key, position.position_fp);
        if (quiet) continue;
        this.queue.push({ type: 'market_position', source: 'catch-up', data: position, subaccount });
        positions++;
      }
    }
    // Every fill at or before the second before `asOf` was in REST when it was read.
    this.watermark = Math.max(this.watermark ?? -Infinity, Math.floor(asOf) - 1);
    this.seen.forgetBefore(this.watermark - marginSeconds);
    this.forgetFinishedOrders();
    return channels.includes('user_orders') ? { fills, positions, orders } : { fills, positions };
  }

  private wanted(ticker: string): boolean {
    return !this.tickers || this.tickers.has(ticker);
  }

  /** Records an order's state; true when it differs from the one known. */
  private orderChanged(orderId: string, state: string): boolean {
    const known = this.orders.get(orderId);
    if (known?.state === state) return false;
    this.orders.set(orderId, { state, finishedAt: state.startsWith('resting') ? undefined : Date.now() });
    return true;
  }

  private forgetFinishedOrders(): void {
    const before = Date.now() - FINISHED_ORDER_MEMORY_MS;
    for (const [orderId, known] of this.orders) if (known.finishedAt !== undefined && known.finishedAt < before) this.orders.delete(orderId);
  }

  /** A data message off the wire: held during a catch-up, else delivered; a consumer too far behind stops the reading. */
  private received(session: Session, message: DataMessage): void {
    if (session.held) {
      session.held.push(message);
      if (session.held.length > this.settings.maxQueuedEvents) void session.connection.drop(`more than ${this.settings.maxQueuedEvents} messages arrived during a catch-up`);
      return;
    }
    if (!session.channels.has(message.sid)) return;
    this.deliver(message);
    if (this.queue.size > this.settings.maxQueuedEvents) {
      void session.connection.drop(`the consumer is ${this.queue.size} events behind: reading stops until it catches up, then REST fills the gap`);
    }
  }

  private deliver(message: DataMessage): void {
    const { msg } = message;
    switch (message.type) {
      case 'fill':
        if (typeof msg['trade_id'] === 'string') this.yieldFill(msg as unknown as StreamFill, 'live');
        return;
      case 'market_position': {
        const position = msg as unknown as StreamMarketPosition;
        this.positions.set(positionKey(position.subaccount ?? 0, position.market_ticker), position.position_fp);
        break;
      }
      case 'user_order': {
        const order = msg as unknown as StreamOrder;
        if (typeof order.order_id === 'string') this.orderChanged(order.order_id, orderState(order));
        break;
      }
      default:
    }
    this.queue.push({ type: EVENT_TYPES[message.type], source: 'live', data: msg } as StreamEvent);
  }

  /** Yields a fill unless it was yielded before; true when yielded. */
  private yieldFill(fill: StreamFill, source: 'live' | 'catch-up'): boolean {
    if (this.seen.has(fill.trade_id)) return false;
    this.seen.add(fill.trade_id, fillSecond(fill) ?? Math.floor(fill.ts_ms / 1000));
    this.queue.push({ type: 'fill', source, data: fill });
    return true;
  }
}

function positionKey(subaccount: number, ticker: string): string {
  return `${subaccount}:${ticker}`;
}

/** What tells one state of an order from the next: status and counts (the same fields in REST and on the stream). */
function orderState(order: { status: string; fill_count_fp: string; remaining_count_fp: string }): string {
  return `${order.status}|${order.fill_count_fp}|${order.remaining_count_fp}`;
}

/** Waits for the socket to open within the deadline; a close or error first means the handshake failed. */
function opened(socket: StreamSocket, signal: AbortSignal, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('error', onFail);
      socket.removeEventListener('close', onFail);
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onOpen = () => done();
    const onFail = () => done(new Error('the WebSocket handshake failed'));
    const onAbort = () => done(new Error('the stream was closed'));
    // ws times the handshake out itself; this deadline covers the runtimes whose WebSocket does not.
    const timer = setTimeout(() => done(new Error(`no answer to the WebSocket handshake within ${timeoutMs} ms`)), timeoutMs);
    socket.addEventListener('open', onOpen);
    socket.addEventListener('error', onFail);
    socket.addEventListener('close', onFail);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

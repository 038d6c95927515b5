import type { Fill, MarketPosition } from '../../generated/schema.js';
import type { StreamChannel, StreamFill } from '../../generated/stream.js';
import { KalshiApiError, KalshiError, KalshiNetworkError, KalshiStreamError } from '../errors.js';
import { delay } from '../http/delay.js';
import { type Connection, type DataMessage, attachConnection } from './connection.js';
import { fillSecond, streamFillFrom } from './fills.js';
import { createEventQueue } from './queue.js';
import { createSeenFills } from './seen-fills.js';
import { socketFactory, type StreamSocket } from './socket.js';
import type { StreamSettings } from './settings.js';
import type { KalshiStream, StreamEvent } from './types.js';

/** What the stream needs from the client: the signer, REST reads, and a socket to open. */
export interface StreamDeps {
  url: string;
  /** The three signing headers for `GET /trade-api/ws/v2`, with a fresh timestamp. */
  signHandshake(): Promise<Record<string, string>>;
  /** After a failed handshake: the answer a signed plain GET gets, as an error if retrying cannot help (401, 403, 404). */
  probeHandshake(signal: AbortSignal): Promise<KalshiApiError | undefined>;
  /** The account's fills, newest first, every page. */
  fills(query: { min_ts?: number }, signal: AbortSignal): AsyncIterable<Fill>;
  /** The account's market positions, every page. */
  positions(signal: AbortSignal): AsyncIterable<MarketPosition>;
  /** Internal: backoff jitter; tests pass their own. */
  random?: () => number;
}

const EVENT_TYPES = { fill: 'fill', market_position: 'market_position', user_order: 'user_order', order_group_updates: 'order_group_update' } as const;
/** Fill seconds kept for duplicate suppression beyond the catch-up margin. */
const REMEMBERED_SECONDS = 120;
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 15_000;


/**
 * A live portfolio that loses no fill and doubles none. Kalshi's private channels carry no
 * sequence numbers and replay nothing, so after every connect the stream subscribes first (and
 * holds what arrives), then reads over REST every fill since the newest one it has yielded (less
 * a margin), yields the ones it has not yielded yet, oldest first, and only then what it held.
 */
export function openStream(deps: StreamDeps, settings: StreamSettings): KalshiStream {
  const queue = createEventQueue<StreamEvent>();
  const stop = new AbortController();
  const seen = createSeenFills(REMEMBERED_SECONDS + settings.marginSeconds);
  const random = deps.random ?? Math.random;
  const tickers = settings.marketTickers ? new Set(settings.marketTickers) : undefined;
  let connection: Connection | undefined;
  let stopped = false;
  let closing: Promise<void> = Promise.resolve();

  const onCallerAbort = () => shutDown(settings.signal!.reason, true);
  settings.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (settings.signal?.aborted) onCallerAbort();

  /** Ends the stream: on close or abort at once (`discard`), on a failure after what is queued. */
  function shutDown(failure?: unknown, discard = failure === undefined): void {
    if (stopped) return;
    stopped = true;
    settings.signal?.removeEventListener('abort', onCallerAbort);
    stop.abort();
    if (connection) closing = connection.drop('the stream was closed', true);
    if (failure === undefined) queue.finish({ discard });
    else queue.fail(failure, { discard });
  }

  const running = stopped ? Promise.resolve() : run().catch((error: unknown) => shutDown(error));

  async function run(): Promise<void> {
    let remembered = false;
    for (let attempt = 0, connected = 0; !stopped; ) {
      let reason: string;
      try {
        if (!remembered) await rememberExistingFills();
        remembered = true;
        reason = await connectOnce(connected++ > 0, () => {
          attempt = 0;
        });
      } catch (error) {
        if (stopped) return;
        if (isFatal(error)) throw error;
        reason = error instanceof Error ? error.message : String(error);
      }
      if (stopped) return;
      attempt++;
      const delayMs = Math.round(random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt - 1, 16)));
      queue.push({ type: 'status', status: 'reconnecting', attempt, delayMs, reason });
      await delay(delayMs, stop.signal).catch(() => undefined);
    }
  }

  /** Fills that existed before the stream began are history, not news: remember the recent ones as seen. */
  async function rememberExistingFills(): Promise<void> {
    if (!settings.channels.includes('fill')) return;
    let newest: number | undefined;
    for await (const fill of deps.fills({}, stop.signal)) {
      const second = fillSecond(fill);
      newest ??= second;
      if (second < newest - REMEMBERED_SECONDS) break;
      seen.add(fill.trade_id, second);
    }
  }

  /** One connection, from the handshake to its end; resolves with why it ended. */
  async function connectOnce(isReconnect: boolean, caughtUp: () => void): Promise<string> {
    const factory = await socketFactory();
    const link = factory(deps.url, await deps.signHandshake());
    try {
      await opened(link.socket, stop.signal);
    } catch (error) {
      link.terminate();
      if (stopped) throw error;
      const refused = await deps.probeHandshake(stop.signal).catch(() => undefined);
      throw refused ?? error;
    }
    let ended: (reason: string) => void = () => undefined;
    let alive = true;
    const closed = new Promise<string>((resolve) => (ended = resolve)).finally(() => {
      alive = false;
    });
    let holding: DataMessage[] | undefined = [];
    let channelsBySid = new Map<number, StreamChannel>();
    const current = attachConnection(link, {
      data(message) {
        if (!channelsBySid.has(message.sid) && holding === undefined) return;
        if (holding) holding.push(message);
        else deliver(message, 'live');
      },
      subscriptionLost(sid) {
        const channel = channelsBySid.get(sid);
        if (!channel) return;
        channelsBySid.delete(sid);
        resubscribe(channel).catch((error: unknown) => (isFatal(error) ? shutDown(error) : void current.drop(`resubscribing failed: ${String(error)}`)));
      },
      closed: (reason) => ended(reason),
    });
    connection = current;
    if (stopped) {
      closing = current.drop('the stream was closed', true);
      return 'closed';
    }
    queue.push({ type: 'status', status: 'connected' });
    const deadlineMs = settings.heartbeatMs * 2;

    /** Subscribes, then fills the gap over REST; a connection that ends meanwhile yields nothing more. */
    async function catchUp(channels: readonly StreamChannel[], withPositions: boolean): Promise<void> {
      holding ??= [];
      const sids = await current.subscribe(channels, settings.marketTickers, deadlineMs);
      if (!alive) return;
      for (const [sid, channel] of sids) channelsBySid.set(sid, channel);
      const fills = channels.includes('fill') ? await missedFills(() => alive) : 0;
      const positions = withPositions && channels.includes('market_positions') && alive ? await currentPositions(() => alive) : 0;
      if (!alive) return;
      const held = holding;
      holding = undefined;
      for (const message of held) if (channelsBySid.has(message.sid)) deliver(message, 'live');
      queue.push({ type: 'status', status: 'caught-up', caughtUp: { fills, positions } });
    }

    async function resubscribe(channel: StreamChannel): Promise<void> {
      await catchUp([channel], channel === 'market_positions');
    }

    const heartbeat = setInterval(() => {
      current.ping(settings.heartbeatMs).catch(() => void current.drop(`no answer to a heartbeat within ${settings.heartbeatMs} ms: the connection is half-open`));
    }, settings.heartbeatMs);
    try {
      const catching = catchUp(settings.channels, isReconnect).then(() => undefined);
      const first = await Promise.race([catching, closed]);
      if (first !== undefined) {
        catching.catch(() => undefined); // the connection ended first; its catch-up no longer matters
        return first;
      }
      caughtUp();
      return await closed;
    } catch (error) {
      await current.drop(error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      clearInterval(heartbeat);
      if (connection === current) connection = undefined;
    }
  }

  /** Every fill since the newest one yielded (less the margin) that was not yielded yet, oldest first. */
  async function missedFills(stillWanted: () => boolean): Promise<number> {
    const newest = seen.newestSecond;
    const query = newest === undefined ? {} : { min_ts: Math.max(0, newest - settings.marginSeconds) };
    const missed: StreamFill[] = [];
    for await (const fill of deps.fills(query, stop.signal)) {
      if (seen.has(fill.trade_id) || (tickers && !tickers.has(fill.market_ticker))) continue;
      missed.push(streamFillFrom(fill));
    }
    if (!stillWanted()) return 0;
    missed.sort((a, b) => a.ts_ms - b.ts_ms);
    for (const fill of missed) yieldFill(fill, 'catch-up');
    return missed.length;
  }

  async function currentPositions(stillWanted: () => boolean): Promise<number> {
    const positions: MarketPosition[] = [];
    for await (const position of deps.positions(stop.signal)) {
      if (!tickers || tickers.has(position.ticker)) positions.push(position);
    }
    if (!stillWanted()) return 0;
    for (const position of positions) queue.push({ type: 'market_position', source: 'catch-up', data: position });
    return positions.length;
  }

  function yieldFill(fill: StreamFill, source: 'live' | 'catch-up'): void {
    if (seen.has(fill.trade_id)) return;
    seen.add(fill.trade_id, fill.ts ?? Math.floor(fill.ts_ms / 1000));
    queue.push({ type: 'fill', source, data: fill });
  }

  function deliver(message: DataMessage, source: 'live'): void {
    if (message.type === 'fill') {
      if (typeof message.msg['trade_id'] === 'string') yieldFill(message.msg as unknown as StreamFill, source);
      return;
    }
    queue.push({ type: EVENT_TYPES[message.type], source, data: message.msg } as StreamEvent);
  }

  return {
    [Symbol.asyncIterator]() {
      return {
        next: () => queue.next(),
        return: async () => {
          shutDown();
          await running;
          await closing;
          return { value: undefined, done: true };
        },
      };
    },
    async close() {
      shutDown();
      await running;
      await closing;
    },
  };
}

/** Waits for the socket to open; a close or error first means the handshake failed. */
function opened(socket: StreamSocket, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('error', onFail);
      socket.removeEventListener('close', onFail);
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onOpen = () => done();
    const onFail = () => done(new Error('the WebSocket handshake failed'));
    const onAbort = () => {
      try {
        socket.close();
      } catch {
        // Not open yet: the runtime drops it.
      }
      done(new Error('the stream was closed'));
    };
    socket.addEventListener('open', onOpen);
    socket.addEventListener('error', onFail);
    socket.addEventListener('close', onFail);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Stream error codes that another connection may not meet: internal errors, timeouts, overflow, load. */
const PASSING_CODES: ReadonlySet<number> = new Set([6, 10, 17, 18, 25, 27]);

/** Retrying cannot fix these: a refused key, a command the server will always refuse, a broken contract. */
function isFatal(error: unknown): boolean {
  if (error instanceof KalshiApiError) return error.status === 401 || error.status === 403 || error.status === 404;
  if (error instanceof KalshiStreamError) return !PASSING_CODES.has(error.code);
  return error instanceof KalshiError && !(error instanceof KalshiNetworkError);
}

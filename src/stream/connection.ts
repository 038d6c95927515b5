import type { ErrorReply, StreamChannel } from '../../generated/stream.js';
import { KalshiStreamError } from '../errors.js';
import type { OpenedSocket } from './socket.js';

/** A data message of one of the private channels, as it came off the wire. */
export interface DataMessage {
  type: 'fill' | 'market_position' | 'user_order' | 'order_group_updates';
  sid: number;
  msg: Record<string, unknown>;
}

/** Kalshi's error codes after which a subscription is gone and must be made again. */
export const TERMINAL_CODES: ReadonlySet<number> = new Set([10, 17, 25]);

const DATA_TYPES = new Set(['fill', 'market_position', 'user_order', 'order_group_updates']);
const OPEN = 1;

/** What the connection tells its owner; each is called at most as often as the wire says so. */
export interface ConnectionHandlers {
  data(message: DataMessage): void;
  /**
   * A terminal error (10, 17, 25) arrived, on its own or in answer to a command. Kalshi's error
   * names no `sid`, so which subscription died is for the owner to find out (list_subscriptions).
   */
  subscriptionsBroken(error: KalshiStreamError): void;
  /** The socket closed or failed; called once. */
  closed(reason: string): void;
}

/**
 * One open WebSocket: sends commands with their own ids and matches the replies, hands data
 * messages on, and reports its end once. It never reconnects; the stream does that.
 */
export interface Connection {
  subscribe(channels: readonly StreamChannel[], marketTickers: readonly string[] | undefined, deadlineMs: number): Promise<Map<number, StreamChannel>>;
  /** The subscriptions the server holds for this connection (sid → channel); rejects past the deadline. */
  listSubscriptions(deadlineMs: number): Promise<Map<number, StreamChannel>>;
  /**
   * Ends the connection. Gracefully, it sends a close frame and waits up to a second for the
   * server's; otherwise (a half-open peer) it ends the connection at once. Resolves when it is gone.
   */
  drop(reason: string, graceful?: boolean): Promise<void>;
}

const CLOSE_GRACE_MS = 1_000;

interface Pending {
  resolve(reply: Record<string, unknown>): void;
  reject(error: unknown): void;
  timer: ReturnType<typeof setTimeout>;
  /** A subscribe gets one reply per channel. */
  expected: number;
  replies: Record<string, unknown>[];
}

export function attachConnection(opened: OpenedSocket, handlers: ConnectionHandlers): Connection {
  const { socket } = opened;
  let nextId = 1;
  let gone: (() => void) | undefined;
  const closedForGood = new Promise<void>((resolve) => (gone = resolve));
  const pending = new Map<number, Pending>();
  let ended = false;

  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    socket.removeEventListener('message', onMessage);
    socket.removeEventListener('close', onClose);
    socket.removeEventListener('error', onError);
    for (const [, command] of pending) {
      clearTimeout(command.timer);
      command.reject(new Error(reason));
    }
    pending.clear();
    handlers.closed(reason);
  };

  // A WebSocket always follows an error with a close, which carries the code: report that one.
  let failure: string | undefined;
  const onClose = (event: { code?: number; reason?: string }) => {
    const said = event.reason || failure;
    end(`the connection ${failure === undefined ? 'closed' : 'failed'} (code ${event.code ?? 'unknown'}${said ? `: ${said}` : ''})`);
  };
  const onError = (event: { message?: string }) => {
    failure = typeof event.message === 'string' ? event.message : '';
  };
  const onMessage = (event: { data?: unknown }) => {
    if (typeof event.data !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(event.data);
    } catch {
      return; // Not JSON: nothing to act on, and the connection itself is fine.
    }
    if (typeof message !== 'object' || message === null) return;
    route(message as Record<string, unknown>);
  };

  function route(message: Record<string, unknown>): void {
    const { type, id, sid } = message;
    if (typeof type === 'string' && DATA_TYPES.has(type) && typeof sid === 'number' && isRecord(message['msg'])) {
      handlers.data(message as unknown as DataMessage);
      return;
    }
    const command = typeof id === 'number' ? pending.get(id) : undefined;
    if (type === 'error') {
      const error = streamErrorFrom(message as unknown as ErrorReply);
      if (command) finish(id as number, command, undefined, error);
      if (TERMINAL_CODES.has(error.code)) handlers.subscriptionsBroken(error);
      return;
    }
    if (!command) return;
    command.replies.push(message);
    if (command.replies.length >= command.expected) finish(id as number, command, message);
  }

  function finish(id: number, command: Pending, reply: Record<string, unknown> | undefined, error?: unknown): void {
    clearTimeout(command.timer);
    pending.delete(id);
    if (error) command.reject(error);
    else command.resolve(reply!);
  }

  function send(cmd: string, params: Record<string, unknown> | undefined, deadlineMs: number, expected = 1): Promise<Pending['replies']> {
    if (ended || socket.readyState !== OPEN) return Promise.reject(new Error(`the connection is not open${failure ? ` (${failure})` : ''}`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const command: Pending = {
        resolve: () => resolve(command.replies),
        reject,
        expected,
        replies: [],
        timer: setTimeout(() => {
          pending.delete(id);
          reject(new Error(`no answer to ${cmd} within ${deadlineMs} ms`));
        }, deadlineMs),
      };
      pending.set(id, command);
      socket.send(JSON.stringify(params ? { id, cmd, params } : { id, cmd }));
    });
  }

  socket.addEventListener('close', () => gone?.());
  socket.addEventListener('message', onMessage);
  socket.addEventListener('close', onClose);
  socket.addEventListener('error', onError);

  return {
    async subscribe(channels, marketTickers, deadlineMs) {
      const params = marketTickers?.length ? { channels, market_tickers: marketTickers } : { channels };
      const replies = await send('subscribe', params, deadlineMs, channels.length);
      const sids = new Map<number, StreamChannel>();
      for (const reply of replies) {
        const msg = reply['msg'];
        if (isRecord(msg) && typeof msg['sid'] === 'number' && typeof msg['channel'] === 'string') sids.set(msg['sid'], msg['channel'] as StreamChannel);
      }
      return sids;
    },
    async listSubscriptions(deadlineMs) {
      const [reply] = await send('list_subscriptions', undefined, deadlineMs);
      const listed = new Map<number, StreamChannel>();
      const msg = reply?.['msg'];
      if (Array.isArray(msg)) {
        for (const entry of msg) if (isRecord(entry) && typeof entry['sid'] === 'number' && typeof entry['channel'] === 'string') listed.set(entry['sid'], entry['channel'] as StreamChannel);
      }
      return listed;
    },
    async drop(reason, graceful = false) {
      if (!ended) end(reason);
      try {
        socket.close(1000, 'closing');
      } catch {
        // Already closing or closed.
      }
      if (graceful) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([closedForGood, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))]);
        clearTimeout(timer);
      }
      opened.terminate();
    },
  };
}

function streamErrorFrom(reply: ErrorReply): KalshiStreamError {
  const msg = isRecord(reply.msg) ? reply.msg : { code: 0, msg: 'an error without details' };
  const code = typeof msg.code === 'number' ? msg.code : 0;
  return new KalshiStreamError(`the stream refused a command: ${String(msg.msg)} (code ${code})`, code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

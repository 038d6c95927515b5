import { KalshiConfigError } from '../errors.js';
import { isBunOrDeno, isNode } from '../http/runtime.js';

/** The part of the WHATWG WebSocket the stream uses. */
export interface StreamSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown; code?: number; reason?: string }) => void): void;
  removeEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown; code?: number; reason?: string }) => void): void;
}

/** A socket, and a way to end it for good even when the server never answers the close. */
export interface OpenedSocket {
  socket: StreamSocket;
  /** Ends the connection at once, closing handshake or not (a half-open peer never answers it). */
  terminate(): void;
}

/** Opens a socket with handshake headers; each runtime has its own WebSocket that takes them. */
export type SocketFactory = (url: string, headers: Record<string, string>) => OpenedSocket;

type HeaderTakingWebSocket = new (url: string, init: { headers: Record<string, string>; dispatcher?: unknown }) => StreamSocket;
interface UndiciWebSocketModule {
  WebSocket?: HeaderTakingWebSocket;
  Agent: new () => { destroy(): Promise<void> };
}

// A variable, not a literal: bundlers for browsers and workers must not try to pull undici in.
const UNDICI = 'undici';

/**
 * The WebSocket of this runtime, if it can send handshake headers: undici's on Node (its
 * constructor takes `{ headers }`), the built-in one on Bun and Deno. A browser's cannot — the
 * WHATWG constructor takes no headers, and Kalshi authenticates only at the handshake — so there
 * this fails at once, saying why.
 */
export async function socketFactory(): Promise<SocketFactory> {
  if (isNode()) {
    const undici = (await import(/* @vite-ignore */ /* webpackIgnore: true */ UNDICI).catch(() => undefined)) as UndiciWebSocketModule | undefined;
    const { WebSocket, Agent } = undici ?? {};
    if (!WebSocket || !Agent) throw new KalshiConfigError('client.stream() on Node needs the undici package (a dependency of kalshi-portfolio) installed');
    // Each connection gets a dispatcher of its own, so a half-open one can be destroyed outright:
    // the WHATWG close() waits for the server's close frame, which a dead peer never sends.
    return (url, headers) => {
      const dispatcher = new Agent();
      const socket = new WebSocket(url, { headers, dispatcher });
      return { socket, terminate: () => void dispatcher.destroy().catch(() => undefined) };
    };
  }
  const WebSocketClass = isBunOrDeno() ? (globalThis as unknown as { WebSocket?: HeaderTakingWebSocket }).WebSocket : undefined;
  // client.stream() already refused the runtimes without one; this is a Bun or Deno that lacks it.
  if (!WebSocketClass) throw new KalshiConfigError('this runtime has no WebSocket to stream with');
  return (url, headers) => {
    const socket = new WebSocketClass(url, { headers });
    return { socket, terminate: () => closeQuietly(socket) };
  };
}

function closeQuietly(socket: StreamSocket): void {
  try {
    socket.close();
  } catch {
    // Already closed or closing.
  }
}

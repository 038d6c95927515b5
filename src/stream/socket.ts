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

/** Opens a socket with handshake headers; each runtime has its own WebSocket that takes them. */
export type SocketFactory = (url: string, headers: Record<string, string>) => StreamSocket;

type HeaderTakingWebSocket = new (url: string, init: { headers: Record<string, string> }) => StreamSocket;

// A variable, not a literal: bundlers for browsers and workers must not try to pull undici in.
const UNDICI = 'undici';

/**
 * The WebSocket of this runtime, if it can send handshake headers: undici's on Node (its
 * constructor takes `{ headers }`), the built-in one on Bun and Deno. A browser's cannot — the
 * WHATWG constructor takes no headers, and Kalshi authenticates only at the handshake — so there
 * this fails at once, saying why.
 */
export async function socketFactory(): Promise<SocketFactory> {
  let WebSocketClass: HeaderTakingWebSocket | undefined;
  if (isNode()) {
    const undici = (await import(/* @vite-ignore */ /* webpackIgnore: true */ UNDICI).catch(() => undefined)) as
      | { WebSocket?: HeaderTakingWebSocket }
      | undefined;
    WebSocketClass = undici?.WebSocket;
  } else if (isBunOrDeno()) {
    WebSocketClass = (globalThis as unknown as { WebSocket?: HeaderTakingWebSocket }).WebSocket;
  }
  if (!WebSocketClass) throw browserRefusal();
  const Class = WebSocketClass;
  return (url, headers) => new Class(url, { headers });
}

/** Thrown where no WebSocket can carry the signed handshake (browsers, workers). */
export function browserRefusal(): KalshiConfigError {
  return new KalshiConfigError(
    "client.stream() needs a runtime whose WebSocket can send handshake headers (Node, Bun, Deno): Kalshi authenticates the stream only at the handshake, with signed headers, and a browser's WebSocket cannot set headers. Stream on a server and relay the events to the page.",
  );
}

/** True where `socketFactory` can work; checked up front so `client.stream()` fails at once in a browser. */
export function canStream(): boolean {
  return isNode() || isBunOrDeno();
}

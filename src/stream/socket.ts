import { KalshiConfigError } from '../errors.js';
import { isBunOrDeno, isNode } from '../http/runtime.js';

type Listener = (event: { data?: unknown; code?: number; reason?: string; message?: string }) => void;

/** The part of the WHATWG WebSocket the stream uses. */
export interface StreamSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: Listener): void;
  removeEventListener(type: 'open' | 'close' | 'error' | 'message', listener: Listener): void;
}

/** A refused handshake's own HTTP answer: what Kalshi said instead of 101. */
export interface HandshakeAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
}

/** A socket, and a way to end it for good even when the server never answers the close. */
export interface OpenedSocket {
  socket: StreamSocket;
  /** Ends the connection at once and destroys its TCP socket (a half-open peer never answers a close). */
  terminate(): void;
  /**
   * The handshake's HTTP answer when the server refused the upgrade, once the socket has failed
   * to open; undefined where the runtime hides it (Bun, Deno) or no answer came.
   */
  readonly refusal: HandshakeAnswer | undefined;
}

/** How a socket is opened: the handshake's deadline and the largest message accepted. */
export interface SocketLimits {
  handshakeTimeoutMs: number;
  maxMessageBytes: number;
}

/** Opens a socket with handshake headers; each runtime has its own WebSocket that takes them. */
export type SocketFactory = (url: string, headers: Record<string, string>, limits: SocketLimits) => OpenedSocket;

interface WsIncoming {
  statusCode?: number;
  headers: Record<string, string | string[] | undefined>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): void;
  on(event: 'end' | 'error' | 'close', listener: () => void): void;
  destroy(): void;
}
interface WsSocket extends StreamSocket {
  on(event: 'unexpected-response', listener: (request: unknown, response: WsIncoming) => void): void;
  on(event: 'error', listener: () => void): void;
  terminate(): void;
}
type WsConstructor = new (
  url: string,
  options: { headers: Record<string, string>; handshakeTimeout: number; maxPayload: number; perMessageDeflate: boolean; followRedirects: boolean },
) => WsSocket;

// A variable, not a literal: bundlers for browsers and workers must not try to pull ws in.
const WS = 'ws';
/** A refusal's body is read for its error code; past this it is cut (a proxy's page can be large). */
const MAX_REFUSAL_BYTES = 64 * 1024;

/**
 * The WebSocket of this runtime, if it can send handshake headers: the `ws` package on Node (it
 * shows a refused handshake's status and body, times the handshake out, and caps a message's
 * size), the built-in one on Bun and Deno. A browser's cannot — the WHATWG constructor takes no
 * headers, and Kalshi authenticates only at the handshake — so there this fails at once.
 */
export async function socketFactory(): Promise<SocketFactory> {
  if (isNode()) {
    const loaded = (await import(/* @vite-ignore */ /* webpackIgnore: true */ WS).catch(() => undefined)) as { WebSocket?: WsConstructor; default?: WsConstructor } | undefined;
    const WebSocket = loaded?.WebSocket ?? loaded?.default;
    if (!WebSocket) throw new KalshiConfigError('client.stream() on Node needs the ws package (a dependency of kalshi-portfolio) installed');
    return (url, headers, limits) => openWs(WebSocket, url, headers, limits);
  }
  const WebSocketClass = isBunOrDeno() ? (globalThis as unknown as { WebSocket?: new (url: string, init: { headers: Record<string, string> }) => StreamSocket }).WebSocket : undefined;
  // client.stream() already refused the runtimes without one; this is a Bun or Deno that lacks it.
  if (!WebSocketClass) throw new KalshiConfigError('this runtime has no WebSocket to stream with');
  return (url, headers) => {
    const socket = new WebSocketClass(url, { headers });
    return { socket, terminate: () => closeQuietly(socket), refusal: undefined };
  };
}

function openWs(WebSocket: WsConstructor, url: string, headers: Record<string, string>, limits: SocketLimits): OpenedSocket {
  const socket = new WebSocket(url, {
    headers,
    handshakeTimeout: limits.handshakeTimeoutMs,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
    followRedirects: false,
  });
  // ws throws an 'error' nobody listens to; the stream's listeners come and go, so one stays for good.
  socket.on('error', () => undefined);
  let refusal: HandshakeAnswer | undefined;
  socket.on('unexpected-response', (_request, response) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const finish = () => {
      const bytes = new Uint8Array(Math.min(size, MAX_REFUSAL_BYTES));
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk.subarray(0, bytes.length - at), at);
        at += Math.min(chunk.length, bytes.length - at);
      }
      refusal ??= { status: response.statusCode ?? 0, headers: headersOf(response.headers), bytes };
      response.destroy();
      socket.terminate(); // fails the handshake: 'error', then 'close'
    };
    response.on('data', (chunk) => {
      if (size < MAX_REFUSAL_BYTES) chunks.push(chunk);
      size += chunk.length;
      if (size >= MAX_REFUSAL_BYTES) finish();
    });
    response.on('end', finish);
    response.on('error', finish);
    response.on('close', finish);
  });
  return {
    socket,
    terminate: () => socket.terminate(),
    get refusal() {
      return refusal;
    },
  };
}

function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return headers;
}

function closeQuietly(socket: StreamSocket): void {
  try {
    socket.close();
  } catch {
    // Already closed or closing.
  }
}

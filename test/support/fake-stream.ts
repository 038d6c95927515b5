/**
 * A test-side client of the fake's WebSocket, on the `ws` package and node:crypto signing (not
 * the SDK's stream client, nor the fake's own code): signed handshakes, refused ones with their
 * status and body, commands and their replies, and every message in arrival order.
 */

import WebSocket from 'ws';
import type { FakeKalshi } from '../../src/testing/index.js';
import { signature } from './fake-http.js';

export const STREAM_PATH = '/trade-api/ws/v2';

export interface HandshakeOptions {
  keyId?: string;
  privateKeyPem?: string;
  timestamp?: number;
  /** The path signed (default the stream's). */
  signPath?: string;
  omit?: Array<'KALSHI-ACCESS-KEY' | 'KALSHI-ACCESS-TIMESTAMP' | 'KALSHI-ACCESS-SIGNATURE'>;
}

export function handshakeHeaders(fake: FakeKalshi, options: HandshakeOptions = {}): Record<string, string> {
  const timestamp = String(options.timestamp ?? Date.now());
  const headers: Record<string, string> = {
    'KALSHI-ACCESS-KEY': options.keyId ?? fake.keyId,
    'KALSHI-ACCESS-TIMESTAMP': timestamp,
    'KALSHI-ACCESS-SIGNATURE': signature(options.privateKeyPem ?? fake.privateKeyPem, `${timestamp}GET${options.signPath ?? STREAM_PATH}`),
  };
  for (const name of options.omit ?? []) delete headers[name];
  return headers;
}

/** A message as it came off the wire, parsed. */
export type Message = Record<string, any>;

export interface StreamClient {
  ws: WebSocket;
  /** Every text message, parsed, in arrival order (live array). */
  messages: Message[];
  /** Ping bodies received, in order (live array). */
  pings: string[];
  send(frame: object | string): void;
  /** Sends a command with a fresh id and resolves with its `expected` replies (those carrying that id). */
  command(cmd: string, params?: object, expected?: number): Promise<Message[]>;
  /** Resolves once `check` holds (checked on every message and ping); rejects after `timeoutMs`. */
  until(check: (messages: Message[]) => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Resolves when the connection closes, with the code seen by the client. */
  closed: Promise<{ code: number; at: number }>;
}

let nextId = 1_000;

/** Opens a signed connection (or one with `headers`), resolving once it is open. */
export async function connectStream(fake: FakeKalshi, headers: Record<string, string> = handshakeHeaders(fake)): Promise<StreamClient> {
  const ws = new WebSocket(fake.wsUrl, { headers });
  const messages: Message[] = [];
  const pings: string[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of [...waiters]) waiter();
  };
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as Message);
    wake();
  });
  ws.on('ping', (body) => {
    pings.push(String(body));
    wake();
  });
  const closed = new Promise<{ code: number; at: number }>((resolve) => ws.once('close', (code) => resolve({ code, at: Date.now() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('error', () => undefined);

  const until: StreamClient['until'] = (check, what, timeoutMs = 3_000) =>
    new Promise<void>((resolve, reject) => {
      const test = () => {
        if (!check(messages)) return;
        clearTimeout(timer);
        waiters.delete(test);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(test);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages.slice(-5))}`));
      }, timeoutMs);
      waiters.add(test);
      test();
    });

  return {
    ws,
    messages,
    pings,
    closed,
    until,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    async command(cmd, params, expected = 1) {
      const id = nextId++;
      ws.send(JSON.stringify(params === undefined ? { id, cmd } : { id, cmd, params }));
      const mine = () => messages.filter((m) => m['id'] === id);
      await until(() => mine().length >= expected, `${expected} replies to ${cmd} #${id}`);
      return mine();
    },
  };
}

export type HandshakeOutcome = { opened: true } | { opened: false; status: number; body: any };

/** One handshake attempt: open (then closed again), or refused with the HTTP status and JSON body. */
export function attemptHandshake(url: string, headers: Record<string, string>): Promise<HandshakeOutcome> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => {
      ws.terminate();
      resolve({ opened: true });
    });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ opened: false, status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    ws.once('error', reject);
  });
}

/** Data messages (fill, market_position, user_order) among `messages`. */
export function dataMessages(messages: Message[], type?: 'fill' | 'market_position' | 'user_order'): Message[] {
  return messages.filter((m) => (type ? m['type'] === type : ['fill', 'market_position', 'user_order'].includes(m['type'])));
}

/** Resolves after every message the server sent before now has arrived: a command's reply comes after them. */
export async function drain(client: StreamClient): Promise<void> {
  await client.command('list_subscriptions');
}

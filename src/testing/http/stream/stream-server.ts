/**
 * The WebSocket side of the fake, on the HTTP server's port: takes its `upgrade` events, checks
 * the handshake's signature, keeps the open connections, and fans trades and injected channel
 * errors out to them. Framing, masking, pings and close frames are the `ws` library's.
 *
 * A handshake is checked in this order: path (404), closing server (socket destroyed), signature
 * (the REST 401s, same bodies), then the WebSocket headers themselves (ws answers 400/405).
 * Every attempt is recorded in `handshakes`, refused ones too.
 */

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { StreamOrder, StreamOrderGroupUpdate } from '../../data/stream-wire-types.js';
import type { TradeMessages } from '../../data/trade-messages.js';
import { type KeyRing, signedHeaders } from '../auth.js';
import { nestedError } from '../replies.js';
import { type StreamConnection, attachConnection } from './connection.js';
import { checkHandshake } from './handshake.js';
import { STREAM_PATH } from './path.js';
import { refuseUpgrade } from './refuse-upgrade.js';
import type { StreamFaultPlan } from './stream-faults.js';

/** One WebSocket handshake as the fake saw it. */
export interface StreamHandshake {
  /** Wall-clock ms since the epoch. */
  at: number;
  accepted: boolean;
  /** 101 when accepted; else what the refusal said (401 signature, 404 path, 400/405 not a WebSocket handshake, 503 closing). */
  status: number;
}

export interface StreamServerSettings {
  keys: KeyRing;
  timestampWindowMs: number;
  /** The server's clock, for judging the handshake's timestamp. */
  now(): number;
  pingMs: number;
  faults: StreamFaultPlan;
  isClosing(): boolean;
}

export interface StreamServer {
  /** Every handshake attempt, in arrival order (live array). */
  handshakes: StreamHandshake[];
  /** The HTTP server's `upgrade` listener. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends a trade's messages to every connection whose subscriptions cover it. */
  publish(messages: TradeMessages): void;
  /** Sends an order's change (other than a fill) to every `user_orders` subscription covering its market. */
  publishOrder(ticker: string, order: StreamOrder): void;
  /** Sends an order-group event to every connection subscribed to `order_group_updates`. */
  publishGroupUpdate(update: StreamOrderGroupUpdate): void;
  breakSubscriptions(code: number, inAnswerToNextCommand: boolean): void;
  /** Ends every connection at once. */
  close(): void;
}

export function createStreamServer(settings: StreamServerSettings): StreamServer {
  // Pongs are answered by each connection itself, so a stalled one can stop answering them.
  const wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  const connections = new Set<StreamConnection>();
  const handshakes: StreamHandshake[] = [];
  const record = (accepted: boolean, status: number) => handshakes.push({ at: Date.now(), accepted, status });

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = req.url ?? '/';
    const path = url.includes('?') ? url.slice(0, url.indexOf('?')) : url;
    if (path !== STREAM_PATH) {
      record(false, 404);
      refuseUpgrade(socket, nestedError(404, 'not_found', 'not found', `no WebSocket endpoint at ${path}`, 'not_found'), settings.now());
      return;
    }
    if (settings.isClosing()) {
      record(false, 503);
      socket.destroy();
      return;
    }
    const denied = checkHandshake(settings.keys, signedHeaders(req.headers), settings.now(), settings.timestampWindowMs);
    if (denied) {
      record(false, denied.status);
      refuseUpgrade(socket, denied, settings.now());
      return;
    }
    let accepted = false;
    wss.handleUpgrade(req, socket, head, (ws) => {
      accepted = true;
      record(true, 101);
      const connection = attachConnection(ws, socket, {
        pingMs: settings.pingMs,
        dropAfterMs: settings.faults.dropAfterMs,
        stallAfterMs: settings.faults.stallAfterMs(),
        loseNext: settings.faults.loseNext,
        ended: () => connections.delete(connection),
      });
      connections.add(connection);
    });
    // ws completes a valid upgrade synchronously; otherwise it has already answered 400 or 405.
    if (!accepted) record(false, req.method === 'GET' ? 400 : 405);
  }

  return {
    handshakes,
    upgrade,
    publish(messages) {
      for (const connection of connections) connection.push(messages);
    },
    publishOrder(ticker, order) {
      for (const connection of connections) connection.pushOrder(ticker, order);
    },
    publishGroupUpdate(update) {
      for (const connection of connections) connection.pushGroupUpdate(update);
    },
    breakSubscriptions(code, inAnswerToNextCommand) {
      for (const connection of connections) connection.breakSubscriptions(code, inAnswerToNextCommand);
    },
    close() {
      for (const connection of connections) connection.terminate();
      connections.clear();
      wss.close();
    },
  };
}

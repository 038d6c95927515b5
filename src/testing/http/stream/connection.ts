/**
 * One accepted WebSocket: answers its commands, pushes the trades its subscriptions cover, pings
 * it, and plays its faults (an abrupt drop, lost data messages, a stall).
 *
 * A stalled connection acts out a half-open one: it sends nothing more (data, replies, pings)
 * and stops reading its socket, so commands, pings and even close frames go unanswered, yet the
 * socket stays open. Pongs are sent by hand (the server is made with `autoPong: false`), so a
 * stalled connection answers no ping either way.
 */

import type { Duplex } from 'node:stream';
import { type RawData, WebSocket } from 'ws';
import type { OrderGroupUpdateMessage, StreamChannel, StreamOrder, StreamOrderGroupUpdate, TradeDataMessage } from '../../data/stream-wire-types.js';
import type { TradeMessages } from '../../data/trade-messages.js';
import { answerCommand } from './commands.js';
import { subscriptionError } from './stream-errors.js';
import { covers, createSubscriptions } from './subscriptions.js';

export interface ConnectionSettings {
  /** Ping interval in ms; 0 = never. */
  pingMs: number;
  dropAfterMs: number | undefined;
  stallAfterMs: number | undefined;
  /** One seeded draw: whether this data message is lost. */
  loseNext(): boolean;
  /** Called once, when the connection has closed. */
  ended(): void;
}

export interface StreamConnection {
  push(messages: TradeMessages): void;
  /** An order's change other than a fill, to a `user_orders` subscription covering its market. */
  pushOrder(ticker: string, order: StreamOrder): void;
  /** An order-group event, to an `order_group_updates` subscription, with its `seq` (Kalshi numbers this channel's messages). */
  pushGroupUpdate(update: StreamOrderGroupUpdate): void;
  /**
   * Ends every subscription with a terminal error `code` (sent unless stalled), in Kalshi's shape:
   * no sid. Sent at once, one per subscription, or (`inAnswerToNextCommand`) once, as the answer
   * (with its id) to the next command the client sends instead of that command's reply.
   */
  breakSubscriptions(code: number, inAnswerToNextCommand: boolean): void;
  /** Ends the connection at once, without a close frame. */
  terminate(): void;
}

/** Ping frames carry this body, as Kalshi's do. */
const PING_BODY = 'heartbeat';

export function attachConnection(ws: WebSocket, socket: Duplex, settings: ConnectionSettings): StreamConnection {
  const subscriptions = createSubscriptions();
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  let stalled = false;
  /** A terminal error waiting to answer the next command. */
  let pendingBreak: number | undefined;

  const send = (message: object) => {
    if (!stalled && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };
  const stopTimers = () => {
    for (const timer of timers) clearTimeout(timer);
    timers.length = 0;
  };
  const stall = () => {
    stalled = true;
    stopTimers();
    socket.pause();
  };

  /** One data message to the subscription of `channel`, if it covers `ticker` (and the message is not lost). */
  const sendData = (channel: StreamChannel, type: TradeDataMessage['type'], msg: TradeDataMessage['msg'], ticker: string) => {
    if (stalled) return;
    const subscription = subscriptions.onChannel(channel);
    if (!subscription || !covers(subscription, ticker)) return;
    subscription.seq++;
    if (settings.loseNext()) return;
    send({ type, sid: subscription.sid, msg });
  };

  const ping = () => {
    if (ws.readyState === WebSocket.OPEN) ws.ping(PING_BODY);
  };
  if (settings.pingMs > 0) timers.push(setInterval(ping, settings.pingMs));
  if (settings.dropAfterMs !== undefined) timers.push(setTimeout(() => ws.terminate(), settings.dropAfterMs));
  if (settings.stallAfterMs !== undefined) timers.push(setTimeout(stall, settings.stallAfterMs));

  ws.on('message', (data, isBinary) => {
    if (stalled) return;
    // A binary frame is not a command the server can read; it gets the same answer as bad JSON.
    const text = isBinary ? '' : textOf(data);
    if (pendingBreak !== undefined) {
      send(subscriptionError(pendingBreak, commandId(text)));
      pendingBreak = undefined;
      return;
    }
    for (const reply of answerCommand(text, subscriptions)) send(reply);
  });
  ws.on('ping', (body) => {
    if (!stalled) ws.pong(body);
  });
  // Protocol errors close the connection; the 'close' below does the rest.
  ws.on('error', () => undefined);
  ws.once('close', () => {
    stopTimers();
    settings.ended();
  });

  return {
    push(messages) {
      sendData('fill', 'fill', messages.fill, messages.ticker);
      sendData('market_positions', 'market_position', messages.position, messages.ticker);
      sendData('user_orders', 'user_order', messages.order, messages.ticker);
    },
    pushOrder(ticker, order) {
      sendData('user_orders', 'user_order', order, ticker);
    },
    pushGroupUpdate(update) {
      if (stalled) return;
      const subscription = subscriptions.onChannel('order_group_updates');
      if (!subscription) return;
      subscription.seq++;
      if (settings.loseNext()) return;
      const message: OrderGroupUpdateMessage = { type: 'order_group_updates', sid: subscription.sid, seq: subscription.seq, msg: update };
      send(message);
    },
    breakSubscriptions(code, inAnswerToNextCommand) {
      const broken = subscriptions.all();
      for (const { sid } of broken) subscriptions.remove(sid);
      if (inAnswerToNextCommand) pendingBreak = code;
      else for (const _ of broken) send(subscriptionError(code));
    },
    terminate() {
      stopTimers();
      ws.terminate();
    },
  };
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** The id of a command, when the frame is one that carries a whole-number id. */
function commandId(text: string): number | undefined {
  try {
    const parsed = JSON.parse(text) as { id?: unknown };
    return Number.isSafeInteger(parsed.id) ? (parsed.id as number) : undefined;
  } catch {
    return undefined;
  }
}

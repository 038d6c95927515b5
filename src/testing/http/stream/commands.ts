/**
 * The answers to the stream's four commands, as values (the connection sends them). Checks run
 * in this order, and the first that fails is the one error answered:
 *
 *   not JSON / not an object -> 1 (no id: none could be read); unknown `cmd` -> 5;
 *   `params` missing (all but list_subscriptions) -> 2; then per command:
 *   subscribe           channels missing or empty -> 3, a channel unknown -> 8 (nothing is
 *                       subscribed), market_tickers not a list of tickers -> 11; then per channel,
 *                       in order: already subscribed -> 6, else `subscribed` (new sid);
 *   unsubscribe         sids missing or empty -> 4, not integers -> 11; then per sid:
 *                       unknown -> 7, else `unsubscribed`;
 *   update_subscription not exactly one sid -> 12, action missing -> 15, unknown -> 13, sid
 *                       unknown -> 7, add/delete_markets without market_tickers -> 14,
 *                       delete_markets from a subscription to every market -> 11; else `ok`;
 *   list_subscriptions  `ok` with msg = [{channel, sid}] in sid order.
 *
 * An empty `market_tickers` on subscribe means every market, as if it were left out.
 */

import type {
  ListedSubscription, StreamChannel, StreamCommandName, StreamReply, UpdateAction,
} from '../../data/stream-wire-types.js';
import { ERROR_CODES, commandError } from './stream-errors.js';
import type { Subscriptions } from './subscriptions.js';

const CHANNELS: ReadonlySet<string> = new Set<StreamChannel>(['fill', 'market_positions', 'user_orders', 'order_group_updates']);
const ACTIONS: ReadonlySet<string> = new Set<UpdateAction>(['add_markets', 'delete_markets', 'get_snapshot']);

type Params = Record<string, unknown>;
type Handler = (id: number | undefined, params: Params | undefined, subscriptions: Subscriptions) => StreamReply[];

const HANDLERS: Record<StreamCommandName, Handler> = {
  subscribe,
  unsubscribe,
  update_subscription: updateSubscription,
  list_subscriptions: listSubscriptions,
};

/** The replies to one text frame, in the order they are sent. */
export function answerCommand(text: string, subscriptions: Subscriptions): StreamReply[] {
  let command: unknown;
  try {
    command = JSON.parse(text);
  } catch {
    return [commandError(undefined, ERROR_CODES.unableToProcess, 'the command is not JSON')];
  }
  if (!isRecord(command)) return [commandError(undefined, ERROR_CODES.unableToProcess, 'the command is not a JSON object')];
  const id = Number.isSafeInteger(command['id']) ? (command['id'] as number) : undefined;
  const name = command['cmd'];
  if (typeof name !== 'string' || !Object.hasOwn(HANDLERS, name)) {
    return [commandError(id, ERROR_CODES.unknownCommand, JSON.stringify(name ?? null))];
  }
  const params = command['params'];
  if (name !== 'list_subscriptions' && !isRecord(params)) return [commandError(id, ERROR_CODES.paramsRequired)];
  return HANDLERS[name as StreamCommandName](id, isRecord(params) ? params : undefined, subscriptions);
}

function subscribe(id: number | undefined, params: Params | undefined, subscriptions: Subscriptions): StreamReply[] {
  const channels = params?.['channels'];
  if (!Array.isArray(channels) || channels.length === 0) return [commandError(id, ERROR_CODES.channelsRequired)];
  const unknown = channels.find((c) => typeof c !== 'string' || !CHANNELS.has(c));
  if (unknown !== undefined) return [commandError(id, ERROR_CODES.unknownChannel, JSON.stringify(unknown))];
  const tickers = params?.['market_tickers'];
  if (tickers !== undefined && !isTickerList(tickers)) return [commandError(id, ERROR_CODES.invalidParameter, 'market_tickers must be a list of market tickers')];
  const filter = tickers && tickers.length > 0 ? tickers : undefined;
  return (channels as StreamChannel[]).map((channel) => {
    if (subscriptions.onChannel(channel)) return commandError(id, ERROR_CODES.alreadySubscribed, channel);
    const { sid } = subscriptions.add(channel, filter);
    return withId(id, { type: 'subscribed' as const, msg: { channel, sid } });
  });
}

function unsubscribe(id: number | undefined, params: Params | undefined, subscriptions: Subscriptions): StreamReply[] {
  const sids = params?.['sids'];
  if (!Array.isArray(sids) || sids.length === 0) return [commandError(id, ERROR_CODES.sidsRequired)];
  if (!sids.every((sid) => Number.isSafeInteger(sid))) return [commandError(id, ERROR_CODES.invalidParameter, 'sids must be integers')];
  return (sids as number[]).map((sid) => {
    const subscription = subscriptions.get(sid);
    if (!subscription) return commandError(id, ERROR_CODES.unknownSid, String(sid));
    subscriptions.remove(sid);
    return withId(id, { type: 'unsubscribed' as const, sid, seq: ++subscription.seq });
  });
}

function updateSubscription(id: number | undefined, params: Params | undefined, subscriptions: Subscriptions): StreamReply[] {
  const sids = params?.['sids'];
  if (!Array.isArray(sids) || sids.length !== 1 || !Number.isSafeInteger(sids[0])) return [commandError(id, ERROR_CODES.exactlyOneSid)];
  const action = params?.['action'];
  if (action === undefined) return [commandError(id, ERROR_CODES.actionRequired)];
  if (typeof action !== 'string' || !ACTIONS.has(action)) return [commandError(id, ERROR_CODES.unsupportedAction, JSON.stringify(action))];
  const subscription = subscriptions.get(sids[0] as number);
  if (!subscription) return [commandError(id, ERROR_CODES.unknownSid, String(sids[0]))];

  if (action !== 'get_snapshot') {
    const tickers = params?.['market_tickers'];
    if (tickers === undefined || (Array.isArray(tickers) && tickers.length === 0)) return [commandError(id, ERROR_CODES.marketTickerRequired)];
    if (!isTickerList(tickers)) return [commandError(id, ERROR_CODES.invalidParameter, 'market_tickers must be a list of market tickers')];
    if (action === 'add_markets') {
      // A subscription to every market already covers them.
      if (subscription.tickers) for (const t of tickers) subscription.tickers.add(t);
    } else {
      if (!subscription.tickers) return [commandError(id, ERROR_CODES.invalidParameter, 'the subscription covers every market; there is no list to delete from')];
      for (const t of tickers) subscription.tickers.delete(t);
    }
  }
  // The fake's private channels have no snapshot to send: get_snapshot only answers ok.
  return [withId(id, { type: 'ok' as const, sid: subscription.sid, seq: ++subscription.seq })];
}

function listSubscriptions(id: number | undefined, _params: Params | undefined, subscriptions: Subscriptions): StreamReply[] {
  const msg: ListedSubscription[] = subscriptions.all().map(({ channel, sid }) => ({ channel, sid }));
  return [withId(id, { type: 'ok' as const, msg })];
}

/** The reply with the command's id first, when it had one. */
function withId<T extends object>(id: number | undefined, reply: T): T & { id?: number } {
  return id === undefined ? reply : { id, ...reply };
}

function isTickerList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((t) => typeof t === 'string' && t !== '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The stream's wire models (Kalshi's WebSocket), derived from generated/stream.ts as the REST ones
 * are from generated/schema.ts (wire-types.ts): data messages carry every field the fake knows.
 * conformance.ts checks that each still fits the spec.
 */

import type { components } from '../../../generated/stream.js';
import type { Sent } from './wire-types.js';

type Stream = components['schemas'];

export type StreamChannel = Stream['StreamChannel'];

// ---------------------------------------------------------------- data messages

export type StreamFill = Sent<Stream['StreamFill']>;
export type StreamMarketPosition = Sent<Stream['StreamMarketPosition']>;

/** The orders of runtime trades have no group, expiration or self-trade setting, so those stay out. */
export type StreamOrder = Omit<Stream['StreamOrder'], 'last_update_time' | 'last_updated_ts_ms' | 'subaccount_number'>
  & Required<Pick<Stream['StreamOrder'], 'last_update_time' | 'last_updated_ts_ms' | 'subaccount_number'>>;

/** What an order-group write or an automatic trigger tells the `order_group_updates` channel. */
export type StreamOrderGroupUpdate = Stream['StreamOrderGroupUpdate'];

export type FillMessage = Sent<Stream['FillMessage'], { msg: StreamFill }>;
export type MarketPositionMessage = Sent<Stream['MarketPositionMessage'], { msg: StreamMarketPosition }>;
export type UserOrderMessage = Sent<Stream['UserOrderMessage'], { msg: StreamOrder }>;

export type OrderGroupUpdateMessage = Stream['OrderGroupUpdateMessage'];

/** What a trade pushes: one data message per private channel it concerns. */
export type TradeDataMessage = FillMessage | MarketPositionMessage | UserOrderMessage;

// ---------------------------------------------------------------- replies the fake sends

// A reply carries the command's id whenever the command had an integer one, so `id` stays optional.
export type SubscribedReply = Stream['SubscribedReply'];
export type OkReply = Stream['OkReply'];
export type UnsubscribedReply = Stream['UnsubscribedReply'] & Required<Pick<Stream['UnsubscribedReply'], 'seq'>>;
/** With `id` for a refused command; with `sid` (and no id) for a subscription that broke. */
export type ErrorReply = Stream['ErrorReply'];
export type StreamReply = SubscribedReply | OkReply | UnsubscribedReply | ErrorReply;

/** A subscription as list_subscriptions reports it in `msg` (the spec leaves `msg` open). */
export interface ListedSubscription {
  channel: StreamChannel;
  sid: number;
}

// ---------------------------------------------------------------- commands the fake reads

export type StreamCommandName = (
  Stream['SubscribeCommand'] | Stream['UnsubscribeCommand'] | Stream['UpdateSubscriptionCommand'] | Stream['ListSubscriptionsCommand']
)['cmd'];
export type UpdateAction = Stream['UpdateSubscriptionCommand']['params']['action'];

/**
 * One connection's subscriptions: at most one per channel, numbered by sid from 1 in the order
 * they were made (sids are never reused on a connection).
 */

import type { StreamChannel } from '../../data/stream-wire-types.js';

export interface Subscription {
  sid: number;
  channel: StreamChannel;
  /** The markets it covers; undefined = every market. */
  tickers: Set<string> | undefined;
  /**
   * Messages the subscription has produced (its subscribed reply, data messages including lost
   * ones, update replies): the `seq` its later replies carry.
   */
  seq: number;
}

export interface Subscriptions {
  add(channel: StreamChannel, tickers: readonly string[] | undefined): Subscription;
  get(sid: number): Subscription | undefined;
  onChannel(channel: StreamChannel): Subscription | undefined;
  remove(sid: number): void;
  /** In sid order. */
  all(): Subscription[];
}

export function createSubscriptions(): Subscriptions {
  const bySid = new Map<number, Subscription>();
  let lastSid = 0;
  return {
    add(channel, tickers) {
      const subscription: Subscription = { sid: ++lastSid, channel, tickers: tickers ? new Set(tickers) : undefined, seq: 1 };
      bySid.set(subscription.sid, subscription);
      return subscription;
    },
    get: (sid) => bySid.get(sid),
    onChannel: (channel) => [...bySid.values()].find((s) => s.channel === channel),
    remove: (sid) => void bySid.delete(sid),
    all: () => [...bySid.values()].sort((a, b) => a.sid - b.sid),
  };
}

/** Whether a message about `ticker` goes to the subscription. */
export function covers(subscription: Subscription, ticker: string): boolean {
  return subscription.tickers === undefined || subscription.tickers.has(ticker);
}

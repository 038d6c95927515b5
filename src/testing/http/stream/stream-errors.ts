/**
 * The stream's error replies: Kalshi's numeric codes, with the fake's own short wording. A reply
 * to a command carries its id; an error sent on its own carries neither id nor sid, as Kalshi's.
 */

import type { ErrorReply } from '../../data/stream-wire-types.js';

export const ERROR_CODES = {
  unableToProcess: 1,
  paramsRequired: 2,
  channelsRequired: 3,
  sidsRequired: 4,
  unknownCommand: 5,
  alreadySubscribed: 6,
  unknownSid: 7,
  unknownChannel: 8,
  channelError: 10,
  invalidParameter: 11,
  exactlyOneSid: 12,
  unsupportedAction: 13,
  marketTickerRequired: 14,
  actionRequired: 15,
  internalError: 17,
  bufferOverflow: 25,
} as const;

type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

const WORDING: Record<ErrorCode, string> = {
  1: 'could not process the command',
  2: 'the command needs params',
  3: 'the command needs channels',
  4: 'the command needs sids',
  5: 'no such command',
  6: 'already subscribed to this channel',
  7: 'no subscription with this sid',
  8: 'no such channel',
  10: 'the channel failed; subscribe again',
  11: 'a parameter is not valid',
  12: 'the command takes exactly one sid',
  13: 'no such action',
  14: 'the action needs market tickers',
  15: 'the command needs an action',
  17: 'internal error; subscribe again',
  25: 'the subscription fell too far behind; subscribe again',
};

function wording(code: number): string {
  return (WORDING as Record<number, string>)[code] ?? `error ${code}`;
}

/** A refused command; `id` is undefined only when the command could not be read at all. */
export function commandError(id: number | undefined, code: ErrorCode, detail?: string): ErrorReply {
  const msg = { code, msg: detail ? `${wording(code)}: ${detail}` : wording(code) };
  return id === undefined ? { type: 'error', msg } : { id, type: 'error', msg };
}

/**
 * A subscription that ended on the server's side (terminal codes 10, 17, 25), sent on its own.
 * As Kalshi's, it names no `sid`: the client learns which subscription died from
 * `list_subscriptions`. With `answering`, it is the answer to that command id instead.
 */
export function subscriptionError(code: number, answering?: number): ErrorReply {
  const msg = { code, msg: wording(code) };
  return answering === undefined ? { type: 'error', msg } : { id: answering, type: 'error', msg };
}

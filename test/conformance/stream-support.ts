/**
 * The stream's messages against Kalshi's AsyncAPI 2.0.0: which of Kalshi's messages each `type`
 * is, the schema check, and the envelope check the schemas cannot make (Kalshi's payload schemas
 * allow any extra field, so an invented `sid` on an error frame would pass them).
 */
import { expect } from 'vitest';
import type { Message } from '../support/fake-stream.js';
import { errorsOf, kalshiStreamDocument } from '../support/upstream.js';

const stream = kalshiStreamDocument();

/** Kalshi's message (key under `components.messages`) for a server frame. */
export function kalshiMessageOf(message: Message): string {
  switch (message['type']) {
    case 'subscribed':
      return 'subscribedResponse';
    case 'unsubscribed':
      return 'unsubscribedResponse';
    // Kalshi answers both update_subscription and list_subscriptions with type `ok`; only the list's msg is an array.
    case 'ok':
      return Array.isArray(message['msg']) ? 'listSubscriptionsResponse' : 'okResponse';
    case 'error':
      return 'errorResponse';
    case 'fill':
      return 'fill';
    case 'market_position':
      return 'marketPosition';
    case 'user_order':
      return 'userOrder';
    case 'order_group_updates':
      return 'orderGroupUpdates';
    default:
      throw new Error(`a frame of type ${JSON.stringify(message['type'])} is no message of Kalshi's AsyncAPI: ${JSON.stringify(message)}`);
  }
}

/** The top-level fields Kalshi's payload schema for `name` lists. */
function envelopeOf(name: string): string[] {
  const ref = stream.document['components']['messages'][name]['payload']['$ref'] as string;
  const schema = stream.document['components']['schemas'][ref.split('/').pop()!];
  return Object.keys(schema['properties'] ?? {});
}

/** Validates a server frame against Kalshi's message schema and its envelope; returns Kalshi's message name. */
export function expectKalshiMessage(message: Message): string {
  const name = kalshiMessageOf(message);
  const validate = stream.message(name);
  expect(validate(message), `${name}: ${errorsOf(validate)} in ${JSON.stringify(message)}`).toBe(true);
  const extra = Object.keys(message).filter((key) => !envelopeOf(name).includes(key));
  expect(extra, `${name} carries fields Kalshi's message does not have: ${JSON.stringify(message)}`).toEqual([]);
  if (name === 'errorResponse') {
    const inner = Object.keys(message['msg']).filter((key) => !['code', 'msg', 'market_id', 'market_ticker'].includes(key));
    expect(inner, `error msg carries fields Kalshi's does not have: ${JSON.stringify(message)}`).toEqual([]);
  }
  return name;
}

/** Kalshi's name for a client command, from its `cmd`. */
export function kalshiCommandOf(command: Record<string, unknown>): string {
  const names: Record<string, string> = {
    subscribe: 'subscribeCommand',
    unsubscribe: 'unsubscribeCommand',
    list_subscriptions: 'listSubscriptionsCommand',
    update_subscription: 'updateSubscriptionCommand',
  };
  const name = names[String(command['cmd'])];
  if (!name) throw new Error(`the command ${JSON.stringify(command)} is none of Kalshi's four`);
  return name;
}

/** Validates a client command against Kalshi's command schema. */
export function expectKalshiCommand(command: Record<string, unknown>): string {
  const name = kalshiCommandOf(command);
  const validate = stream.message(name);
  expect(validate(command), `${name}: ${errorsOf(validate)} in ${JSON.stringify(command)}`).toBe(true);
  return name;
}

/** Counts by name, for the printed summary. */
export function countBy(names: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) out[name] = (out[name] ?? 0) + 1;
  return out;
}

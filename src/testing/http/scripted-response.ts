/** Answers a test queues with `fake.queueResponses`, and the replies they become. */

import { JSON_TYPE, type Reply } from './replies.js';

/**
 * An answer queued with `fake.queueResponses`, served to the next request that reaches an operation
 * instead of the normal one; with `operation` (an operationId such as `createOrderV2`), to the next
 * request of that operation, so reads made on the way (the order desk reads the market first) pass.
 */
export type ScriptedResponse = (
  | {
      status: number;
      /** An object is sent as JSON; a string is sent as is (text/plain unless `headers` says otherwise). */
      body?: string | object;
      headers?: Record<string, string>;
      /** Send the headers and part of the body, then destroy the socket. */
      destroy?: boolean;
    }
  | {
      /** Handle the request as usual (a write is applied), then cut the answer mid-body: a lost reply. */
      loseAnswer: true;
    }
) & {
  /** Only a request of this operation (its operationId, e.g. `createOrderV2`) takes this answer. Default: any. */
  operation?: string;
};

/** Takes the first queued answer meant for `operationId` off the queue. */
export function takeScripted(queue: ScriptedResponse[], operationId: string): ScriptedResponse | undefined {
  const at = queue.findIndex((script) => script.operation === undefined || script.operation === operationId);
  return at < 0 ? undefined : queue.splice(at, 1)[0];
}

/** The reply a queued answer stands for; with `destroy`, it is cut off mid-body. */
export function scriptedReply(script: Extract<ScriptedResponse, { status: number }>): Reply {
  const headers = { ...(script.headers ?? {}) };
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  let body = '';
  if (typeof script.body === 'string') {
    body = script.body;
    if (!hasType) headers['content-type'] = 'text/plain; charset=utf-8';
  } else if (script.body !== undefined) {
    body = JSON.stringify(script.body);
    if (!hasType) headers['content-type'] = JSON_TYPE;
  }
  return { status: script.status, headers, body, outcome: 'scripted', cut: script.destroy === true };
}

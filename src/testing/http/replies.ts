/**
 * Replies as values, decided before anything is written: JSON, HTML and empty
 * bodies, and Kalshi's four error body shapes. write-reply.ts puts them on the wire.
 */

import type { RequestOutcome } from './recorded-request.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** A fully decided answer, written by `writeReply`. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
  outcome: RequestOutcome;
  /** Write the headers and part of the body, then destroy the socket. */
  cut?: boolean;
}

export function jsonReply(status: number, body: unknown, outcome: RequestOutcome = 'ok'): Reply {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(body), outcome };
}

// ---- the four error shapes

/** {"error":{"code","message","details"}}: auth and most business 4xx. */
export function nestedError(status: number, code: string, message: string, details: string | undefined, outcome: RequestOutcome): Reply {
  return jsonReply(status, { error: details === undefined ? { code, message } : { code, message, details } }, outcome);
}

/** {"code","message","details"}: JSON decoding 400s (for routes with bodies). */
export function flatError(status: number, code: string, message: string, details: string): Reply {
  return jsonReply(status, { code, message, details }, 'bad_request');
}

/** {"msg": ...}: parameter validation 400s. */
export function bareMessage(message: string): Reply {
  return jsonReply(400, { msg: message }, 'bad_request');
}

/** {"error":"too many requests"} with 429, no Retry-After. */
export function tooManyRequests(outcome: RequestOutcome): Reply {
  return jsonReply(429, { error: 'too many requests' }, outcome);
}

const REASONS: Record<number, string> = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/** A proxy-style HTML error page. */
export function htmlError(status: number, outcome: RequestOutcome): Reply {
  const title = `${status} ${REASONS[status] ?? 'Error'}`;
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>The upstream service did not answer.</p></body></html>\n`,
    outcome,
  };
}

export function emptyReply(status: number, outcome: RequestOutcome): Reply {
  return { status, headers: {}, body: '', outcome };
}

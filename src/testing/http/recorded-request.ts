/** What `fake.requests` holds: one record per request, and the helpers that fill it in. */

import type { IncomingMessage } from 'node:http';

/** How the fake answered a request. */
export type RequestOutcome =
  | 'ok'
  | 'preflight'
  | 'bad_request'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'unauthorized'
  | 'upgrade_required'
  | 'scripted'
  | 'too_many_requests'
  | 'rate_limited'
  | 'server_error'
  | 'connection_reset'
  | 'internal_error';

/** One request as the fake saw it, and how it answered; `fake.requests` lists them in arrival order. */
export interface RecordedRequest {
  method: string;
  /** URL path without the query, as sent (includes `/trade-api/v2`). */
  path: string;
  query: URLSearchParams;
  /**
   * The request body: the parsed JSON value, the raw text when it is not JSON, undefined when
   * there is none.
   */
  body: unknown;
  /** Request headers, names lower-cased. */
  headers: Record<string, string>;
  /** Status written (0 if no answer was written, e.g. the server closed first). */
  status: number;
  signature: string | undefined;
  timestamp: string | undefined;
  keyId: string | undefined;
  outcome: RequestOutcome | undefined;
  /** Wall-clock arrival time, ms since the epoch. */
  receivedAt: number;
}

/** The parsed JSON body, or its text when it is not JSON, or undefined when empty. */
export function recordedBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Header values joined as they arrived, under lower-cased names. */
export function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

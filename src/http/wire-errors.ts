import { type ApiErrorFields, KalshiApiError, KalshiAuthError, KalshiRateLimitError, excerpt } from '../errors.js';
import { headersOf } from './failure.js';
import { type SentKey, conflictError } from './idempotency.js';

type Parsed = Pick<ApiErrorFields, 'code' | 'message' | 'details' | 'bodyExcerpt'>;

/** Kalshi's code for a request whose timestamp is outside its window (the clock is off). */
export const STALE_TIMESTAMP_CODE = 'header_timestamp_expired';

/**
 * Builds the typed error for an HTTP error answer. `body` is what openapi-fetch hands back for an
 * error: the parsed JSON, the raw text when it was not JSON, or undefined when it was empty.
 */
export function apiErrorFrom(
  status: number,
  body: unknown,
  request: { method: string; url: string },
  answer: { headers?: Headers; sentKey?: SentKey | undefined } = {},
): KalshiApiError {
  const { sentKey } = answer;
  const fields: ApiErrorFields = {
    status,
    method: request.method,
    url: request.url,
    headers: headersOf(answer.headers),
    ...parseErrorBody(status, body),
  };
  if (status === 401) return new KalshiAuthError(fields, authHint(fields));
  if (status === 429) return new KalshiRateLimitError(fields);
  return conflictError(status, fields, sentKey, answer.headers) ?? new KalshiApiError(fields);
}

const decoder = new TextDecoder();

/**
 * An error answer's bytes as `apiErrorFrom` and `parseErrorBody` take them: the parsed JSON, or
 * the text when it is not JSON (an empty body is the empty string, which they read as no body).
 */
export function errorBodyOf(bytes: Uint8Array): unknown {
  const text = decoder.decode(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Reads each of the four error shapes Kalshi sends; anything else falls back to an excerpt. */
export function parseErrorBody(status: number, body: unknown): Parsed {
  if (body === undefined || body === null || body === '') {
    return { code: undefined, details: undefined, bodyExcerpt: undefined, message: `empty response body (HTTP ${status})` };
  }
  if (typeof body === 'string') {
    return {
      code: undefined,
      details: undefined,
      bodyExcerpt: excerpt(body),
      message: `non-JSON response body: ${excerpt(textOf(body))}`,
    };
  }
  if (typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const nested = record['error'];
    if (isJsonObject(nested)) return fromCodeMessage(status, nested);
    if (typeof nested === 'string') {
      return { code: undefined, details: undefined, bodyExcerpt: undefined, message: excerpt(nested) };
    }
    if (typeof record['msg'] === 'string') {
      return { code: undefined, details: undefined, bodyExcerpt: undefined, message: excerpt(record['msg']) };
    }
    if ('code' in record || 'message' in record) return fromCodeMessage(status, record);
  }
  const json = safeStringify(body);
  return { code: undefined, details: undefined, bodyExcerpt: excerpt(json), message: `unrecognised error body: ${excerpt(json)}` };
}

function fromCodeMessage(status: number, o: Record<string, unknown>): Parsed {
  // Whatever the server says is quoted, but never at any length.
  const code = bounded(stringOrUndefined(o['code']));
  const details = bounded(stringOrUndefined(o['details']));
  const message = bounded(stringOrUndefined(o['message'])) ?? code ?? `HTTP ${status}`;
  return { code, details, message, bodyExcerpt: undefined };
}

function stringOrUndefined(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function bounded(v: string | undefined): string | undefined {
  return v === undefined ? undefined : excerpt(v);
}

function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An HTML error page is mostly markup: its title and text say more than its first tags. */
function textOf(body: string): string {
  if (!/^\s*</.test(body)) return body;
  return body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The likeliest cause of a 401, where Kalshi's code or details say; otherwise KalshiAuthError's general hint. */
function authHint(f: ApiErrorFields): string | undefined {
  const code = f.code ?? '';
  const details = f.details ?? '';
  if (code.startsWith(STALE_TIMESTAMP_CODE)) {
    return "the request's timestamp was outside the server's window: this machine's clock is probably off by more than a few seconds (sync it with NTP)";
  }
  if (code.startsWith('signature_is_missing')) {
    return 'the signing headers did not reach the server: something between this client and Kalshi (a custom fetch, a proxy) dropped them';
  }
  if (details === 'NOT_FOUND') {
    return 'the server does not know this key id: check it, and that the key belongs to this environment (demo keys only work on demo, production keys only on production)';
  }
  if (details === 'INCORRECT_API_KEY_SIGNATURE') {
    return 'the signature did not verify: the private key probably does not belong to this key id, or the key is for the other environment (demo vs production)';
  }
  return undefined;
}

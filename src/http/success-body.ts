import { KalshiMalformedResponseError } from '../errors.js';

/**
 * Parses a success answer's text. Every operation answers a JSON object, so anything else (HTML
 * from a proxy, an empty body, `null`, a bare string) is a typed error carrying the status and the
 * start of what came, instead of `undefined` that an iterator would trip over later.
 */
export function parseSuccessBody(text: unknown, status: number, target: () => { method: string; url: string }): object {
  const body = typeof text === 'string' ? text : '';
  // A write answered 204 No Content (cancelAllOrders) did what it was asked and has nothing to
  // say; a read that answers so still lost its data, and is refused below.
  if (status === 204 && body === '' && target().method !== 'GET') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // An empty body lands here too: JSON.parse('') throws.
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
  const problem = body.trim() === '' ? 'an empty body' : parsed === undefined ? 'a non-JSON body' : 'JSON that is not an object';
  throw new KalshiMalformedResponseError({ status, ...target(), body, problem });
}

import { KalshiMalformedResponseError } from '../errors.js';

/**
 * Parses a success answer's text. Every operation answers a JSON object, so anything else (HTML
 * from a proxy, an empty body, `null`, a bare string) is a typed error carrying the status and the
 * start of what came, instead of `undefined` that an iterator would trip over later.
 */
export function parseSuccessBody(text: unknown, status: number, target: () => { method: string; url: string }): object {
  // 204 No Content (cancelAllOrders) is the one success that carries no body by definition.
  if (status === 204) return {};
  const body = typeof text === 'string' ? text : '';
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

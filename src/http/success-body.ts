import { KalshiMalformedResponseError } from '../errors.js';

/**
 * Parses a success answer's text. Every operation answers a JSON object, so anything else (HTML
 * from a proxy, an empty body, `null`, a bare string) is a typed error carrying the status and the
 * start of what came, instead of `undefined` that an iterator would trip over later.
 */
export function parseSuccessBody(text: unknown, status: number, target: () => { method: string; url: string }): object {
  const body = typeof text === 'string' ? text : '';
  const malformed = (problem: string) => new KalshiMalformedResponseError({ status, ...target(), body, problem });
  if (body.trim() === '') throw malformed('an empty body where a JSON object was expected');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw malformed('a body that is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw malformed('JSON that is not an object');
  return parsed;
}

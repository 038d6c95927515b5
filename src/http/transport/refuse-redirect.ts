import { KalshiRedirectError, excerpt } from '../../errors.js';
import { headersOf } from '../failure.js';
import type { Outgoing } from './types.js';

/** What a transport knows of an answer before reading its body. */
export interface AnswerHead {
  status: number;
  headers: Headers;
  /** Set by a fetch that followed a redirect on its own (a user's `fetch` may). */
  redirected?: boolean;
  /** `'opaqueredirect'` in browsers, which hide a manual redirect's target. */
  type?: string;
  url?: string;
}

/**
 * The `KalshiRedirectError` for an answer that `isRedirect` flagged. Kalshi's API never redirects,
 * so one means a proxy, a captive portal or a hostile server, and following it would hand the
 * signature (and a write's body) to another origin. Loaded only when a redirect arrives.
 */
export function redirectError(request: Pick<Outgoing, 'method' | 'url'>, answer: AnswerHead): KalshiRedirectError {
  const followed = answer.redirected === true;
  const location = followed ? answer.url : (answer.headers.get('location') ?? undefined);
  const where = location === undefined ? 'somewhere the runtime does not reveal' : JSON.stringify(excerpt(location));
  const message = followed
    ? `the fetch given followed a redirect to ${where}, so the signed request left for another address; Kalshi never redirects its API`
    : `redirected to ${where}; Kalshi never redirects its API, so it was not followed`;
  return new KalshiRedirectError(
    {
      status: answer.status,
      method: request.method,
      url: request.url,
      headers: headersOf(answer.headers),
      code: undefined,
      details: undefined,
      bodyExcerpt: undefined,
      message,
    },
    location === undefined ? undefined : excerpt(location),
  );
}

import type { AnswerHead } from './refuse-redirect.js';

/**
 * True for any redirect: a 3xx (transports ask their runtime not to follow), an opaque one from
 * a browser, or one a user's `fetch` followed anyway. The SDK never follows one.
 */
export function isRedirect(answer: Omit<AnswerHead, 'headers'>): boolean {
  return answer.redirected === true || answer.type === 'opaqueredirect' || (answer.status >= 300 && answer.status < 400);
}

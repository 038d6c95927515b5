import type { ServerClock } from './clock.js';
import type { Answer } from './transport/types.js';
import { STALE_TIMESTAMP_CODE, errorBodyOf, parseErrorBody } from './wire-errors.js';

/**
 * After a signed request or handshake was refused: when the refusal is for a stale timestamp
 * (`header_timestamp_expired`) and carries a `Date` header, sets `clock` by Kalshi's and says so;
 * otherwise leaves it alone. Loaded only when something signed is refused.
 *
 * `Date` has whole seconds, so the server's time at answering lies in [date, date + 1 s); its
 * middle, set against the middle of the local send and receive times, is the best estimate, good
 * to about half a second, well inside the window Kalshi accepts.
 */
export function correctClock(clock: ServerClock, answer: Answer, sentAtMs: number): boolean {
  const receivedAtMs = Date.now();
  const serverMs = Date.parse(answer.headers.get('date') ?? '');
  if (answer.status !== 401 || Number.isNaN(serverMs)) return false;
  if (!parseErrorBody(401, errorBodyOf(answer.bytes)).code?.startsWith(STALE_TIMESTAMP_CODE)) return false;
  clock.offsetMs = Math.round(serverMs + 500 - (sentAtMs + receivedAtMs) / 2);
  return true;
}

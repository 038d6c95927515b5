/**
 * The offset to Kalshi's clock that an answer reveals, when it is a 401 for a stale timestamp
 * (`header_timestamp_expired`) carrying a `Date` header; otherwise undefined. Loaded only when a
 * signed request is refused.
 *
 * `Date` has whole seconds, so the server's time at answering lies in [date, date + 1 s); its
 * middle, set against the middle of the local send and receive times, is the best estimate, good
 * to about half a second, well inside the window Kalshi accepts.
 */
export async function clockSkewFrom(response: Response, sentAtMs: number, receivedAtMs: number): Promise<number | undefined> {
  const serverMs = Date.parse(response.headers.get('date') ?? '');
  if (response.status !== 401 || Number.isNaN(serverMs)) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(await response.clone().text());
  } catch {
    return undefined;
  }
  const error = (body as { error?: { code?: unknown }; code?: unknown } | null) ?? {};
  const code = typeof error.error === 'object' && error.error !== null ? error.error.code : error.code;
  if (typeof code !== 'string' || !code.startsWith('header_timestamp_expired')) return undefined;
  return Math.round(serverMs + 500 - (sentAtMs + receivedAtMs) / 2);
}

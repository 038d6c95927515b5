/**
 * Time on the wire. Instants are integer microseconds since the Unix epoch, and every name that
 * holds one ends in `Us` (`nowUs`, `settleUs`): Kalshi's fill times carry six fractional digits,
 * which milliseconds cannot hold. ("Micros" in this package means micro-dollars; see
 * wire-money.ts.)
 */

export const SECOND_US = 1_000_000;
export const MINUTE_US = 60 * SECOND_US;
export const HOUR_US = 60 * MINUTE_US;
export const DAY_US = 24 * HOUR_US;

/**
 * RFC 3339 UTC timestamp from epoch microseconds with 0, 3 or 6 fractional
 * digits ("2026-11-27T14:03:22Z", "...22.123Z", "...22.123456Z").
 */
export function formatTime(epochUs: number, fraction: 0 | 3 | 6 = 0): string {
  const seconds = Math.floor(epochUs / SECOND_US);
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (fraction === 0) return `${base}Z`;
  const sub = String(epochUs - seconds * SECOND_US).padStart(6, '0').slice(0, fraction);
  return `${base}.${sub}Z`;
}

/** Parses an RFC 3339 UTC timestamp ("...Z", up to 6 fractional digits) into epoch microseconds. */
export function parseTime(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(text);
  if (!m) throw new SyntaxError(`not an RFC 3339 UTC time: ${JSON.stringify(text)}`);
  const ms = Date.parse(`${m[1]}Z`);
  return ms * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/** Whole Unix seconds of an instant in epoch microseconds (rounded down). */
export function unixSeconds(epochUs: number): number {
  return Math.floor(epochUs / SECOND_US);
}

/**
 * Time on the wire: instants are kept as integer microseconds since the Unix
 * epoch and formatted as RFC 3339 UTC strings. (Money is exact.ts.)
 */

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

/**
 * RFC 3339 UTC timestamp from epoch microseconds with 0, 3 or 6 fractional
 * digits ("2026-11-27T14:03:22Z", "...22.123Z", "...22.123456Z").
 */
export function formatTime(micros: number, fraction: 0 | 3 | 6 = 0): string {
  const seconds = Math.floor(micros / MICROS_PER_SECOND);
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (fraction === 0) return `${base}Z`;
  const sub = String(micros - seconds * MICROS_PER_SECOND).padStart(6, '0').slice(0, fraction);
  return `${base}.${sub}Z`;
}

/** Parses an RFC 3339 UTC timestamp ("...Z", up to 6 fractional digits) into epoch microseconds. */
export function parseTime(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(text);
  if (!m) throw new SyntaxError(`not an RFC 3339 UTC time: ${JSON.stringify(text)}`);
  const ms = Date.parse(`${m[1]}Z`);
  return ms * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

export function microsToSeconds(micros: number): number {
  return Math.floor(micros / MICROS_PER_SECOND);
}

/**
 * Fixed-point and time formatting used on the wire.
 *
 * Money is kept internally as integer micro-dollars (1e-6 USD), counts as
 * integer hundredths of a contract, instants as integer microseconds since
 * the Unix epoch. Formatting never goes through floating point.
 */

export const MICROS_PER_DOLLAR = 1_000_000;
export const MICROS_PER_CENT = 10_000;
export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

/**
 * Formats micro-dollars as a decimal dollar string. Uses `minDecimals`
 * (2, 4 or 6) unless the value needs more digits to stay exact, in which case
 * it widens to 4 or 6. So "0.56", "0.5650", "0.017500" all occur.
 */
export function formatDollars(micros: number, minDecimals: 2 | 4 | 6 = 2): string {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`not an integer micro-dollar amount: ${micros}`);
  const abs = Math.abs(micros);
  let decimals: number = minDecimals;
  if (decimals < 4 && abs % 10_000 !== 0) decimals = 4;
  if (decimals < 6 && abs % 100 !== 0) decimals = 6;
  const whole = Math.floor(abs / MICROS_PER_DOLLAR);
  const frac = String(abs % MICROS_PER_DOLLAR).padStart(6, '0').slice(0, decimals);
  return `${micros < 0 ? '-' : ''}${whole}.${frac}`;
}

/** Parses a decimal dollar string (up to 6 decimals) into micro-dollars. */
export function parseDollars(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) throw new SyntaxError(`not a dollar amount: ${JSON.stringify(text)}`);
  const micros = Number(m[2]) * MICROS_PER_DOLLAR + Number((m[3] ?? '').padEnd(6, '0'));
  return m[1] === '-' ? -micros : micros;
}

/** Formats hundredths of a contract with exactly two decimals ("10.00", "-2.50"). */
export function formatCount(hundredths: number): string {
  if (!Number.isSafeInteger(hundredths)) throw new RangeError(`not an integer count: ${hundredths}`);
  const abs = Math.abs(hundredths);
  return `${hundredths < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses a two-decimal count string into hundredths. */
export function parseCount(text: string): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new SyntaxError(`not a count: ${JSON.stringify(text)}`);
  const h = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === '-' ? -h : h;
}

/** Whole cents, truncated toward zero (as Kalshi truncates `balance`). */
export function truncCents(micros: number): number {
  return Math.trunc(micros / MICROS_PER_CENT);
}

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

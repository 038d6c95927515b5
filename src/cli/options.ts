/** Option values shared by several commands: dates and times, limits, the time window. */
import { InvalidArgumentError, Option } from 'commander';
import { UsageError } from './exit-status.js';
import { echoed } from './terminal.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const DAY_SECONDS = 86_400;

/**
 * A `--since`/`--until` value as Unix seconds: `YYYY-MM-DD` (a UTC day) or an ISO 8601 time
 * (`2026-11-01T09:30:00Z`, `2026-11-01T09:30-05:00`; without a zone it is UTC). A day as
 * `--until` includes the whole day; a time includes that second.
 */
export function parseInstant(text: string, edge: 'start' | 'end'): number {
  const value = text.trim();
  const day = DATE.exec(value);
  if (day) {
    const start = utcDay(Number(day[1]), Number(day[2]), Number(day[3]));
    if (start === undefined) throw new InvalidArgumentError(`${echoed(value, 60)} is not a calendar date.`);
    return edge === 'start' ? start : start + DAY_SECONDS - 1;
  }
  const time = DATE_TIME.exec(value);
  if (time) {
    const [, y, mo, d, h, mi, s = '00', fraction = '', zone = 'Z'] = time;
    if (utcDay(Number(y), Number(mo), Number(d)) === undefined || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
      throw new InvalidArgumentError(`${echoed(value, 60)} is not a valid time.`);
    }
    const normalizedZone = /^[+-]\d{4}$/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone.toUpperCase();
    const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${normalizedZone}`);
    if (Number.isNaN(ms)) throw new InvalidArgumentError(`${echoed(value, 60)} is not a valid time.`);
    // Kalshi filters on whole seconds: a start rounds up, an end rounds down, so both stay inside.
    return edge === 'start' ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
  }
  throw new InvalidArgumentError(`expected a date (2026-11-01) or an ISO 8601 time (2026-11-01T09:30:00Z), got "${echoed(value, 60)}".`);
}

function utcDay(year: number, month: number, day: number): number | undefined {
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / 1000;
}

export function positiveInteger(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new InvalidArgumentError(`expected a whole number of at least 1, got "${echoed(text, 60)}".`);
  }
  return Number(text);
}

export const sinceOption = () =>
  new Option('--since <date>', 'from this UTC date (YYYY-MM-DD) or ISO 8601 time, inclusive').argParser((v: string) => parseInstant(v, 'start'));
export const untilOption = () =>
  new Option('--until <date>', 'up to this UTC date (the whole day) or ISO 8601 time, inclusive').argParser((v: string) => parseInstant(v, 'end'));
export const tickerOption = () => new Option('--ticker <market>', 'only this market ticker');
export const jsonOption = () => new Option('--json', 'print the data as Kalshi sent it, as one JSON object (see "JSON output" in --help)');

/** `--subaccount <n>`: 0 the primary account, 1 to 63 a numbered subaccount, as Kalshi numbers them. */
export const subaccountOption = (whenAbsent: string) =>
  new Option('--subaccount <n>', `only this subaccount: 0 the primary, 1-63 a numbered one (default: ${whenAbsent})`).argParser(subaccountNumber);

function subaccountNumber(text: string): number {
  if (!/^\d{1,2}$/.test(text.trim()) || Number(text) > 63) {
    throw new InvalidArgumentError(`expected a subaccount number from 0 (the primary) to 63, got "${echoed(text, 60)}".`);
  }
  return Number(text);
}

/** The query parameter for a `--subaccount` value, or nothing. */
export const subaccountQuery = (subaccount: number | undefined): { subaccount?: number } => (subaccount === undefined ? {} : { subaccount });

export interface Window {
  since?: number;
  until?: number;
}

/** min_ts/max_ts for the API, after checking the window is not upside down. */
export function windowQuery({ since, until }: Window): { min_ts?: number; max_ts?: number } {
  if (since !== undefined && until !== undefined && since > until) {
    throw new UsageError(`--since (${isoSeconds(since)}) is after --until (${isoSeconds(until)})`);
  }
  return { ...(since !== undefined ? { min_ts: since } : {}), ...(until !== undefined ? { max_ts: until } : {}) };
}

export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

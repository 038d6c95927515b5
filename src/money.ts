/**
 * Exact money and contract counts.
 *
 * Kalshi sends amounts as fixed-point decimal strings: `*_dollars` fields carry up to 6 decimals
 * (`"0.017500"`, `"-0.1576"`), `*_fp` counts carry 2 (`"10.00"`), and a few fields are whole cents
 * (`balance`, `revenue`). Parsing them through a JavaScript number loses precision, so this module
 * turns them into `bigint`s of the smallest unit instead — micro-dollars for money, hundredths for
 * counts — and formats them back without ever rounding silently. It uses nothing but `bigint` and
 * strings, so it runs on any runtime.
 *
 * The accepted grammar, for both dollars and counts, is: an optional `-`, the integer part (`0`, or
 * digits without a leading zero), then optionally `.` and 1 to 6 (dollars) or 1 to 2 (counts)
 * digits. So `"0.5"`, `"-0.1576"` and `"12"` are accepted; `"00.5"`, `"007.50"`, `".5"`, `"1."`,
 * `"+1"`, `"1e3"`, `" 1"` and `"1,000"` are not. `"-0"` and `"-0.00"` are accepted and mean zero.
 * There is no limit on the number of integer digits.
 */
import { KalshiInputError } from './errors.js';

/** Micro-dollars in one US dollar: the unit of {@link parseDollars}. */
export const MICROS_PER_DOLLAR = 1_000_000n;
/** Micro-dollars in one US cent. */
export const MICROS_PER_CENT = 10_000n;

/** A fixed-point decimal kind: how many decimals it has and what to call it in error messages. */
interface Scale {
  readonly places: number;
  /** `10n ** places`: smallest units per whole unit. */
  readonly factor: bigint;
  /** Default formatting shows at least this many decimals (`"2.50"`, not `"2.5"`). */
  readonly minDecimals: number;
  readonly noun: string;
  readonly unit: string;
}

const DOLLARS: Scale = { places: 6, factor: MICROS_PER_DOLLAR, minDecimals: 2, noun: 'dollar amount', unit: 'micro-dollars' };
const COUNTS: Scale = { places: 2, factor: 100n, minDecimals: 2, noun: 'contract count', unit: 'hundredths of a contract' };

// ---------------------------------------------------------------------------------------------
// Dollars

/**
 * Parses a dollar string (`"0.017500"`, `"-0.1576"`, `"98.0186"`) into integer micro-dollars
 * (`17500n`, `-157600n`, `98018600n`), exactly.
 *
 * @throws {KalshiInputError} if `text` is not a string or does not follow the grammar described at
 * the top of this module (more than 6 decimals, exponent, whitespace, `+`, leading zeros, …).
 */
export function parseDollars(text: string): bigint {
  return parseFixed(text, DOLLARS);
}

/**
 * Formats micro-dollars as a dollar string. By default uses the fewest decimals between 2 and 6
 * that represent the value exactly (`560000n` → `"0.56"`, `17500n` → `"0.0175"`, `2500000n` →
 * `"2.50"`); with `decimals` (an integer from 0 to 6), uses exactly that many.
 *
 * @throws {KalshiInputError} if `micros` is not a bigint, `decimals` is out of range, or the value
 * cannot be written with `decimals` decimals without rounding (`17500n` with 2).
 */
export function formatDollars(micros: bigint, options?: { decimals?: number }): string {
  return formatFixed(micros, DOLLARS, options?.decimals);
}

/**
 * Adds dollar strings exactly and formats the sum as {@link formatDollars} does by default. The
 * sum of no amounts is `"0.00"`.
 *
 * @throws {KalshiInputError} if any amount is malformed.
 */
export function addDollars(...amounts: string[]): string {
  return formatFixed(sumFixed(amounts, DOLLARS), DOLLARS);
}

/**
 * Computes `a - b` exactly and formats it as {@link formatDollars} does by default.
 *
 * @throws {KalshiInputError} if either amount is malformed.
 */
export function subtractDollars(a: string, b: string): string {
  return formatFixed(parseFixed(a, DOLLARS) - parseFixed(b, DOLLARS), DOLLARS);
}

/**
 * Compares two dollar strings by value: `-1` if `a < b`, `0` if equal (`"2.5"` and `"2.500000"`
 * are), `1` if `a > b`. Usable as an `Array.prototype.sort` comparator.
 *
 * @throws {KalshiInputError} if either amount is malformed.
 */
export function compareDollars(a: string, b: string): -1 | 0 | 1 {
  return compareBigints(parseFixed(a, DOLLARS), parseFixed(b, DOLLARS));
}

// ---------------------------------------------------------------------------------------------
// Contract counts

/**
 * Parses a contract count (`"10.00"`, `"-2.5"`) into integer hundredths of a contract (`1000n`,
 * `-250n`). Same grammar as {@link parseDollars}, with at most 2 decimals.
 *
 * @throws {KalshiInputError} if `text` is not a string or is malformed.
 */
export function parseCount(text: string): bigint {
  return parseFixed(text, COUNTS);
}

/**
 * Formats hundredths of a contract with exactly 2 decimals (`1000n` → `"10.00"`).
 *
 * @throws {KalshiInputError} if `hundredths` is not a bigint.
 */
export function formatCount(hundredths: bigint): string {
  return formatFixed(hundredths, COUNTS);
}

/**
 * Adds contract counts exactly; the result has 2 decimals. The sum of no counts is `"0.00"`.
 *
 * @throws {KalshiInputError} if any count is malformed.
 */
export function addCounts(...counts: string[]): string {
  return formatFixed(sumFixed(counts, COUNTS), COUNTS);
}

/**
 * Computes `a - b` exactly; the result has 2 decimals.
 *
 * @throws {KalshiInputError} if either count is malformed.
 */
export function subtractCounts(a: string, b: string): string {
  return formatFixed(parseFixed(a, COUNTS) - parseFixed(b, COUNTS), COUNTS);
}

/**
 * Compares two contract counts by value: `-1`, `0` or `1`, like {@link compareDollars}.
 *
 * @throws {KalshiInputError} if either count is malformed.
 */
export function compareCounts(a: string, b: string): -1 | 0 | 1 {
  return compareBigints(parseFixed(a, COUNTS), parseFixed(b, COUNTS));
}

// ---------------------------------------------------------------------------------------------
// Cents

/**
 * Converts whole cents (Kalshi's `balance`, `revenue`, `amount_cents`) to micro-dollars.
 *
 * @throws {KalshiInputError} if `cents` is a number that is not a safe integer (a fraction, `NaN`,
 * `Infinity`, or beyond ±2^53 − 1, where a number may already have lost precision), or is neither
 * a number nor a bigint.
 */
export function centsToMicros(cents: number | bigint): bigint {
  if (typeof cents === 'bigint') return cents * MICROS_PER_CENT;
  if (typeof cents === 'number' && Number.isSafeInteger(cents)) return BigInt(cents) * MICROS_PER_CENT;
  throw new KalshiInputError(`Invalid cents ${describe(cents)}: expected a bigint or a safe integer number of cents`);
}

/**
 * Converts micro-dollars to cents. `rounding` says what to do with a fraction of a cent:
 * `'exact'` (the default) refuses it, `'truncate'` drops it (rounds toward zero, as Kalshi does for
 * `balance`), `'floor'` rounds toward negative infinity.
 *
 * @throws {KalshiInputError} if `micros` is not a bigint, `rounding` is unknown, or `rounding` is
 * `'exact'` and `micros` is not a whole number of cents.
 */
export function microsToCents(micros: bigint, rounding: 'exact' | 'truncate' | 'floor' = 'exact'): bigint {
  requireBigint(micros, DOLLARS);
  if (rounding !== 'exact' && rounding !== 'truncate' && rounding !== 'floor') {
    throw new KalshiInputError(`Invalid rounding ${describe(rounding)}: expected 'exact', 'truncate' or 'floor'`);
  }
  const quotient = micros / MICROS_PER_CENT; // bigint division truncates toward zero
  const remainder = micros % MICROS_PER_CENT; // has the sign of `micros`
  if (remainder === 0n || rounding === 'truncate') return quotient;
  if (rounding === 'floor') return remainder < 0n ? quotient - 1n : quotient;
  throw new KalshiInputError(
    `${micros}n micro-dollars (${formatFixed(micros, DOLLARS)} dollars) is not a whole number of cents; ` +
      `pass rounding 'truncate' or 'floor' to drop the fraction`,
  );
}

// ---------------------------------------------------------------------------------------------
// The shared fixed-point parser and formatter

// Every check on text below is linear in its length, whatever the text: a server (or a caller)
// may hand over megabytes, and a backtracking pattern would turn that into minutes of CPU.

/**
 * The accepted grammar. Unambiguous (each character can match one way only), so a failed match
 * backtracks at most once per character.
 */
const DECIMAL = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;
/** One quantifier over one class: linear. */
const DIGITS = /^[0-9]+$/;

function parseFixed(text: string, scale: Scale): bigint {
  if (typeof text !== 'string') {
    throw new KalshiInputError(`Invalid ${scale.noun}: expected a decimal string, got ${describe(text)}`);
  }
  const match = DECIMAL.exec(text);
  const fraction = match?.[3] ?? '';
  if (!match || fraction.length > scale.places) {
    throw new KalshiInputError(
      `Invalid ${scale.noun} ${quote(text)}: ${whyMalformed(text, scale)} ` +
        `(expected an optional '-', digits without leading zeros, and optionally '.' followed by 1 to ${scale.places} digits)`,
    );
  }
  const magnitude = BigInt(match[2] + fraction.padEnd(scale.places, '0'));
  return match[1] ? -magnitude : magnitude;
}

/** The first rule a malformed string breaks, in words. */
function whyMalformed(text: string, scale: Scale): string {
  const rules: [(text: string) => boolean, string][] = [
    [(t) => t === '', 'it is empty'],
    [(t) => /\s/.test(t), 'it contains whitespace'],
    [isExponent, 'exponent notation is not accepted'],
    [(t) => t.startsWith('+'), "a leading '+' is not accepted"],
    [(t) => hasTooManyDecimals(t, scale.places), `it has more than ${scale.places} decimals`],
    [(t) => t.includes(','), 'digit group separators are not accepted'],
    [(t) => /^-?0[0-9]/.test(t), 'leading zeros are not accepted'],
    [(t) => /^-?\./.test(t), "a '.' must follow at least one digit"],
    [(t) => t.endsWith('.'), "a '.' must be followed by at least one digit"],
  ];
  return rules.find(([breaks]) => breaks(text))?.[1] ?? 'it is not a decimal number';
}

/**
 * `1e3`, `-2.5E-4`, `.5e1`: a mantissa (`[-+]?`, then digits with an optional '.' and more
 * digits, or '.' and digits) then `e` and a signed integer. Taken apart at the one `e` rather
 * than matched whole: as one pattern, the digits before and after an optional '.' can be split in
 * n ways, which made a long run of digits quadratic.
 */
function isExponent(text: string): boolean {
  const e = text.search(/[eE]/);
  if (e === -1) return false;
  const mantissa = text.slice(0, e).replace(/^[-+]/, '');
  const exponent = text.slice(e + 1).replace(/^[-+]/, '');
  if (!DIGITS.test(exponent)) return false;
  const dot = mantissa.indexOf('.');
  if (dot === -1) return DIGITS.test(mantissa);
  const whole = mantissa.slice(0, dot);
  const fraction = mantissa.slice(dot + 1);
  return whole === '' ? DIGITS.test(fraction) : DIGITS.test(whole) && (fraction === '' || DIGITS.test(fraction));
}

/** Ends in '.' and more than `places` digits. */
function hasTooManyDecimals(text: string, places: number): boolean {
  const decimals = text.slice(text.lastIndexOf('.') + 1);
  return text.includes('.') && decimals.length > places && DIGITS.test(decimals);
}

function formatFixed(value: bigint, scale: Scale, decimals?: number): string {
  requireBigint(value, scale);
  if (decimals !== undefined && !(Number.isInteger(decimals) && decimals >= 0 && decimals <= scale.places)) {
    throw new KalshiInputError(`Invalid decimals ${describe(decimals)}: expected an integer from 0 to ${scale.places}`);
  }
  const magnitude = value < 0n ? -value : value;
  const digits = (magnitude % scale.factor).toString().padStart(scale.places, '0');
  const significant = digits.replace(/0+$/, '').length;
  const shown = decimals ?? (significant > scale.minDecimals ? significant : scale.minDecimals);
  if (significant > shown) {
    throw new KalshiInputError(
      `Cannot format ${value}n ${scale.unit} (${formatFixed(value, scale)}) with ${shown} decimals without rounding`,
    );
  }
  const sign = value < 0n ? '-' : '';
  const whole = (magnitude / scale.factor).toString();
  return shown === 0 ? `${sign}${whole}` : `${sign}${whole}.${digits.slice(0, shown)}`;
}

function sumFixed(amounts: string[], scale: Scale): bigint {
  return amounts.reduce((total, amount) => total + parseFixed(amount, scale), 0n);
}

function compareBigints(a: bigint, b: bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

function requireBigint(value: bigint, scale: Scale): void {
  if (typeof value !== 'bigint') {
    throw new KalshiInputError(`Invalid ${scale.unit}: expected a bigint, got ${describe(value)}`);
  }
}

/** Names an unexpected value for an error message: its type, and the value itself when short. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${quote(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'bigint') return `bigint ${value}n`;
  return typeof value;
}

const QUOTE_HEAD = 24;
const QUOTE_TAIL = 16;

/**
 * A string quoted for an error message, whatever its length: a long one as its start and end
 * around '…', with its length, so a message never carries megabytes of someone else's data.
 */
function quote(text: string): string {
  if (text.length <= QUOTE_HEAD + QUOTE_TAIL) return JSON.stringify(text);
  return `${JSON.stringify(`${text.slice(0, QUOTE_HEAD)}…${text.slice(-QUOTE_TAIL)}`)} (${text.length} characters)`;
}

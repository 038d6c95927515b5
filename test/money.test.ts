import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KalshiInputError } from '../src/errors.js';
import {
  addCounts,
  addDollars,
  centsToMicros,
  compareCounts,
  compareDollars,
  formatCount,
  formatDollars,
  MICROS_PER_CENT,
  MICROS_PER_DOLLAR,
  microsToCents,
  parseCount,
  parseDollars,
  subtractCounts,
  subtractDollars,
} from '../src/money.js';

/** A fixed seed: every run checks the same cases. */
const runs = { seed: 20_260_501, numRuns: 500 };

const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** A valid decimal string with 0 to `places` decimals, either sign, no superfluous leading zeros, never "-0…0". */
const decimalString = (places: number) =>
  fc
    .record({
      negative: fc.boolean(),
      whole: fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 30)).map(([a, b]) => a + b)),
      fraction: digits(0, places),
    })
    .filter(({ negative, whole, fraction }) => !(negative && /^0*$/.test(whole + fraction)))
    .map(({ negative, whole, fraction }) => ({
      text: `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`,
      decimals: fraction.length,
    }));

const dollarString = decimalString(6).map((d) => d.text);
const countString = decimalString(2).map((d) => d.text);

/** Small, medium and far-beyond-2^53 values, both signs. */
const anyBigint = fc.oneof(
  fc.bigInt({ min: -10_000_000n, max: 10_000_000n }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  fc.bigInt(),
);

function rejection(run: () => unknown): KalshiInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KalshiInputError);
    return error as KalshiInputError;
  }
  throw new Error('expected a KalshiInputError, but nothing was thrown');
}

describe('constants', () => {
  it('are micro-dollars', () => {
    expect(MICROS_PER_DOLLAR).toBe(1_000_000n);
    expect(MICROS_PER_CENT).toBe(10_000n);
  });
});

describe('parseDollars / formatDollars on Kalshi-like values', () => {
  it.each([
    ['0.017500', 17_500n, '0.0175'],
    ['98.0186', 98_018_600n, '98.0186'],
    ['-0.1576', -157_600n, '-0.1576'],
    ['2.500000', 2_500_000n, '2.50'],
    ['0.56', 560_000n, '0.56'],
    ['0.5', 500_000n, '0.50'],
    ['12', 12_000_000n, '12.00'],
    ['-0.000001', -1n, '-0.000001'],
    ['0', 0n, '0.00'],
    ['-0.00', 0n, '0.00'],
    ['-0', 0n, '0.00'],
    ['123456789012345678901234567890.123456', 123456789012345678901234567890123456n, '123456789012345678901234567890.123456'],
  ])('%s → %sn → %s', (text, micros, formatted) => {
    expect(parseDollars(text)).toBe(micros);
    expect(formatDollars(micros)).toBe(formatted);
  });

  it('formats with exactly the requested decimals', () => {
    expect(formatDollars(17_500n, { decimals: 6 })).toBe('0.017500');
    expect(formatDollars(17_500n, { decimals: 4 })).toBe('0.0175');
    expect(formatDollars(2_000_000n, { decimals: 0 })).toBe('2');
    expect(formatDollars(-2_500_000n, { decimals: 1 })).toBe('-2.5');
    expect(formatDollars(0n, { decimals: 3 })).toBe('0.000');
  });

  it('never rounds silently', () => {
    const error = rejection(() => formatDollars(17_500n, { decimals: 2 }));
    expect(error.message).toContain('17500n');
    expect(error.message).toContain('0.0175');
    rejection(() => formatDollars(-1n, { decimals: 5 }));
    rejection(() => formatDollars(2_500_000n, { decimals: 0 }));
  });

  it('rejects bad formatting inputs', () => {
    for (const decimals of [-1, 7, 1.5, Number.NaN]) {
      expect(rejection(() => formatDollars(1n, { decimals })).message).toContain(String(decimals));
    }
    expect(rejection(() => formatDollars(5 as unknown as bigint)).message).toContain('number 5');
    expect(rejection(() => formatDollars('5' as unknown as bigint)).message).toContain('string "5"');
    rejection(() => formatCount(5 as unknown as bigint));
  });
});

describe('malformed strings', () => {
  it.each([
    ['1e3', 'exponent'],
    ['0.1234567', 'more than 6 decimals'],
    ['', 'empty'],
    ['abc', 'not a decimal number'],
    [' 1.00', 'whitespace'],
    ['1.00\n', 'whitespace'],
    ['+1.00', "'+'"],
    ['1.', "followed by at least one digit"],
    ['.5', 'follow at least one digit'],
    ['-.5', 'follow at least one digit'],
    ['1,000.00', 'separators'],
    ['NaN', 'not a decimal number'],
    ['Infinity', 'not a decimal number'],
    ['-Infinity', 'not a decimal number'],
    ['00.5', 'leading zeros'],
    ['007.50', 'leading zeros'],
    ['-01', 'leading zeros'],
    ['--1', 'not a decimal number'],
    ['1.2.3', 'not a decimal number'],
    ['0x10', 'not a decimal number'],
    ['１', 'not a decimal number'],
  ])('parseDollars(%j) is rejected (%s)', (text, reason) => {
    const error = rejection(() => parseDollars(text));
    expect(error.message).toContain(JSON.stringify(text));
    expect(error.message).toContain(reason);
  });

  it.each([
    [1.5, 'number 1.5'],
    [100, 'number 100'],
    [10n, 'bigint 10n'],
    [null, 'null'],
    [undefined, 'undefined'],
    [{}, 'object'],
    [['1'], 'an array'],
  ])('parseDollars(%s) names the type it got', (value, described) => {
    expect(rejection(() => parseDollars(value as unknown as string)).message).toContain(described);
    expect(rejection(() => parseCount(value as unknown as string)).message).toContain(described);
  });

  it('malformed input of any length is refused in linear time, quoting only a bounded excerpt', () => {
    const n = 200_000;
    const hostile = [
      `${'1'.repeat(n)}x`, // took about 20 s when one rule's pattern backtracked over the digits
      `${'1'.repeat(n)}e`,
      `1.${'1'.repeat(n)}e5x`,
      `-${'9'.repeat(n)}.${'1'.repeat(n)}`,
      '1,'.repeat(n),
      '.'.repeat(n),
      `${'1'.repeat(n)}.`,
      ' '.repeat(n),
      '1e'.repeat(n),
      `+${'0'.repeat(n)}`,
    ];
    const started = performance.now();
    for (const text of hostile) {
      for (const parse of [parseDollars, parseCount]) {
        const { message } = rejection(() => parse(text));
        expect(message.length).toBeLessThan(300);
        expect(message).toContain(`"${text.slice(0, 24)}…${text.slice(-16)}" (${text.length} characters)`);
        expect(message).not.toContain(text.slice(0, 100));
      }
    }
    // Generous: linear parsing takes milliseconds; the quadratic pattern took seconds per string.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a long value of the wrong kind is quoted as an excerpt too', () => {
    const { message } = rejection(() => centsToMicros('7'.repeat(100_000) as unknown as number));
    expect(message).toContain('(100000 characters)');
    expect(message.length).toBeLessThan(200);
  });

  it('counts allow at most 2 decimals', () => {
    const error = rejection(() => parseCount('1.005'));
    expect(error.message).toContain('"1.005"');
    expect(error.message).toContain('more than 2 decimals');
    for (const text of ['1e3', '', ' 1', '+1', '1.', '.5', '1,000', 'NaN', '01']) rejection(() => parseCount(text));
  });

  it('arithmetic rejects malformed operands', () => {
    expect(rejection(() => addDollars('1.00', '1e3')).message).toContain('"1e3"');
    rejection(() => subtractDollars('1', ''));
    rejection(() => compareDollars('1', '0.1234567'));
    rejection(() => addCounts('1.00', '0.001'));
    rejection(() => subtractCounts('x', '1'));
    rejection(() => compareCounts('1', ' 1'));
  });
});

describe('dollar properties', () => {
  it('formatting a parsed string with its own number of decimals gives it back', () => {
    fc.assert(
      fc.property(decimalString(6), ({ text, decimals }) => {
        expect(formatDollars(parseDollars(text), { decimals })).toBe(text);
      }),
      runs,
    );
  });

  it('parsing a formatted bigint gives it back, at any size', () => {
    fc.assert(
      fc.property(anyBigint, (micros) => {
        expect(parseDollars(formatDollars(micros))).toBe(micros);
        expect(parseDollars(formatDollars(micros, { decimals: 6 }))).toBe(micros);
      }),
      runs,
    );
  });

  it('the default format uses the fewest decimals from 2 to 6', () => {
    fc.assert(
      fc.property(anyBigint, (micros) => {
        const fraction = formatDollars(micros).split('.')[1] ?? '';
        expect(fraction.length).toBeGreaterThanOrEqual(2);
        expect(fraction.length).toBeLessThanOrEqual(6);
        if (fraction.length > 2) expect(fraction.endsWith('0')).toBe(false);
      }),
      runs,
    );
  });

  it('addDollars is the formatted sum of the parsed amounts', () => {
    fc.assert(
      fc.property(fc.array(dollarString, { maxLength: 10 }), (amounts) => {
        const sum = amounts.reduce((total, amount) => total + parseDollars(amount), 0n);
        expect(addDollars(...amounts)).toBe(formatDollars(sum));
      }),
      runs,
    );
    expect(addDollars()).toBe('0.00');
  });

  it('add, subtract and compare agree with bigint arithmetic', () => {
    fc.assert(
      fc.property(dollarString, dollarString, (a, b) => {
        const [x, y] = [parseDollars(a), parseDollars(b)];
        expect(parseDollars(addDollars(a, b))).toBe(x + y);
        expect(parseDollars(subtractDollars(a, b))).toBe(x - y);
        expect(parseDollars(subtractDollars(addDollars(a, b), b))).toBe(x);
        expect(compareDollars(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
        expect(compareDollars(a, a)).toBe(0);
      }),
      runs,
    );
  });

  it('compares by value, not by text', () => {
    expect(compareDollars('2.5', '2.500000')).toBe(0);
    expect(compareDollars('-0.1576', '0.017500')).toBe(-1);
    expect(compareDollars('10', '9.999999')).toBe(1);
    expect(['1.5', '-2', '0.017500', '1.05'].sort(compareDollars)).toEqual(['-2', '0.017500', '1.05', '1.5']);
  });

  it('adds without float error', () => {
    expect(addDollars('0.1', '0.2')).toBe('0.30');
    expect(addDollars('0.017500', '98.0186', '-0.1576')).toBe('97.8785');
    expect(subtractDollars('0.30', '0.1')).toBe('0.20');
    expect(addDollars('9007199254740993.000001', '1')).toBe('9007199254740994.000001');
  });
});

describe('counts', () => {
  it.each([
    ['10.00', 1000n, '10.00'],
    ['-63.50', -6350n, '-63.50'],
    ['-2.5', -250n, '-2.50'],
    ['7', 700n, '7.00'],
    ['0.01', 1n, '0.01'],
    ['-0.00', 0n, '0.00'],
  ])('%s → %sn → %s', (text, hundredths, formatted) => {
    expect(parseCount(text)).toBe(hundredths);
    expect(formatCount(hundredths)).toBe(formatted);
  });

  it('round-trips: strings with 0–2 decimals, and any bigint', () => {
    fc.assert(
      fc.property(decimalString(2), ({ text, decimals }) => {
        const padded = decimals === 0 ? `${text}.00` : decimals === 1 ? `${text}0` : text;
        expect(formatCount(parseCount(text))).toBe(padded);
      }),
      runs,
    );
    fc.assert(
      fc.property(anyBigint, (hundredths) => {
        const text = formatCount(hundredths);
        expect(text).toMatch(/^-?[0-9]+\.[0-9]{2}$/);
        expect(parseCount(text)).toBe(hundredths);
      }),
      runs,
    );
  });

  it('add, subtract and compare agree with bigint arithmetic', () => {
    fc.assert(
      fc.property(fc.array(countString, { maxLength: 10 }), countString, countString, (many, a, b) => {
        expect(addCounts(...many)).toBe(formatCount(many.reduce((total, c) => total + parseCount(c), 0n)));
        const [x, y] = [parseCount(a), parseCount(b)];
        expect(parseCount(addCounts(a, b))).toBe(x + y);
        expect(parseCount(subtractCounts(addCounts(a, b), b))).toBe(x);
        expect(compareCounts(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
      }),
      runs,
    );
    expect(addCounts()).toBe('0.00');
    expect(addCounts('10.00', '-63.50', '0.5')).toBe('-53.00');
  });
});

describe('cents', () => {
  it('centsToMicros and microsToCents round-trip', () => {
    fc.assert(
      fc.property(anyBigint, (cents) => {
        expect(microsToCents(centsToMicros(cents))).toBe(cents);
      }),
      runs,
    );
    fc.assert(
      fc.property(fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (cents) => {
        expect(microsToCents(centsToMicros(cents))).toBe(BigInt(cents));
      }),
      runs,
    );
    expect(centsToMicros(1234)).toBe(12_340_000n);
    expect(formatDollars(centsToMicros(-1234n))).toBe('-12.34');
  });

  it('rounds fractions of a cent only when asked', () => {
    expect(microsToCents(15_000n, 'truncate')).toBe(1n);
    expect(microsToCents(15_000n, 'floor')).toBe(1n);
    expect(microsToCents(-15_000n, 'truncate')).toBe(-1n);
    expect(microsToCents(-15_000n, 'floor')).toBe(-2n);
    expect(microsToCents(-1n, 'truncate')).toBe(0n);
    expect(microsToCents(-1n, 'floor')).toBe(-1n);
    expect(microsToCents(-20_000n, 'floor')).toBe(-2n);
    const error = rejection(() => microsToCents(15_000n));
    expect(error.message).toContain('15000n');
    expect(error.message).toContain('0.015');
    rejection(() => microsToCents(15_000n, 'exact'));
  });

  it('truncate and floor bracket the exact value', () => {
    fc.assert(
      fc.property(anyBigint, (micros) => {
        const floor = microsToCents(micros, 'floor');
        const truncated = microsToCents(micros, 'truncate');
        expect(floor * MICROS_PER_CENT <= micros && micros < (floor + 1n) * MICROS_PER_CENT).toBe(true);
        expect(truncated).toBe(micros < 0n ? -microsToCents(-micros, 'floor') : floor);
      }),
      runs,
    );
  });

  it('rejects cents that are not whole, safe, or numbers', () => {
    for (const cents of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53)]) {
      expect(rejection(() => centsToMicros(cents)).message).toContain(String(cents));
    }
    expect(rejection(() => centsToMicros('5' as unknown as number)).message).toContain('string "5"');
    rejection(() => microsToCents(5 as unknown as bigint));
    expect(rejection(() => microsToCents(1n, 'round' as 'floor')).message).toContain('"round"');
    rejection(() => microsToCents(0n, 'round' as 'floor'));
  });
});

describe('the source', () => {
  const source = readFileSync(join(import.meta.dirname, '..', 'src', 'money.ts'), 'utf8');

  it('never goes through a float', () => {
    expect(source).not.toMatch(/parseFloat|parseInt|Number\(|Math\./);
  });

  it('imports nothing from Node', () => {
    expect(source).not.toMatch(/from\s+['"]node:/);
  });
});

/** The CLI's pure parts, in process: money and time formatting, dates, tables, CSV columns. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/cli/commands/export.js';
import { eventOf } from '../../src/cli/commands/positions.js';
import { age, colorsFor, contracts, dollars, pairs, signedDollars, table, utc } from '../../src/cli/format.js';
import { parseInstant } from '../../src/cli/options.js';

const plain = colorsFor({ isTTY: false }, {});

describe('money and counts', () => {
  it.each([
    [0n, '$0.00', '$0.00'],
    [1_234_560_000n, '$1,234.56', '+$1,234.56'],
    [-160_000n, '-$0.16', '-$0.16'],
    [17_500n, '$0.0175', '+$0.0175'],
    [-1_050_000n, '-$1.05', '-$1.05'],
    [1_234_567_890_123_456_789n, '$1,234,567,890,123.456789', '+$1,234,567,890,123.456789'],
  ])('%s micro-dollars → %s / %s', (micros, unsigned, signed) => {
    expect(dollars(micros)).toBe(unsigned);
    expect(signedDollars(micros)).toBe(signed);
  });

  it('counts keep their two decimals', () => {
    expect(contracts(1000n)).toBe('10.00');
    expect(contracts(123456750n)).toBe('1,234,567.50');
    expect(contracts(-6350n)).toBe('-63.50');
  });

  it('times in UTC from RFC 3339 or Unix seconds', () => {
    expect(utc('2026-10-15T20:41:43.150830Z')).toBe('2026-10-15 20:41:43');
    expect(utc(1792096903)).toBe('2026-10-15 20:41:43');
  });

  it('ages: the two largest units, whole units only', () => {
    const now = Date.parse('2026-10-15T20:41:43Z');
    expect(age('2026-10-15T20:41:43.900Z', now)).toBe('0s');
    expect(age('2026-10-15T20:41:01Z', now)).toBe('42s');
    expect(age('2026-10-15T20:29:13Z', now)).toBe('12m 30s');
    expect(age('2026-10-15T15:34:43Z', now)).toBe('5h 07m');
    expect(age('2026-10-12T16:41:43.5Z', now)).toBe('3d 03h');
    expect(age('2026-10-16T00:00:00Z', now)).toBe('0s');
    expect(age(undefined, now)).toBe('');
    expect(age(null, now)).toBe('');
  });
});

describe('--since/--until values', () => {
  it('a date is a UTC day; as an end it includes the whole day', () => {
    expect(parseInstant('2026-11-01', 'start')).toBe(Date.UTC(2026, 10, 1) / 1000);
    expect(parseInstant('2026-11-01', 'end')).toBe(Date.UTC(2026, 10, 2) / 1000 - 1);
  });

  it('ISO 8601 times, with or without a zone (none = UTC), to whole seconds inside the window', () => {
    expect(parseInstant('2026-11-01T09:30:00Z', 'start')).toBe(Date.UTC(2026, 10, 1, 9, 30) / 1000);
    expect(parseInstant('2026-11-01T09:30', 'start')).toBe(Date.UTC(2026, 10, 1, 9, 30) / 1000);
    expect(parseInstant('2026-11-01T09:30:00-05:00', 'start')).toBe(Date.UTC(2026, 10, 1, 14, 30) / 1000);
    expect(parseInstant('2026-11-01T09:30:00+0200', 'start')).toBe(Date.UTC(2026, 10, 1, 7, 30) / 1000);
    expect(parseInstant('2026-11-01T09:30:00.5Z', 'start')).toBe(Date.UTC(2026, 10, 1, 9, 30, 1) / 1000);
    expect(parseInstant('2026-11-01T09:30:00.5Z', 'end')).toBe(Date.UTC(2026, 10, 1, 9, 30, 0) / 1000);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-11-01T25:00:00Z', 'yesterday', '1730419200', '11/01/2026', ''])('rejects %j', (text) => {
    expect(() => parseInstant(text, 'start')).toThrow(/not a calendar date|not a valid time|expected a date/);
  });
});

describe('tables', () => {
  it('line amounts up on the decimal point, under right-aligned headers', () => {
    const text = table(
      [{ header: 'MARKET' }, { header: 'AMOUNT', align: 'decimal' }],
      [['A', '$5.00'], ['BB', '$1,203.4567'], { kind: 'total', cells: ['total', '$1,208.4567'] }],
      plain,
    );
    expect(text).toBe(
      ['MARKET       AMOUNT', 'A           $5.00', 'BB      $1,203.4567', 'total   $1,208.4567', ''].join('\n'),
    );
  });

  it('label/value pairs with notes', () => {
    expect(pairs([{ label: 'Cash', value: '$12.5' }, { label: 'Total', value: '$1,000.25', note: 'all', total: true }], plain)).toBe(
      'Cash      $12.5\nTotal  $1,000.25  all\n',
    );
  });

  it('colour only on a TTY without NO_COLOR', () => {
    expect(colorsFor({ isTTY: true }, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(colorsFor({ isTTY: true }, { NO_COLOR: '1' }).red('x')).toBe('x');
    expect(colorsFor({ isTTY: true }, { NO_COLOR: '' }).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(colorsFor({ isTTY: false }, { FORCE_COLOR: '1' }).red('x')).toBe('x');
  });
});

describe('positions grouping', () => {
  it('a market belongs to the longest listed event it extends, else to its ticker minus the last part', () => {
    expect(eventOf('KXFED-26DEC-C25', ['KXFED-26', 'KXFED-26DEC'])).toBe('KXFED-26DEC');
    expect(eventOf('KXHIGHNY-26NOV27-B45.5', [])).toBe('KXHIGHNY-26NOV27');
  });
});

describe('CSV columns', () => {
  it("are the spec's fields, in the spec's order", () => {
    const spec = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8')) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const fields = (name: string) => Object.keys(spec.components.schemas[name]!.properties);
    expect(COLUMNS.fills).toEqual(fields('Fill'));
    expect(COLUMNS.settlements).toEqual(fields('Settlement'));
    expect(COLUMNS.positions).toEqual(fields('MarketPosition'));
  });
});

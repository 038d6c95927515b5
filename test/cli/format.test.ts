/** The CLI's pure parts, in process: money and time formatting, dates, tables, CSV columns. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/cli/commands/export.js';
import { eventOf } from '../../src/cli/commands/positions.js';
import { age, colorsFor, contracts, dollars, pairs, signedDollars, table, utc } from '../../src/cli/format.js';
import { parseInstant } from '../../src/cli/options.js';
import { CELL_LIMIT } from '../../src/cli/terminal.js';

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
  it('give every amount of a column the same decimals (zeros added, no value changed), so they line up', () => {
    const text = table(
      [{ header: 'MARKET' }, { header: 'AMOUNT', align: 'decimal' }, { header: 'P&L', align: 'decimal' }],
      [['A', '$5.00', '+$0.1576'], ['BB', '$1,203.4567', '-$3.2'], ['C', '', 'n/a'], { kind: 'total', cells: ['total', '$1,208.4567', '$0.00'] }],
      plain,
    );
    expect(text).toBe(
      [
        'MARKET       AMOUNT       P&L',
        'A           $5.0000  +$0.1576',
        'BB      $1,203.4567  -$3.2000',
        'C                    n/a',
        'total   $1,208.4567   $0.0000',
        '',
      ].join('\n'),
    );
  });

  it('label/value pairs with notes, their values with the same decimals', () => {
    expect(pairs([{ label: 'Cash', value: '$12.5' }, { label: 'Total', value: '$1,000.25', note: 'all', total: true }], plain)).toBe(
      'Cash      $12.50\nTotal  $1,000.25  all\n',
    );
  });

  it('bound every cell: a 100 kB ticker is cut with an ellipsis and its escapes shown as text', () => {
    const hostile = `\u001b[2J\u001b]0;owned\u0007${'X'.repeat(100_000)}`;
    const text = table([{ header: 'MARKET' }, { header: 'PRICE', align: 'decimal' }], [[hostile, '$0.42'], { kind: 'heading', text: hostile }], plain);
    expect(text).not.toMatch(/[\u0007\u001b]/);
    const shown = `\\x1b[2J\\x1b]0;owned\\x07${'X'.repeat(CELL_LIMIT - 23)}…`;
    expect(shown).toHaveLength(CELL_LIMIT + 1);
    expect(text.split('\n').slice(1)).toEqual([`${shown}  $0.42`, shown, '']);
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
    // Fills and orders gain `direction` after book_side; settlements' whole cents become dollars.
    const withDirection = (names: string[]) => names.flatMap((name) => (name === 'book_side' ? [name, 'direction'] : [name]));
    expect(COLUMNS.fills).toEqual(withDirection(fields('Fill')));
    expect(COLUMNS.orders).toEqual(withDirection(fields('Order')));
    expect(COLUMNS.settlements).toEqual(fields('Settlement').map((name) => (name === 'revenue' || name === 'value' ? `${name}_dollars` : name)));
    expect(COLUMNS.positions).toEqual(fields('MarketPosition'));
  });
});

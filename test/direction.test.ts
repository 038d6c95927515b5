import { describe, expect, it } from 'vitest';
import { KalshiInputError, directionOf, fillEffect } from '../src/index.js';

describe('direction (Kalshi: outcome_side and book_side are one bit)', () => {
  it('reads bid as yes and ask as no, whichever field is present', () => {
    expect(directionOf({ outcome_side: 'yes', book_side: 'bid' })).toBe('yes');
    expect(directionOf({ outcome_side: 'no', book_side: 'ask' })).toBe('no');
    expect(directionOf({ book_side: 'ask' })).toBe('no');
    expect(directionOf({ outcome_side: 'yes' })).toBe('yes');
  });

  it('refuses pairs Kalshi never sends, and missing or unknown values, with a typed error', () => {
    expect(() => directionOf({ outcome_side: 'yes', book_side: 'ask' })).toThrow(KalshiInputError);
    expect(() => directionOf({ outcome_side: 'no', book_side: 'bid' })).toThrow(/disagree/);
    expect(() => directionOf({})).toThrow(KalshiInputError);
    expect(() => directionOf({ outcome_side: 'buy' })).toThrow(/outcome_side/);
  });

  it('gives a sell-YES fill (no/ask) a negative effect, priced at the NO price it paid', () => {
    // Selling 3 YES at 60¢ is outcome_side no, book_side ask: the position moves by −3.
    const effect = fillEffect({ outcome_side: 'no', book_side: 'ask', count_fp: '3.00', yes_price_dollars: '0.6000' });
    expect(effect).toEqual({ direction: 'no', signedCount: -300n, yesPriceMicros: 600_000n, pricePaidMicros: 400_000n });
    // Buying 2.5 YES at 42¢ moves it by +2.5.
    expect(fillEffect({ outcome_side: 'yes', book_side: 'bid', count_fp: '2.50', yes_price_dollars: '0.42' }).signedCount).toBe(250n);
  });

  it('never parses through a float: sub-penny prices stay exact', () => {
    expect(fillEffect({ outcome_side: 'no', book_side: 'ask', count_fp: '1.00', yes_price_dollars: '0.125500' }).pricePaidMicros).toBe(874_500n);
  });
});

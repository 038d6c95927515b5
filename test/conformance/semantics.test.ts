/**
 * What Kalshi's schemas cannot say, checked on everything the fake serves: `outcome_side` and
 * `book_side` are one bit (`yes`+`bid` or `no`+`ask`, never the other two pairs: Kalshi's
 * documents make them two independent enums), and the deprecated `side`/`action`, when both are
 * present, agree with Kalshi's four-row table (buy+yes and sell+no → yes/bid; buy+no and sell+yes →
 * no/ask; facts file, "Direction and netting"). Checked on every seeded and runtime fill and order,
 * over REST (live and historical) and on the stream, and `post_position_fp` on each stream fill
 * moves the position by the fill's signed count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';
import { allPages } from '../support/fake-http.js';
import { connectStream, drain, type StreamClient } from '../support/fake-stream.js';

/** Kalshi's four rows: what a deprecated (action, side) pair means as (outcome_side, book_side). */
const LEGACY_TABLE: Record<string, string> = {
  'buy yes': 'yes bid',
  'sell no': 'yes bid',
  'buy no': 'no ask',
  'sell yes': 'no ask',
};

interface Directed {
  outcome_side?: unknown;
  book_side?: unknown;
  side?: unknown;
  action?: unknown;
}

/** The problems with one row's direction fields; empty when it is consistent. */
export function directionProblems(row: Directed): string[] {
  const problems: string[] = [];
  const pair = `${String(row.outcome_side)} ${String(row.book_side)}`;
  if (pair !== 'yes bid' && pair !== 'no ask') problems.push(`outcome_side/book_side ${pair} is no direction (bid ≡ yes, ask ≡ no)`);
  if (row.side !== undefined && row.action !== undefined) {
    const meant = LEGACY_TABLE[`${String(row.action)} ${String(row.side)}`];
    if (meant !== pair) problems.push(`legacy ${String(row.action)}+${String(row.side)} means ${meant ?? 'nothing'}, not ${pair}`);
  }
  return problems;
}

function expectConsistent(what: string, rows: Directed[]): void {
  const bad = rows.map((row) => ({ row, problems: directionProblems(row) })).filter((r) => r.problems.length > 0);
  expect(bad.slice(0, 3).map((b) => `${b.problems.join('; ')} in ${JSON.stringify(b.row)}`), `${bad.length} of ${rows.length} ${what} are inconsistent`).toEqual([]);
}

/** Contracts in hundredths (test-side, no floats). */
function hundredths(text: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`bad count ${text}`);
  const v = BigInt(m[2]!) * 100n + BigInt(m[3]!);
  return m[1] ? -v : v;
}

let fake: FakeKalshi;
let stream: StreamClient;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 37, fills: 300, streamPingMs: 0 });
  stream = await connectStream(fake);
  await stream.command('subscribe', { channels: ['fill', 'market_positions', 'user_orders'] }, 3);
});
afterAll(async () => {
  stream.ws.terminate();
  await fake.close();
});

describe('the check itself', () => {
  it('accepts the two pairs and the four legacy rows, and refuses the rest', () => {
    expect(directionProblems({ outcome_side: 'yes', book_side: 'bid' })).toEqual([]);
    expect(directionProblems({ outcome_side: 'no', book_side: 'ask', side: 'yes', action: 'sell' })).toEqual([]);
    expect(directionProblems({ outcome_side: 'yes', book_side: 'bid', side: 'no', action: 'sell' })).toEqual([]);
    expect(directionProblems({ outcome_side: 'yes', book_side: 'ask' })).toHaveLength(1);
    expect(directionProblems({ outcome_side: 'no', book_side: 'bid', side: 'no', action: 'buy' })).toHaveLength(2);
    expect(directionProblems({ outcome_side: 'no', book_side: 'ask', side: 'no', action: 'sell' })).toHaveLength(1);
  });
});

describe('every fill and order the fake serves has one direction, and its legacy fields agree', () => {
  it('seeded fills and orders, live and historical, over REST', async () => {
    const fills = [...(await allPages(fake, '/portfolio/fills?limit=1000')), ...(await allPages(fake, '/historical/fills?limit=1000'))].flatMap((p) => p.fills);
    const orders = [...(await allPages(fake, '/portfolio/orders?limit=1000')), ...(await allPages(fake, '/historical/orders?limit=1000'))].flatMap((p) => p.orders);
    expect(fills.length).toBe(fake.data.fills.length);
    expect(orders.length).toBe(fake.data.orders.length);
    expectConsistent('REST fills', fills);
    expectConsistent('REST orders', orders);
  });

  it('runtime trades: the REST fill, the stream fill and user_order, and post_position_fp', async () => {
    const nowS = fake.data.now / 1000;
    const market = fake.data.markets.find((m) => m.open_ts <= nowS && m.close_ts > nowS + 3_600)!;
    const before = (await allPages(fake, `/portfolio/positions?ticker=${market.ticker}`)).flatMap((p) => p.market_positions)[0];
    let position = before ? hundredths(before.position_fp) : 0n;
    const trades = [
      ['yes', 'bid', '3.00'],
      ['no', 'ask', '5.00'],
      ['yes', 'bid', '1.50'],
      ['no', 'ask', '0.50'],
    ] as const;
    const restFills = [];
    for (const [outcome_side, book_side, count_fp] of trades) restFills.push(await fake.trade({ ticker: market.ticker, outcome_side, book_side, count_fp, price_dollars: '0.3100' }));
    await stream.until((ms) => ms.filter((m) => m['type'] === 'user_order').length === trades.length, 'the orders of the trades');
    await drain(stream);
    const fills = stream.messages.filter((m) => m['type'] === 'fill').map((m) => m['msg']);
    const orders = stream.messages.filter((m) => m['type'] === 'user_order').map((m) => m['msg']);
    // The position first: it does not depend on the legacy fields.
    for (const fill of fills) {
      position += (fill.outcome_side === 'yes' ? 1n : -1n) * hundredths(fill.count_fp);
      expect(hundredths(fill.post_position_fp), `post_position_fp after ${JSON.stringify(fill)}`).toBe(position);
    }
    expect(fills).toHaveLength(trades.length);
    expectConsistent('runtime REST fills', restFills);
    expectConsistent('stream fills', fills);
    expectConsistent('stream orders', orders);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';
import type { MoneyMovement } from '../../src/testing/data/wire-types.js';
import { UUID, allPages, getJson } from '../support/fake-http.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 8 });
});
afterAll(() => fake.close());

const LISTS = [
  ['deposits', 'GetDeposits', 40],
  ['withdrawals', 'GetWithdrawals', 15],
] as const;

describe.each(LISTS)('%s', (name, operation, defaultCount) => {
  const rows = (): MoneyMovement[] => fake.data[name];

  it(`has ${defaultCount} by default, every field typed, newest first`, () => {
    expect(rows()).toHaveLength(defaultCount);
    const nowS = Math.floor(fake.data.now / 1000);
    for (const m of rows()) {
      expect(Object.keys(m).sort()).toEqual(['amount_cents', 'created_ts', 'fee_cents', 'finalized_ts', 'id', 'status', 'type']);
      expect(m.id).toMatch(UUID);
      expect(['pending', 'applied', 'failed', 'returned']).toContain(m.status);
      expect(['ach', 'wire', 'crypto', 'debit', 'apm']).toContain(m.type);
      for (const v of [m.amount_cents, m.fee_cents, m.created_ts]) expect(Number.isInteger(v)).toBe(true);
      expect(m.amount_cents).toBeGreaterThan(0);
      expect(m.fee_cents).toBeGreaterThanOrEqual(0);
      expect(m.created_ts).toBeLessThanOrEqual(nowS);
      if (m.status === 'pending') expect(m.finalized_ts).toBeNull();
      else {
        expect(Number.isInteger(m.finalized_ts)).toBe(true);
        expect(m.finalized_ts!).toBeGreaterThanOrEqual(m.created_ts);
        expect(m.finalized_ts!).toBeLessThanOrEqual(nowS);
      }
    }
    for (let i = 1; i < rows().length; i++) expect(rows()[i - 1]!.created_ts).toBeGreaterThanOrEqual(rows()[i]!.created_ts);
  });

  it('pages through all rows, ending with cursor ""', async () => {
    const pages = await allPages(fake, `/portfolio/${name}?limit=6`);
    expect(pages).toHaveLength(Math.ceil(rows().length / 6));
    expect(pages.at(-1).cursor).toBe('');
    expect(pages.flatMap((p) => p[name])).toEqual(rows());
    const single = await getJson(fake, `/portfolio/${name}`);
    expect(single.body).toEqual({ [name]: rows(), cursor: '' });
    const garbage = await getJson(fake, `/portfolio/${name}?limit=2&cursor=%%%`);
    expect(garbage.body[name]).toEqual(rows().slice(0, 2));
  });

  it('takes limit 1..500', async () => {
    expect((await getJson(fake, `/portfolio/${name}?limit=500`)).status).toBe(200);
    expect((await getJson(fake, `/portfolio/${name}?limit=1`)).body[name]).toHaveLength(1);
    for (const limit of ['501', '0', 'x']) {
      const bad = await getJson(fake, `/portfolio/${name}?limit=${limit}`);
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body)).toEqual(['msg']);
      expect(bad.body.msg.startsWith(`Parameter validation failed for ${operation}: `)).toBe(true);
      expect(bad.body.msg).toContain("'Limit'");
    }
  });
});

describe('money movement data', () => {
  it('covers several statuses and types, honours the size options, and is seeded', async () => {
    const both = [...fake.data.deposits, ...fake.data.withdrawals];
    expect(new Set(both.map((m) => m.status)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(both.map((m) => m.type)).size).toBeGreaterThanOrEqual(4);
    const [small, twin] = await Promise.all([
      startFakeKalshi({ seed: 8, deposits: 3, withdrawals: 0 }),
      startFakeKalshi({ seed: 8, deposits: 3, withdrawals: 0, fills: 7 }),
    ]);
    try {
      expect(small.data.deposits).toHaveLength(3);
      expect((await getJson(small, '/portfolio/withdrawals')).body).toEqual({ withdrawals: [], cursor: '' });
      // The opening deposit (the oldest) funds the trading, so it follows the trading's size; the others do not.
      expect(twin.data.deposits.slice(0, -1)).toEqual(small.data.deposits.slice(0, -1));
      expect(twin.data.deposits.at(-1)!.amount_cents).not.toBe(small.data.deposits.at(-1)!.amount_cents);
    } finally {
      await Promise.all([small.close(), twin.close()]);
    }
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKalshi, type FakeKalshiOptions, startFakeKalshi } from '../../src/testing/index.js';
import { DOLLARS, UUID, allPages, getJson, micros, sendJson, withFake } from '../support/fake-http.js';


/** A fake for tests that only read, or whose writes are all refused (they check that nothing changed). */
let shared: FakeKalshi;
beforeAll(async () => {
  shared = await startFakeKalshi({ seed: 5, fills: 1 });
});
afterAll(() => shared.close());

/** Current event-contract cash of one (subaccount, shard), in micro-dollars, from the handle. */
function cashOf(fake: FakeKalshi, subaccount: number, shard: number): number {
  const entry = fake.state.cash.find((c) => c.subaccount === subaccount && c.exchange_index === shard);
  return entry ? micros(entry.balance_dollars) : 0;
}

/** What the API says about one (subaccount, shard): GET /portfolio/balance and the subaccount balances. */
async function served(fake: FakeKalshi, subaccount: number, shard: number) {
  const balance = (await getJson(fake, `/portfolio/balance?subaccount=${subaccount}`)).body;
  const rows = (await getJson(fake, '/portfolio/subaccounts/balances')).body.subaccount_balances;
  const row = rows.find((r: any) => r.subaccount_number === subaccount && r.exchange_index === shard);
  const breakdown = balance.balance_breakdown.find((b: any) => b.exchange_index === shard);
  return { balance, row: micros(row.balance), breakdown: micros(breakdown.balance), total: micros(balance.balance_dollars) };
}

const transfer = (overrides: Record<string, unknown> = {}) => ({
  client_transfer_id: randomUUID(),
  from_subaccount: 0,
  to_subaccount: 2,
  amount_cents: 1_234,
  ...overrides,
});

/** The three 400 shapes. */
const isFlat = (body: any) => Object.keys(body).sort().join() === 'code,details,message' && body.code === 'bad_request';
const isBare = (body: any, operation: string) => Object.keys(body).join() === 'msg' && body.msg.startsWith(`Parameter validation failed for ${operation}: `);
const nestedCode = (body: any) => body?.error?.code as string | undefined;

describe('subaccounts', () => {
  let fake: FakeKalshi;
  beforeAll(async () => {
    fake = await startFakeKalshi({ seed: 5 });
  });
  afterAll(() => fake.close());

  it('lists every subaccount on every shard, with the seeded cash', async () => {
    const { status, body } = await getJson(fake, '/portfolio/subaccounts/balances');
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['subaccount_balances']);
    const rows = body.subaccount_balances;
    expect(rows).toHaveLength(fake.data.subaccounts.length * fake.data.exchangeIndexes.length);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['balance', 'exchange_index', 'subaccount_number', 'updated_ts']);
      expect(row.balance).toMatch(DOLLARS);
      expect(row.updated_ts).toBe(Math.floor(fake.data.now / 1000));
      const seeded = fake.data.cash.find((c) => c.subaccount === row.subaccount_number && c.exchange_index === row.exchange_index)!;
      expect(micros(row.balance)).toBe(micros(seeded.balance_dollars));
    }
  });

  it('creates the next free number (201), which then has balances, netting and a /portfolio/balance', async () => {
    const first = await sendJson(fake, '/portfolio/subaccounts', { body: {} });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ subaccount_number: 4 });
    const second = await sendJson(fake, '/portfolio/subaccounts', { body: { exchange_index: 1 } });
    expect(second.body).toEqual({ subaccount_number: 5 });
    expect(fake.state.subaccounts).toEqual([0, 1, 2, 3, 4, 5]);

    const rows = (await getJson(fake, '/portfolio/subaccounts/balances')).body.subaccount_balances;
    expect(rows.filter((r: any) => r.subaccount_number === 5).map((r: any) => [r.exchange_index, micros(r.balance)])).toEqual([[0, 0], [1, 0], [2, 0]]);
    const netting = (await getJson(fake, '/portfolio/subaccounts/netting')).body.netting_configs;
    expect(netting.filter((n: any) => n.subaccount_number === 4)).toEqual([0, 1, 2].map((i) => ({ subaccount_number: 4, enabled: true, exchange_index: i })));
    const balance = (await getJson(fake, '/portfolio/balance?subaccount=4')).body;
    expect(balance).toMatchObject({ balance: 0, portfolio_value: 0 });
    expect(micros(balance.balance_dollars)).toBe(0);
  });

  it.each([
    ['no body', undefined],
    ['an empty body', ''],
    ['invalid JSON', '{"exchange_index": '],
    ['a JSON array', '[]'],
    ['JSON null', 'null'],
    ['a wrongly typed field', '{"exchange_index": "0"}'],
    ['a fractional integer', '{"exchange_index": 0.5}'],
  ])('refuses %s with the flat 400 shape', async (_label, body) => {
    const before = fake.state.subaccounts;
    const answer = await sendJson(fake, '/portfolio/subaccounts', { body });
    expect(answer.status).toBe(400);
    expect(isFlat(answer.body)).toBe(true);
    expect(fake.state.subaccounts).toEqual(before);
  });

  it('validates exchange_index: negative -> bare 400, unknown shard -> nested 400', async () => {
    const negative = await sendJson(fake, '/portfolio/subaccounts', { body: { exchange_index: -1 } });
    expect(negative.status).toBe(400);
    expect(isBare(negative.body, 'CreateSubaccount')).toBe(true);
    expect(negative.body.msg).toContain("'ExchangeIndex'");
    const unknown = await sendJson(fake, '/portfolio/subaccounts', { body: { exchange_index: 9 } });
    expect(unknown.status).toBe(400);
    expect(nestedCode(unknown.body)).toBe('invalid_exchange_index');
  });

  it('stops at 63 numbered subaccounts with a nested 400', async () => {
    await withFake({ seed: 5, fills: 1 }, async (own) => {
      const numbers: number[] = [];
      for (let i = 0; i < 60; i++) numbers.push((await sendJson(own, '/portfolio/subaccounts', { body: {} })).body.subaccount_number);
      expect(numbers).toEqual(Array.from({ length: 60 }, (_, i) => i + 4));
      const full = await sendJson(own, '/portfolio/subaccounts', { body: {} });
      expect(full.status).toBe(400);
      expect(nestedCode(full.body)).toBe('subaccount_limit_reached');
      expect(own.state.subaccounts).toHaveLength(64);
    });
  });
});

describe('netting', () => {
  it('answers the seeded settings, and a PUT shows in the next GET for every shard of the subaccount', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const before = await getJson(fake, '/portfolio/subaccounts/netting');
      expect(before.status).toBe(200);
      expect(before.body).toEqual({ netting_configs: fake.data.netting });
      expect(fake.data.netting).toHaveLength(12);
      const target = !fake.data.netting.find((n) => n.subaccount_number === 2 && n.exchange_index === 0)!.enabled;

      const put = await sendJson(fake, '/portfolio/subaccounts/netting', { method: 'PUT', body: { subaccount_number: 2, enabled: target } });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({});
      const after = (await getJson(fake, '/portfolio/subaccounts/netting')).body.netting_configs;
      for (const n of after) {
        const seeded = fake.data.netting.find((s) => s.subaccount_number === n.subaccount_number && s.exchange_index === n.exchange_index)!;
        expect(n.enabled).toBe(n.subaccount_number === 2 ? target : seeded.enabled);
      }
      expect(fake.state.netting).toEqual(after);
    });
  });

  it('refuses an unknown subaccount (nested 400), wrong types (flat 400) and missing or out-of-range fields (bare 400)', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const put = (body: unknown) => sendJson(fake, '/portfolio/subaccounts/netting', { method: 'PUT', body });
      const unknown = await put({ subaccount_number: 40, enabled: true });
      expect(unknown.status).toBe(400);
      expect(nestedCode(unknown.body)).toBe('subaccount_not_found');
      for (const body of [{ subaccount_number: 1, enabled: 'yes' }, { subaccount_number: '1', enabled: true }, 'not json', undefined]) {
        const answer = await put(body);
        expect(answer.status).toBe(400);
        expect(isFlat(answer.body)).toBe(true);
      }
      for (const body of [{ subaccount_number: 1 }, { enabled: true }, { subaccount_number: 64, enabled: true }]) {
        const answer = await put(body);
        expect(answer.status).toBe(400);
        expect(isBare(answer.body, 'UpdateSubaccountNetting')).toBe(true);
      }
      expect(fake.state.netting).toEqual(fake.data.netting);
    });
  });
});

describe('transfers between subaccounts', () => {
  it('pages the seeded history newest first, with limit 1..1000', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      expect(fake.data.subaccountTransfers).toHaveLength(30);
      const pages = await allPages(fake, '/portfolio/subaccounts/transfers?limit=7');
      expect(pages.at(-1).cursor).toBe('');
      const rows = pages.flatMap((p) => p.transfers);
      expect(rows).toEqual(fake.data.subaccountTransfers);
      for (let i = 1; i < rows.length; i++) expect(rows[i - 1].created_ts).toBeGreaterThanOrEqual(rows[i].created_ts);
      for (const t of rows) {
        expect(Object.keys(t).sort()).toEqual(['amount_cents', 'created_ts', 'exchange_index', 'from_subaccount', 'to_subaccount', 'transfer_id']);
        expect(t.transfer_id).toMatch(UUID);
        expect(t.from_subaccount).not.toBe(t.to_subaccount);
        expect(Number.isInteger(t.amount_cents) && t.amount_cents > 0).toBe(true);
      }
      const over = await getJson(fake, '/portfolio/subaccounts/transfers?limit=1001');
      expect(over.status).toBe(400);
      expect(isBare(over.body, 'GetSubaccountTransfers')).toBe(true);
      expect(over.body.msg).toContain("'Limit'");
      expect((await getJson(fake, '/portfolio/subaccounts/transfers?limit=1000')).body.cursor).toBe('');
      const garbage = await getJson(fake, '/portfolio/subaccounts/transfers?limit=3&cursor=zzz');
      expect(garbage.body.transfers).toEqual(rows.slice(0, 3));
    });
  });

  it('moves the cash: balance, subaccount balances, state and history all agree', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const from0 = await served(fake, 0, 0);
      const to0 = await served(fake, 2, 0);
      const amount = Math.min(1_234, Math.floor(cashOf(fake, 0, 0) / 10_000));
      expect(amount).toBeGreaterThan(0);

      const answer = await sendJson(fake, '/portfolio/subaccounts/transfer', { body: transfer({ amount_cents: amount }) });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({});

      const from1 = await served(fake, 0, 0);
      const to1 = await served(fake, 2, 0);
      const moved = amount * 10_000;
      expect(from1.total).toBe(from0.total - moved);
      expect(to1.total).toBe(to0.total + moved);
      expect(from1.row).toBe(from0.row - moved);
      expect(to1.row).toBe(to0.row + moved);
      expect(from1.breakdown).toBe(from0.breakdown - moved);
      expect(from1.balance.balance).toBe(Math.trunc(from1.total / 10_000));
      expect(cashOf(fake, 0, 0)).toBe(from1.row);
      expect(cashOf(fake, 2, 0)).toBe(to1.row);
      // Seeded data keeps its seeded meaning.
      expect((await getJson(fake, '/portfolio/balance')).body).not.toEqual(fake.data.balance);

      const [latest] = (await getJson(fake, '/portfolio/subaccounts/transfers?limit=1')).body.transfers;
      expect(latest).toEqual({
        transfer_id: expect.stringMatching(UUID),
        from_subaccount: 0,
        to_subaccount: 2,
        amount_cents: amount,
        created_ts: Math.floor(fake.data.now / 1000),
        exchange_index: 0,
      });
      expect(fake.state.subaccountTransfers[0]).toEqual(latest);
    });
  });

  it('answers a repeated client_transfer_id with 409 and moves nothing the second time', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const body = transfer({ amount_cents: 100 });
      expect((await sendJson(fake, '/portfolio/subaccounts/transfer', { body })).status).toBe(200);
      const cash = fake.state.cash;
      const history = fake.state.subaccountTransfers;

      for (const again of [body, { ...body, amount_cents: 5, to_subaccount: 1 }]) {
        const repeat = await sendJson(fake, '/portfolio/subaccounts/transfer', { body: again });
        expect(repeat.status).toBe(409);
        expect(repeat.body).toEqual({ error: { code: 'duplicate_client_transfer_id', message: expect.any(String), details: expect.stringContaining(body.client_transfer_id) } });
      }
      expect(fake.state.cash).toEqual(cash);
      expect(fake.state.subaccountTransfers).toEqual(history);
      expect(fake.state.clientTransferIds).toEqual([body.client_transfer_id]);
      expect(fake.requests.slice(-2).map((r) => r.outcome)).toEqual(['conflict', 'conflict']);
    });
  });

  it('refuses too little cash (nested 400) without using up the id', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const available = cashOf(fake, 3, 0) / 10_000;
      const body = transfer({ from_subaccount: 3, to_subaccount: 0, amount_cents: Math.floor(available) + 1 });
      const cash = fake.state.cash;
      const refused = await sendJson(fake, '/portfolio/subaccounts/transfer', { body });
      expect(refused.status).toBe(400);
      expect(nestedCode(refused.body)).toBe('insufficient_balance');
      expect(fake.state.cash).toEqual(cash);
      expect(fake.state.clientTransferIds).toEqual([]);
      if (available >= 1) {
        const retried = await sendJson(fake, '/portfolio/subaccounts/transfer', { body: { ...body, amount_cents: 1 } });
        expect(retried.status).toBe(200);
      }
    });
  });

  it('moves cash on the exchange shard named, and only there', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const shard = [1, 2].find((i) => cashOf(fake, 0, i) >= 10_000)!;
      expect(shard).toBeDefined();
      const others = [0, 1, 2].filter((i) => i !== shard).map((i) => cashOf(fake, 0, i));
      const before = cashOf(fake, 0, shard);
      expect((await sendJson(fake, '/portfolio/subaccounts/transfer', { body: transfer({ amount_cents: 1, exchange_index: shard }) })).status).toBe(200);
      expect(cashOf(fake, 0, shard)).toBe(before - 10_000);
      expect([0, 1, 2].filter((i) => i !== shard).map((i) => cashOf(fake, 0, i))).toEqual(others);
      const balance = (await getJson(fake, `/portfolio/balance?exchange_index=${shard}`)).body;
      expect(micros(balance.balance_dollars)).toBe(before - 10_000);
      expect(fake.state.subaccountTransfers[0]!.exchange_index).toBe(shard);
    });
  });

  it.each([
    ['a missing client_transfer_id', { client_transfer_id: undefined }, 'bare'],
    ['a client_transfer_id that is not a UUID', { client_transfer_id: 'abc' }, 'bare'],
    ['a zero amount', { amount_cents: 0 }, 'bare'],
    ['a negative amount', { amount_cents: -5 }, 'bare'],
    ['a missing amount', { amount_cents: undefined }, 'bare'],
    ['a subaccount above 63', { to_subaccount: 64 }, 'bare'],
    ['a fractional amount', { amount_cents: 1.5 }, 'flat'],
    ['an amount as a string', { amount_cents: '100' }, 'flat'],
    ['a numeric client_transfer_id', { client_transfer_id: 7 }, 'flat'],
    ['the same subaccount twice', { to_subaccount: 0 }, 'invalid_transfer'],
    ['a subaccount that does not exist', { to_subaccount: 50 }, 'subaccount_not_found'],
    ['an unknown shard', { exchange_index: 7 }, 'invalid_exchange_index'],
  ])('refuses %s (400)', async (_label, overrides, shape) => {
    const fake = shared;
    const cash = fake.state.cash;
    const answer = await sendJson(fake, '/portfolio/subaccounts/transfer', { body: transfer(overrides) });
    expect(answer.status).toBe(400);
    if (shape === 'bare') expect(isBare(answer.body, 'ApplySubaccountTransfer')).toBe(true);
    else if (shape === 'flat') expect(isFlat(answer.body)).toBe(true);
    else expect(nestedCode(answer.body)).toBe(shape);
    expect(fake.state.cash).toEqual(cash);
    expect(fake.state.clientTransferIds).toEqual([]);
  });

  it('refuses a body-less POST with the flat shape', async () => {
    const answer = await sendJson(shared, '/portfolio/subaccounts/transfer');
    expect(answer.status).toBe(400);
    expect(isFlat(answer.body)).toBe(true);
  });
});

describe('intra-exchange-instance transfers', () => {
  it('pages the seeded history newest first, with limit 1..500', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const pages = await allPages(fake, '/portfolio/intra_exchange_instance_transfers?limit=5');
      const rows = pages.flatMap((p) => p.transfers);
      expect(rows).toEqual(fake.data.intraExchangeTransfers);
      expect(rows).toHaveLength(12);
      for (const t of rows) {
        expect(Object.keys(t).sort()).toEqual(['amount', 'created_ts', 'destination', 'destination_exchange_shard', 'source', 'source_exchange_shard', 'status', 'transfer_id']);
        expect(['event_contract', 'margined']).toContain(t.source);
        expect(['event_contract', 'margined']).toContain(t.destination);
        expect(['pending', 'complete']).toContain(t.status);
        expect(t.amount).toMatch(DOLLARS);
        expect(Number.isInteger(t.created_ts)).toBe(true);
      }
      for (let i = 1; i < rows.length; i++) expect(rows[i - 1].created_ts).toBeGreaterThanOrEqual(rows[i].created_ts);
      const over = await getJson(fake, '/portfolio/intra_exchange_instance_transfers?limit=501');
      expect(over.status).toBe(400);
      expect(isBare(over.body, 'GetIntraExchangeInstanceTransfers')).toBe(true);
      expect((await getJson(fake, '/portfolio/intra_exchange_instance_transfers?limit=500')).status).toBe(200);
    });
  });

  it('moves cash to the margined instance and back; each transfer is listed and found by id', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const shard0 = cashOf(fake, 0, 0);
      const margined0 = micros(fake.state.marginedCash.find((c) => c.subaccount === 0)?.balance_dollars ?? '0.00');
      const out = await sendJson(fake, '/portfolio/intra_exchange_instance_transfer', { body: { source: 'event_contract', destination: 'margined', amount: 1_234 } });
      expect(out.status).toBe(200);
      expect(Object.keys(out.body)).toEqual(['transfer_id']);
      expect(out.body.transfer_id).toMatch(UUID);
      expect(cashOf(fake, 0, 0)).toBe(shard0 - 12_340_000);
      expect(micros(fake.state.marginedCash.find((c) => c.subaccount === 0)!.balance_dollars)).toBe(margined0 + 12_340_000);
      expect(micros((await getJson(fake, '/portfolio/balance?exchange_index=0')).body.balance_dollars)).toBe(shard0 - 12_340_000);

      const one = await getJson(fake, `/portfolio/intra_exchange_instance_transfers/${out.body.transfer_id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual({
        transfer: {
          transfer_id: out.body.transfer_id,
          source: 'event_contract',
          destination: 'margined',
          source_exchange_shard: 0,
          destination_exchange_shard: 0,
          amount: '12.34',
          status: 'complete',
          created_ts: Math.floor(fake.data.now / 1000),
        },
      });
      const back = await sendJson(fake, '/portfolio/intra_exchange_instance_transfer', {
        body: { source: 'margined', destination: 'event_contract', amount: 34, destination_exchange_shard: 2, destination_subaccount: 1 },
      });
      expect(back.status).toBe(200);
      const list = (await getJson(fake, '/portfolio/intra_exchange_instance_transfers?limit=2')).body.transfers;
      expect(list.map((t: any) => t.transfer_id)).toEqual([back.body.transfer_id, out.body.transfer_id]);
      expect(list[0]).toMatchObject({ source: 'margined', destination: 'event_contract', destination_exchange_shard: 2, amount: '0.34' });
      expect(cashOf(fake, 1, 2)).toBe(micros(fake.data.cash.find((c) => c.subaccount === 1 && c.exchange_index === 2)!.balance_dollars) + 340_000);
      expect(fake.state.intraExchangeTransfers.slice(0, 2)).toEqual(list);
    });
  });

  it('records a move between subaccounts on one event-contract shard in the subaccount history too', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const answer = await sendJson(fake, '/portfolio/intra_exchange_instance_transfer', {
        body: { source: 'event_contract', destination: 'event_contract', amount: 50, source_subaccount: 0, destination_subaccount: 3 },
      });
      expect(answer.status).toBe(200);
      const [latest] = (await getJson(fake, '/portfolio/subaccounts/transfers?limit=1')).body.transfers;
      expect(latest).toMatchObject({ transfer_id: answer.body.transfer_id, from_subaccount: 0, to_subaccount: 3, amount_cents: 50, exchange_index: 0 });
    });
  });

  it('answers an unknown id with a nested 404', async () => {
    const answer = await getJson(shared, `/portfolio/intra_exchange_instance_transfers/${randomUUID()}`);
    expect(answer.status).toBe(404);
    expect(nestedCode(answer.body)).toBe('not_found');
    expect(shared.requests.at(-1)!.outcome).toBe('not_found');
  });

  it.each([
    ['an unknown instance', { source: 'spot' }, 'bare'],
    ['a missing amount', { amount: undefined }, 'bare'],
    ['a zero amount', { amount: 0 }, 'bare'],
    ['a shard above 100', { source_exchange_shard: 101 }, 'bare'],
    ['an amount as a string', { amount: '1.00' }, 'flat'],
    ['a shard the margined instance does not have', { destination_exchange_shard: 1 }, 'invalid_exchange_index'],
    ['a shard the event-contract instance does not have', { source_exchange_shard: 9 }, 'invalid_exchange_index'],
    ['a subaccount that does not exist', { source_subaccount: 33 }, 'subaccount_not_found'],
    ['too little cash', { amount: 1_000_000_000 }, 'insufficient_balance'],
    ['the same account twice', { destination: 'event_contract' }, 'invalid_transfer'],
  ])('refuses %s (400)', async (_label, overrides, shape) => {
    const fake = shared;
    const before = fake.state;
    const answer = await sendJson(fake, '/portfolio/intra_exchange_instance_transfer', {
      body: { source: 'event_contract', destination: 'margined', amount: 100, ...overrides },
    });
    expect(answer.status).toBe(400);
    if (shape === 'bare') expect(isBare(answer.body, 'IntraExchangeInstanceTransfer')).toBe(true);
    else if (shape === 'flat') expect(isFlat(answer.body)).toBe(true);
    else expect(nestedCode(answer.body)).toBe(shape);
    expect(fake.state).toEqual(before);
  });
});

describe('target balance allocation', () => {
  it('answers the seeded allocation; a POST replaces it and shows in the next GET', async () => {
    await withFake({ seed: 5 }, async (fake) => {
      const seeded = await getJson(fake, '/portfolio/target_balance_allocation');
      expect(seeded.status).toBe(200);
      expect(seeded.body).toEqual(fake.data.targetBalanceAllocation);
      expect(seeded.body.allocations.reduce((a: number, x: any) => a + x.percent, 0)).toBe(100);

      const next = { allocations: [{ exchange_index: 0, percent: 60 }, { exchange_index: 2, percent: 40 }], resting_margin_reservation: 'max' };
      const set = await sendJson(fake, '/portfolio/target_balance_allocation', { body: next });
      expect(set.status).toBe(200);
      expect(set.body).toEqual({});
      expect((await getJson(fake, '/portfolio/target_balance_allocation')).body).toEqual(next);
      expect(fake.state.targetBalanceAllocation).toEqual(next);

      // The reservation defaults to `sum`; an empty list turns rebalancing off.
      await sendJson(fake, '/portfolio/target_balance_allocation', { body: { allocations: [{ exchange_index: 1, percent: 100 }] } });
      expect((await getJson(fake, '/portfolio/target_balance_allocation')).body).toEqual({ allocations: [{ exchange_index: 1, percent: 100 }], resting_margin_reservation: 'sum' });
      expect((await sendJson(fake, '/portfolio/target_balance_allocation', { body: { allocations: [] } })).status).toBe(200);
      expect((await getJson(fake, '/portfolio/target_balance_allocation')).body.allocations).toEqual([]);
    });
  });

  it.each([
    ['percentages short of 100', { allocations: [{ exchange_index: 0, percent: 60 }, { exchange_index: 1, percent: 30 }] }, 'invalid_allocation'],
    ['percentages over 100', { allocations: [{ exchange_index: 0, percent: 60 }, { exchange_index: 1, percent: 50 }] }, 'invalid_allocation'],
    ['a shard listed twice', { allocations: [{ exchange_index: 0, percent: 50 }, { exchange_index: 0, percent: 50 }] }, 'invalid_allocation'],
    ['an unknown shard', { allocations: [{ exchange_index: 8, percent: 100 }] }, 'invalid_exchange_index'],
    ['a percent above 100', { allocations: [{ exchange_index: 0, percent: 101 }] }, 'bare'],
    ['a negative percent', { allocations: [{ exchange_index: 0, percent: -10 }, { exchange_index: 1, percent: 110 }] }, 'bare'],
    ['a missing percent', { allocations: [{ exchange_index: 0 }] }, 'bare'],
    ['missing allocations', { resting_margin_reservation: 'max' }, 'bare'],
    ['an unknown reservation', { allocations: [{ exchange_index: 0, percent: 100 }], resting_margin_reservation: 'min' }, 'bare'],
    ['allocations that are not a list', { allocations: { exchange_index: 0, percent: 100 } }, 'flat'],
    ['a fractional percent', { allocations: [{ exchange_index: 0, percent: 99.5 }, { exchange_index: 1, percent: 0.5 }] }, 'flat'],
    ['no body', undefined, 'flat'],
  ])('refuses %s (400)', async (_label, body, shape) => {
    const fake = shared;
    const answer = await sendJson(fake, '/portfolio/target_balance_allocation', { body });
    expect(answer.status).toBe(400);
    if (shape === 'bare') expect(isBare(answer.body, 'SetTargetBalanceAllocation')).toBe(true);
    else if (shape === 'flat') expect(isFlat(answer.body)).toBe(true);
    else expect(nestedCode(answer.body)).toBe(shape);
    expect(fake.state.targetBalanceAllocation).toEqual(fake.data.targetBalanceAllocation);
  });
});

describe('forbidden operations', () => {
  const FORBIDDEN = ['intraExchangeInstanceTransfer', 'getTargetBalanceAllocation', 'setTargetBalanceAllocation'];

  it('answers the listed operations 403 (nested) after authentication, and the others normally', async () => {
    await withFake({ seed: 5, fills: 1, forbidden: FORBIDDEN }, async (fake) => {
      const answers = [
        await sendJson(fake, '/portfolio/intra_exchange_instance_transfer', { body: { source: 'event_contract', destination: 'margined', amount: 1 } }),
        await getJson(fake, '/portfolio/target_balance_allocation'),
        await sendJson(fake, '/portfolio/target_balance_allocation', { body: { allocations: [] } }),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(403);
        expect(answer.body).toEqual({ error: { code: 'forbidden', message: expect.any(String), details: expect.any(String) } });
      }
      expect(fake.requests.slice(-3).map((r) => r.outcome)).toEqual(['forbidden', 'forbidden', 'forbidden']);
      expect(fake.state.intraExchangeTransfers).toEqual(fake.data.intraExchangeTransfers);
      expect(fake.state.targetBalanceAllocation).toEqual(fake.data.targetBalanceAllocation);
      expect((await getJson(fake, '/portfolio/target_balance_allocation', { omit: ['KALSHI-ACCESS-SIGNATURE'] })).status).toBe(401);
      expect((await getJson(fake, '/portfolio/intra_exchange_instance_transfers')).status).toBe(200);
      expect((await getJson(fake, '/portfolio/balance')).status).toBe(200);
    });
  });

  it('forbids nothing by default and refuses unknown operation names', async () => {
    await withFake({ seed: 5, fills: 1 }, async (fake) => {
      expect((await getJson(fake, '/portfolio/target_balance_allocation')).status).toBe(200);
    });
    await expect(startFakeKalshi({ forbidden: ['GetTargetBalanceAllocation'] })).rejects.toThrow(RangeError);
    await expect(startFakeKalshi({ forbidden: ['nope'] })).rejects.toThrow(/unknown operationId/);
  });
});

describe('recording and determinism', () => {
  it('records the parsed body, the raw text when it is not JSON, nothing for a GET', async () => {
    await withFake({ seed: 5, fills: 1 }, async (fake) => {
      const body = transfer({ amount_cents: 1 });
      await sendJson(fake, '/portfolio/subaccounts/transfer', { body });
      await sendJson(fake, '/portfolio/subaccounts', { body: '{oops' });
      await getJson(fake, '/portfolio/balance');
      expect(fake.requests.map((r) => r.body)).toEqual([body, '{oops', undefined]);
      expect(fake.requests.map((r) => [r.method, r.status])).toEqual([['POST', 200], ['POST', 400], ['GET', 200]]);
    });
  });

  it('applies a write whose answer is cut by a connection reset; the retry then gets 409', async () => {
    await withFake({ seed: 5, fills: 1, faults: { connectionResets: 1 } }, async (fake) => {
      const body = transfer({ amount_cents: 3 });
      await expect(sendJson(fake, '/portfolio/subaccounts/transfer', { body })).rejects.toThrow();
      expect(fake.state.clientTransferIds).toEqual([body.client_transfer_id]);
      expect(fake.requests[0]).toMatchObject({ status: 200, outcome: 'connection_reset', body });
    });
    await withFake({ seed: 5, fills: 1 }, async (fake) => {
      const body = transfer({ amount_cents: 3 });
      fake.queueResponses({ status: 503, body: '' });
      expect((await sendJson(fake, '/portfolio/subaccounts/transfer', { body: body })).status).toBe(503);
      // A scripted or faulted answer means the write never ran.
      expect(fake.state.clientTransferIds).toEqual([]);
      expect((await sendJson(fake, '/portfolio/subaccounts/transfer', { body })).status).toBe(200);
      expect((await sendJson(fake, '/portfolio/subaccounts/transfer', { body })).status).toBe(409);
    });
  });

  it('gives the same answers and state for the same writes in the same order', async () => {
    const run = (seed: number) => withFake({ seed, fills: 1 }, async (fake) => {
      await sendJson(fake, '/portfolio/subaccounts', { body: {} });
      await sendJson(fake, '/portfolio/subaccounts/transfer', { body: transfer({ client_transfer_id: '6f1c2a7e-9d55-4b7e-8f3a-0c2d4e6f8a10', amount_cents: 7 }) });
      const intra = await sendJson(fake, '/portfolio/intra_exchange_instance_transfer', { body: { source: 'event_contract', destination: 'margined', amount: 3 } });
      return { id: intra.body.transfer_id, state: fake.state };
    });
    const [a, b] = [await run(5), await run(5)];
    expect(a).toEqual(b);
    expect((await run(6)).id).not.toBe(a.id);
  });
});

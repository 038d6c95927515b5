/**
 * The whole portfolio API through the client, against the fake's consistent account state: each
 * operation's happy path and its documented error statuses, the idempotent transfer, the
 * never-retried writes, and the complete fill history across a moving cutoff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDollars,
  createKalshiClient,
  KalshiAlreadyAppliedError,
  KalshiApiError,
  KalshiInputError,
  parseDollars,
  subtractDollars,
  type KalshiClient,
} from '../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { collect, rejection } from './support/async.js';

let fake: FakeKalshi;
let client: KalshiClient;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 31, fills: 400, settlements: 60, marketPositions: 80, deposits: 130, withdrawals: 25 });
  client = await createKalshiClient({
    keyId: fake.keyId,
    privateKey: fake.privateKeyPem,
    baseUrl: fake.baseUrl,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    validateResponses: true, // every success body below is also checked against the spec
  });
});
afterAll(() => fake.close());

const cashOf = (subaccount: number, exchangeIndex = 0) =>
  fake.state.cash.find((c) => c.subaccount === subaccount && c.exchange_index === exchangeIndex)!.balance_dollars;

const requestsTo = (suffix: string) => fake.requests.filter((r) => r.path.endsWith(suffix));

describe('funding history', () => {
  it('deposits and withdrawals page through everything, newest first', async () => {
    expect(await collect(client.deposits({ limit: 17 }))).toEqual(fake.data.deposits);
    expect(await collect(client.withdrawals())).toEqual(fake.data.withdrawals);
    expect(fake.data.deposits.length).toBe(130);
  });

  it('a limit over 500 is the server\'s 400', async () => {
    const error = await rejection(client.getDeposits({ limit: 501 }));
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).toMatchObject({ status: 400 });
  });
});

describe('subaccounts', () => {
  it('createSubaccount sends {} when given nothing and answers 201 with the new number', async () => {
    const before = fake.state.subaccounts;
    const { subaccount_number } = await client.createSubaccount();
    expect(before).not.toContain(subaccount_number);
    expect(fake.state.subaccounts).toContain(subaccount_number);
    expect(requestsTo('/portfolio/subaccounts').at(-1)).toMatchObject({ method: 'POST', status: 201, body: {} });
  });

  it('getSubaccountBalances reflects the current cash of every subaccount', async () => {
    const { subaccount_balances } = await client.getSubaccountBalances();
    for (const row of subaccount_balances) {
      expect(row.balance).toBe(cashOf(row.subaccount_number, row.exchange_index));
    }
    expect(new Set(subaccount_balances.map((r) => r.subaccount_number))).toEqual(new Set(fake.state.subaccounts));
  });

  it('a netting update shows up in the next read', async () => {
    const target = fake.state.subaccounts.find((n) => n > 0)!;
    const enabled = !(await client.getSubaccountNetting()).netting_configs.find((c) => c.subaccount_number === target)!.enabled;
    expect(await client.updateSubaccountNetting({ subaccount_number: target, enabled })).toEqual({});
    const after = (await client.getSubaccountNetting()).netting_configs.filter((c) => c.subaccount_number === target);
    expect(after.length).toBeGreaterThan(0);
    for (const config of after) expect(config.enabled).toBe(enabled);
  });

  it('a netting update for a subaccount that does not exist is the server\'s 400', async () => {
    const error = await rejection(client.updateSubaccountNetting({ subaccount_number: 63, enabled: true }));
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).toMatchObject({ status: 400 });
  });
});

describe('transfers between subaccounts', () => {
  let to: number;
  beforeAll(async () => {
    to = (await client.createSubaccount({ exchange_index: 0 })).subaccount_number;
  });

  it('fills in a random client_transfer_id, moves the money, and lists the transfer', async () => {
    const from = { primary: cashOf(0), target: cashOf(to) };
    const result = await client.applySubaccountTransfer({ from_subaccount: 0, to_subaccount: to, amount_cents: 1_250 });
    expect(result.client_transfer_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(requestsTo('/portfolio/subaccounts/transfer').at(-1)!.body).toMatchObject({ client_transfer_id: result.client_transfer_id });
    expect(parseDollars(cashOf(0))).toBe(parseDollars(subtractDollars(from.primary, '12.50')));
    expect(parseDollars(cashOf(to))).toBe(parseDollars(addDollars(from.target, '12.50')));
    const [latest] = await collect(client.subaccountTransfers({ limit: 1 }));
    expect(latest).toMatchObject({ from_subaccount: 0, to_subaccount: to, amount_cents: 1_250 });
  });

  it('keeps the caller\'s own key; a repeat is "already applied", not retried, and moves nothing', async () => {
    const client_transfer_id = crypto.randomUUID();
    const body = { client_transfer_id, from_subaccount: 0, to_subaccount: to, amount_cents: 300 };
    expect(await client.applySubaccountTransfer(body)).toEqual({ client_transfer_id });
    const cash = cashOf(to);
    const before = requestsTo('/portfolio/subaccounts/transfer').length;
    const error = await rejection(client.applySubaccountTransfer(body));
    expect(error).toBeInstanceOf(KalshiAlreadyAppliedError);
    expect(error).toMatchObject({ status: 409, idempotencyKey: 'client_transfer_id', idempotencyKeyValue: client_transfer_id });
    expect(error.message).toMatch(/already applied/);
    expect(requestsTo('/portfolio/subaccounts/transfer').length - before).toBe(1);
    expect(cashOf(to)).toBe(cash);
  });

  it('is retried when its answer is lost, and the retry\'s 409 means it was applied exactly once', async () => {
    const cash = cashOf(to);
    fake.queueResponses({ loseAnswer: true });
    const before = requestsTo('/portfolio/subaccounts/transfer').length;
    const result = await client.applySubaccountTransfer({ from_subaccount: 0, to_subaccount: to, amount_cents: 700 });
    const attempts = requestsTo('/portfolio/subaccounts/transfer').slice(before);
    expect(attempts.map((r) => r.status)).toEqual([200, 409]);
    expect(attempts[1]!.body).toEqual(attempts[0]!.body);
    expect(attempts[1]!.signature).not.toBe(attempts[0]!.signature);
    expect(result.client_transfer_id).toBe((attempts[0]!.body as { client_transfer_id: string }).client_transfer_id);
    expect(parseDollars(cashOf(to))).toBe(parseDollars(addDollars(cash, '7.00')));
  });

  it('is retried after a 503 too, since the key makes it safe', async () => {
    const cash = cashOf(to);
    fake.queueResponses({ status: 503 });
    await client.applySubaccountTransfer({ from_subaccount: 0, to_subaccount: to, amount_cents: 100 });
    expect(parseDollars(cashOf(to))).toBe(parseDollars(addDollars(cash, '1.00')));
  });

  it('insufficient funds is the server\'s 400, with nothing moved', async () => {
    const cash = cashOf(to);
    const error = await rejection(client.applySubaccountTransfer({ from_subaccount: to, to_subaccount: 0, amount_cents: 10_000_000_000 }));
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).not.toBeInstanceOf(KalshiAlreadyAppliedError);
    expect(error).toMatchObject({ status: 400 });
    expect(cashOf(to)).toBe(cash);
  });

  it('refuses a body that is not an object before sending anything', async () => {
    const before = fake.requests.length;
    const error = await rejection(client.applySubaccountTransfer('12.50' as never));
    expect(error).toBeInstanceOf(KalshiInputError);
    expect(fake.requests.length).toBe(before);
  });
});

describe('other writes are never retried automatically', () => {
  it.each([
    ['updateSubaccountNetting (PUT)', () => client.updateSubaccountNetting({ subaccount_number: 0, enabled: true }), '/portfolio/subaccounts/netting'],
    ['createSubaccount (POST)', () => client.createSubaccount(), '/portfolio/subaccounts'],
    [
      'setTargetBalanceAllocation (POST)',
      () => client.setTargetBalanceAllocation({ allocations: [{ exchange_index: 0, percent: 100 }] }),
      '/portfolio/target_balance_allocation',
    ],
    [
      'intraExchangeInstanceTransfer (POST)',
      () => client.intraExchangeInstanceTransfer({ source: 'event_contract', destination: 'margined', amount: 100 }),
      '/portfolio/intra_exchange_instance_transfer',
    ],
  ])('%s: a 503 surfaces after one attempt', async (_label, write, path) => {
    fake.queueResponses({ status: 503 });
    const before = requestsTo(path).length;
    const error = await rejection(write());
    expect(error).toMatchObject({ status: 503 });
    expect(requestsTo(path).length - before).toBe(1);
  });

  it('a lost answer on a non-idempotent write is reported, not resent', async () => {
    fake.queueResponses({ loseAnswer: true });
    const before = requestsTo('/portfolio/subaccounts').length;
    const error = await rejection(client.createSubaccount());
    expect(error.name).toBe('KalshiNetworkError');
    expect(requestsTo('/portfolio/subaccounts').length - before).toBe(1);
  });
});

describe('transfers between exchange instances', () => {
  it('create, then read back one and all', async () => {
    const { transfer_id } = await client.intraExchangeInstanceTransfer({ source: 'event_contract', destination: 'margined', amount: 250_000 });
    const { transfer } = await client.getIntraExchangeInstanceTransfer({ transfer_id });
    expect(transfer).toMatchObject({ transfer_id, source: 'event_contract', destination: 'margined', source_exchange_shard: 0 });
    expect(parseDollars(transfer.amount)).toBeGreaterThan(0n);
    const all = await collect(client.intraExchangeInstanceTransfers({ limit: 5 }));
    expect(all[0]).toEqual(transfer);
    expect(all).toHaveLength(fake.state.intraExchangeTransfers.length);
  });

  it('an unknown transfer id is the server\'s 404', async () => {
    const error = await rejection(client.getIntraExchangeInstanceTransfer({ transfer_id: 'no-such-transfer' }));
    expect(error).toMatchObject({ status: 404 });
    expect(requestsTo('/no-such-transfer').at(-1)!.path).toBe('/trade-api/v2/portfolio/intra_exchange_instance_transfers/no-such-transfer');
  });

  it('a path parameter is required and escaped', async () => {
    await expect(client.getIntraExchangeInstanceTransfer({} as never)).rejects.toBeInstanceOf(KalshiInputError);
    await rejection(client.getIntraExchangeInstanceTransfer({ transfer_id: 'a/b?c' }));
    expect(fake.requests.at(-1)!.path).toBe('/trade-api/v2/portfolio/intra_exchange_instance_transfers/a%2Fb%3Fc');
  });
});

describe('target balance allocation', () => {
  it('a new allocation shows up in the next read', async () => {
    await client.setTargetBalanceAllocation({
      allocations: [
        { exchange_index: 0, percent: 60 },
        { exchange_index: 2, percent: 40 },
      ],
      resting_margin_reservation: 'max',
    });
    expect(await client.getTargetBalanceAllocation()).toEqual({
      allocations: [
        { exchange_index: 0, percent: 60 },
        { exchange_index: 2, percent: 40 },
      ],
      resting_margin_reservation: 'max',
    });
  });

  it('percentages that do not add up are the server\'s 400', async () => {
    const error = await rejection(client.setTargetBalanceAllocation({ allocations: [{ exchange_index: 0, percent: 30 }] }));
    expect(error).toMatchObject({ status: 400 });
  });
});

describe('orders (read only)', () => {
  it('orders page through every order once, and each reads back alone', async () => {
    const all = await collect(client.orders({ limit: 7 }));
    expect(all.length).toBeGreaterThan(7);
    expect(new Set(all.map((o) => o.order_id)).size).toBe(all.length);
    expect(all).toEqual((await client.getOrders({ limit: 1000 })).orders);
    for (const order of all.slice(0, 3)) {
      expect((await client.getOrder({ order_id: order.order_id })).order).toEqual(order);
    }
  });

  it('the status filter splits the orders without loss', async () => {
    const all = await collect(client.orders());
    let total = 0;
    for (const status of ['resting', 'canceled', 'executed'] as const) {
      const some = await collect(client.orders({ status }));
      for (const order of some) expect(order.status).toBe(status);
      total += some.length;
    }
    expect(total).toBe(all.length);
  });

  it('an unknown order id is the server\'s 404, for the order and for its queue position', async () => {
    for (const call of [() => client.getOrder({ order_id: 'no-such-order' }), () => client.getOrderQueuePosition({ order_id: 'no-such-order' })]) {
      const error = await rejection(call());
      expect(error).toBeInstanceOf(KalshiApiError);
      expect(error).toMatchObject({ status: 404 });
    }
  });

  it('queue positions cover the primary account\'s resting orders, and agree with the single read', async () => {
    const resting = await collect(client.orders({ status: 'resting', subaccount: 0 }));
    const { queue_positions } = await client.getOrderQueuePositions();
    expect(new Set(queue_positions.map((q) => q.order_id))).toEqual(new Set(resting.map((o) => o.order_id)));
    for (const entry of queue_positions.slice(0, 3)) {
      expect(entry.market_ticker).toBe(resting.find((o) => o.order_id === entry.order_id)!.ticker);
      expect((await client.getOrderQueuePosition({ order_id: entry.order_id })).queue_position_fp).toBe(entry.queue_position_fp);
    }
  });

  it('every order group reads back, and its orders name it', async () => {
    const groups = (await client.getOrderGroups()).order_groups ?? [];
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups.slice(0, 3)) {
      const one = await client.getOrderGroup({ order_group_id: group.id });
      expect(one.is_auto_cancel_enabled).toBe(group.is_auto_cancel_enabled);
      expect(one.contracts_limit_fp).toBe(group.contracts_limit_fp);
      for (const order_id of one.orders.slice(0, 3)) {
        expect((await client.getOrder({ order_id })).order.order_group_id).toBe(group.id);
      }
    }
    const error = await rejection(client.getOrderGroup({ order_group_id: 'no-such-group' }));
    expect(error).toMatchObject({ status: 404 });
  });
});

describe('the account\'s API limits and data freshness', () => {
  it('getAccountApiLimits reports both buckets', async () => {
    const limits = await client.getAccountApiLimits();
    expect(limits.read.refill_rate).toBeGreaterThan(0);
    expect(limits.write.bucket_capacity).toBeGreaterThanOrEqual(limits.write.refill_rate);
  });

  it('getUserDataTimestamp is sent unsigned', async () => {
    const { as_of_time } = await client.getUserDataTimestamp();
    expect(Number.isNaN(Date.parse(as_of_time))).toBe(false);
    const request = requestsTo('/exchange/user_data_timestamp').at(-1)!;
    expect(request.signature).toBeUndefined();
    expect(request.keyId).toBeUndefined();
  });
});

describe('403 for accounts without access', () => {
  let locked: FakeKalshi;
  let lockedClient: KalshiClient;
  beforeAll(async () => {
    locked = await startFakeKalshi({ seed: 31, forbidden: ['getTargetBalanceAllocation', 'setTargetBalanceAllocation', 'intraExchangeInstanceTransfer'] });
    lockedClient = await createKalshiClient({ keyId: locked.keyId, privateKey: locked.privateKeyPem, baseUrl: locked.baseUrl });
  });
  afterAll(() => locked.close());

  it.each([
    ['getTargetBalanceAllocation', () => lockedClient.getTargetBalanceAllocation()],
    ['setTargetBalanceAllocation', () => lockedClient.setTargetBalanceAllocation({ allocations: [] })],
    ['intraExchangeInstanceTransfer', () => lockedClient.intraExchangeInstanceTransfer({ source: 'margined', destination: 'event_contract', amount: 1 })],
  ])('%s', async (_label, call) => {
    const error = await rejection(call());
    expect(error).toBeInstanceOf(KalshiApiError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
  });
});

describe('historical data', () => {
  it('getHistoricalCutoff is sent unsigned', async () => {
    const cutoff = await client.getHistoricalCutoff();
    expect(Date.parse(cutoff.trades_created_ts)).toBe(fake.data.cutoff);
    const request = requestsTo('/historical/cutoff').at(-1)!;
    expect(request.signature).toBeUndefined();
    expect(request.keyId).toBeUndefined();
  });

  it('historical fills and positions hold what the live endpoints no longer do', async () => {
    expect(await collect(client.historicalFills({ limit: 50 }))).toEqual(fake.data.historicalFills);
    const primary = (e: { subaccount: number }) => e.subaccount === 0;
    expect(await collect(client.historicalMarketPositions())).toEqual(fake.data.historicalMarketPositions.filter(primary).map((e) => e.position));
    expect(await collect(client.historicalEventPositions())).toEqual(fake.data.historicalEventPositions.filter(primary).map((e) => e.position));
    expect(fake.data.historicalFills.length).toBeGreaterThan(50);
  });

  it('historical orders are finished before the cutoff, and never repeat a live one', async () => {
    const { orders_updated_ts } = await client.getHistoricalCutoff();
    const archived = await collect(client.historicalOrders({ limit: 9 }));
    expect(archived.length).toBeGreaterThan(0);
    for (const order of archived) {
      expect(order.status).not.toBe('resting');
      expect(Date.parse(order.last_update_time!)).toBeLessThan(Date.parse(orders_updated_ts));
    }
    const live = new Set((await collect(client.orders())).map((o) => o.order_id));
    expect(archived.filter((o) => live.has(o.order_id))).toEqual([]);
  });
});

describe('allFills: the complete fill history', () => {
  it('yields the live fills, then the archived ones, each once, newest first', async () => {
    const all = await collect(client.allFills({ limit: 40 }));
    expect(all).toEqual(fake.data.fills);
    expect(fake.data.liveFills.length).toBeGreaterThan(0);
    expect(fake.data.historicalFills.length).toBeGreaterThan(0);
  });

  it('each fill exactly once while the cutoff moves forward mid-iteration', async () => {
    const original = fake.data.cutoff!;
    const seen: string[] = [];
    try {
      for await (const fill of client.allFills({ limit: 25 })) {
        seen.push(fill.fill_id);
        // After the first page, archive a further 30 days of live fills under the iterator's feet.
        if (seen.length === 25) fake.setHistoricalCutoff(original + 30 * 86_400_000);
      }
    } finally {
      fake.setHistoricalCutoff(original);
    }
    expect(seen).toEqual(fake.data.fills.map((f) => f.fill_id));
  });

  it('honours ticker and time filters across both sides', async () => {
    const ticker = fake.data.historicalFills[0]!.ticker;
    const expected = fake.data.fills.filter((f) => f.ticker === ticker);
    expect(await collect(client.allFills({ ticker }))).toEqual(expected);

    const min_ts = fake.data.historicalFills[5]!.ts;
    const max_ts = fake.data.liveFills.at(-3)!.ts;
    const window = fake.data.fills.filter((f) => f.ts >= min_ts && f.ts <= max_ts);
    expect(await collect(client.allFills({ min_ts, max_ts }))).toEqual(window);
    // The same window given as Dates reaches into the archive too: both sides compare seconds.
    const asDates = { min_ts: new Date(min_ts * 1000), max_ts: new Date(max_ts * 1000) } as unknown as { min_ts: number; max_ts: number };
    expect(await collect(client.allFills(asDates))).toEqual(window);
  });

  it('skips the archive when min_ts is after the cutoff', async () => {
    const min_ts = fake.data.liveFills.at(-1)!.ts + 1;
    const before = requestsTo('/historical/fills').length;
    const fills = await collect(client.allFills({ min_ts }));
    expect(fills).toEqual(fake.data.liveFills.filter((f) => f.ts >= min_ts));
    expect(requestsTo('/historical/fills').length).toBe(before);
  });
});

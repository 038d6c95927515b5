/**
 * Method arguments that would not go out as the caller meant: each is converted when it has one
 * obvious meaning, and otherwise refused with a KalshiInputError before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKalshiClient, KalshiInputError, type KalshiClient } from '../src/index.js';
import { fillPath } from '../src/operations.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { collect, rejection } from './support/async.js';

let fake: FakeKalshi;
let client: KalshiClient;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 5, fills: 30 });
  client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: false });
});
afterAll(() => fake.close());

/** The KalshiInputError `call` rejects with; fails unless the fake saw no request meanwhile. */
async function refused(call: () => Promise<unknown>): Promise<KalshiInputError> {
  const before = fake.requests.length;
  const error = await rejection(call());
  expect(error).toBeInstanceOf(KalshiInputError);
  expect(fake.requests.length).toBe(before);
  return error as KalshiInputError;
}

const last = () => fake.requests.at(-1)!;

describe('path parameters', () => {
  // Every operation with a path parameter, called as a JavaScript caller might.
  const byId: Array<[string, string, (value: unknown) => Promise<unknown>]> = [
    ['getIntraExchangeInstanceTransfer', 'transfer_id', (v) => client.getIntraExchangeInstanceTransfer({ transfer_id: v } as never)],
    ['getOrder', 'order_id', (v) => client.getOrder({ order_id: v } as never)],
    ['getOrderQueuePosition', 'order_id', (v) => client.getOrderQueuePosition({ order_id: v } as never)],
    ['getOrderGroup', 'order_group_id', (v) => client.getOrderGroup({ order_group_id: v } as never)],
  ];
  const bad: Array<[string, unknown, RegExp]> = [
    // '..' would be resolved away by the URL parser: GET /trade-api/v2/portfolio/intra_exchange_instance_transfers/.. is GET .../portfolio/.
    ['"."', '.', /cannot be "\."/],
    ['".."', '..', /cannot be "\.\."/],
    ['an empty string', '', /is empty/],
    ['a blank string', '   ', /is blank/],
    ['undefined', undefined, /needs "/],
    ['null', null, /needs "/],
    ['a number', 42, /must be a string, got 42/],
    ['an object', { id: 'x' }, /must be a string, got an object/],
    ['an array', ['x'], /must be a string, got an array of 1 item/],
    ['a lone surrogate', 'ab\uD800', /not well-formed Unicode/],
  ];

  it.each(byId.flatMap(([operation, name, call]) => bad.map(([label, value, expected]) => [operation, label, name, call, value, expected] as const)))(
    '%s refuses %s',
    async (operation, _label, name, call, value, expected) => {
      const error = await refused(() => call(value));
      expect(error.message).toMatch(expected);
      expect(error.message).toContain(operation);
      expect(error.message).toContain(name);
    },
  );

  it.each(byId)('%s refuses a call with no argument at all, rather than sending {%s}', async (operation, name) => {
    const method = client[operation as 'getOrder'] as (input?: unknown) => Promise<unknown>;
    const error = await refused(() => method());
    expect(error.message).toBe(`${operation} needs "${name}"`);
  });

  it('other dotted ids go out as one segment', async () => {
    for (const id of ['...', '.a', 'a..b']) {
      await rejection(client.getOrder({ order_id: id }));
      expect(last().path).toBe(`/trade-api/v2/portfolio/orders/${id}`);
    }
  });

  it('fillPath never leaves a {name} in the path', () => {
    expect(fillPath('/portfolio/orders/{order_id}', { order_id: 'a/b' })).toBe('/portfolio/orders/a%2Fb');
    expect(() => fillPath('/portfolio/orders/{order_id}', {})).toThrow(KalshiInputError);
    expect(() => fillPath('/portfolio/orders/{order_id}', undefined)).toThrow(/needs "order_id"/);
    expect(() => fillPath('/portfolio/orders/{order_id}', { order_id: '..' })).toThrow(KalshiInputError);
  });
});

describe('query parameters', () => {
  it('a Date for a timestamp is sent as Unix seconds, rounded down', async () => {
    const min = new Date('2026-11-20T12:00:00.999Z');
    await client.getFills({ min_ts: min, max_ts: new Date(0) } as never);
    expect(last().query.get('min_ts')).toBe(String(Math.floor(min.getTime() / 1000)));
    expect(last().query.get('max_ts')).toBe('0');
    expect(last().status).toBe(200);
  });

  it('and on every page an iterator fetches', async () => {
    const seconds = fake.data.liveFills[2]!.ts;
    const before = fake.requests.length;
    const fills = await collect(client.fills({ limit: 7, max_ts: new Date(seconds * 1000 + 500) } as never));
    const pages = fake.requests.slice(before);
    expect(fills).toEqual(await collect(client.fills({ limit: 7, max_ts: seconds })));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.query.get('max_ts')).toBe(String(seconds));
  });

  it('a bigint is sent as its decimal digits; null leaves the parameter out', async () => {
    await client.getFills({ limit: 5n, ticker: null } as never);
    expect(last().query.get('limit')).toBe('5');
    expect(last().query.has('ticker')).toBe(false);
  });

  it.each([
    ['an invalid Date', { min_ts: new Date('not a date') }, /parameter "min_ts" is an invalid Date/],
    ['a Date for a parameter that is not a timestamp', { ticker: new Date() }, /parameter "ticker" takes a string or a number, not a Date/],
    ['a plain object', { ticker: { eq: 'X' } }, /parameter "ticker" must be a string or a number, got an object/],
    ['an array', { limit: [5, 10] }, /parameter "limit" takes a single value, got an array of 2 items/],
    ['a Symbol', { ticker: Symbol('x') }, /parameter "ticker" must be a string or a number, got a symbol/],
    ['a function', { ticker: () => 'X' }, /parameter "ticker" must be a string or a number, got a function/],
    ['NaN', { limit: Number.NaN }, /parameter "limit" must be a finite number, got NaN/],
    ['Infinity', { max_ts: Number.POSITIVE_INFINITY }, /parameter "max_ts" must be a finite number, got Infinity/],
    ['-Infinity', { min_ts: Number.NEGATIVE_INFINITY }, /parameter "min_ts" must be a finite number, got -Infinity/],
    ['a lone surrogate', { ticker: 'KX\uDC00' }, /parameter "ticker" is not well-formed Unicode/],
  ])('refuses %s', async (_label, query, expected) => {
    const error = await refused(() => client.getFills(query as never));
    expect(error.message).toMatch(/^getFills /);
    expect(error.message).toMatch(expected);
  });

  it('an iterator refuses before its first page', async () => {
    await refused(() => collect(client.fills({ min_ts: new Date(Number.NaN) } as never)));
  });
});

describe('write bodies', () => {
  const transfer = { from_subaccount: 0, to_subaccount: 1, amount_cents: 100 };

  it.each([
    [
      'a circular body',
      () => {
        const body: Record<string, unknown> = { ...transfer };
        body['self'] = body;
        return body;
      },
      /body.self.self refers back to an object that contains it \(a circular structure\)/],
    ['a bigint', () => ({ ...transfer, amount_cents: 100n }), /body.amount_cents is a bigint, which JSON cannot carry/],
    ['a Symbol', () => ({ ...transfer, exchange_index: Symbol('0') }), /body.exchange_index is a symbol, which JSON cannot carry/],
    ['a function', () => ({ ...transfer, amount_cents: () => 100 }), /body.amount_cents is a function/],
    ['NaN', () => ({ ...transfer, amount_cents: Number.NaN }), /body.amount_cents is NaN, which JSON would send as null/],
    ['a Map', () => ({ ...transfer, extra: new Map([['a', 1]]) }), /body.extra is an instance of Map, which JSON would send as \{\}/],
    [
      'a toJSON that throws',
      () => ({ ...transfer, extra: { toJSON: () => { throw new Error('no JSON today'); } } }),
      /body.extra cannot be turned into JSON: no JSON today/,
    ],
    [
      'a getter that throws',
      () => Object.defineProperty({ ...transfer }, 'amount_cents', { enumerable: true, get: () => { throw new Error('unreadable'); } }),
      /could not read its input: unreadable/,
    ],
  ])('applySubaccountTransfer refuses %s', async (_label, makeBody, expected) => {
    const error = await refused(() => client.applySubaccountTransfer(makeBody() as never));
    expect(error.message).toMatch(/^applySubaccountTransfer /);
    expect(error.message).toMatch(expected);
  });

  it('names the place of a problem deep in the body', async () => {
    const error = await refused(() =>
      client.setTargetBalanceAllocation({ allocations: [{ exchange_index: 0, percent: 60 }, { exchange_index: 2, percent: 40n }] } as never),
    );
    expect(error.message).toBe('setTargetBalanceAllocation cannot send its request body: body.allocations[1].percent is a bigint, which JSON cannot carry; pass a number');
  });

  it('a hole in an array would become null, so it is refused too', async () => {
    const error = await refused(() => client.setTargetBalanceAllocation({ allocations: [undefined] } as never));
    expect(error.message).toMatch(/body.allocations\[0\] is undefined, which JSON would send as null/);
  });

  it('the same object twice, side by side, is not circular', async () => {
    const allocation = { exchange_index: 0, percent: 50 };
    await rejection(client.setTargetBalanceAllocation({ allocations: [allocation, allocation] }));
    expect(last().body).toEqual({ allocations: [allocation, allocation] });
  });
});

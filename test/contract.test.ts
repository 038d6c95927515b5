/**
 * The spec is the contract: its examples obey its schemas, the fake obeys the spec, the client
 * accepts whatever the spec allows, and `validateResponses` catches whatever it does not.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseValidators } from '../generated/validators.js';
import { createAjv } from '../scripts/lib/ajv.js';
import { responseSchemaDocument, SCHEMA_ID } from '../scripts/lib/json-schema.js';
import { createKalshiClient, KalshiContractError, operationTable, type KalshiClient } from '../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { getJson, sendJson, signedHeaders, urlOf } from './support/fake-http.js';

const spec = JSON.parse(readFileSync(new URL('../generated/openapi.json', import.meta.url), 'utf8'));
const { document, entries } = responseSchemaDocument(spec);
const ajv = createAjv();
ajv.addSchema(document);

/** Operations whose success answer is 204 with no body. */
const NO_CONTENT_OPERATIONS = new Set(
  Object.entries(spec.paths as Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>).flatMap(([, item]) =>
    Object.values(item).filter((op) => op?.responses?.['204']).map((op) => op.operationId!),
  ),
);

type Validator = ((body: unknown) => boolean) & { errors?: unknown };
const validators = responseValidators as Record<string, Record<string, Validator>>;

async function unsignedJson(fake: FakeKalshi, relative: string) {
  const response = await fetch(urlOf(fake, relative));
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function expectValid(operationId: string, status: number, body: unknown): void {
  const validate = validators[operationId]?.[String(status)];
  expect(validate, `${operationId} documents no ${status} response`).toBeDefined();
  const ok = validate!(body);
  expect(ok, `${operationId} ${status}: ${JSON.stringify(validate!.errors)}`).toBe(true);
}

describe('(a) the spec agrees with itself', () => {
  it('every operation documents a success body and the four error statuses', () => {
    for (const operationId of Object.keys(operationTable)) {
      const statuses = entries.filter((e) => e.operationId === operationId).map((e) => e.status);
      expect(statuses, operationId).toEqual(expect.arrayContaining(['400', '401', '429', '500']));
      // A write with nothing to report (cancelAllOrders) answers 204, which has no body to describe.
      expect(statuses.some((s) => /^2\d\d$/.test(s)) || NO_CONTENT_OPERATIONS.has(operationId), operationId).toBe(true);
    }
  });

  it.each(entries.filter((e) => e.examples.length > 0).flatMap((e) => e.examples.map((ex) => [`${e.operationId} ${e.status} ${ex.name}`, e, ex.value] as const)))(
    'example %s validates against its schema',
    (_label, entry, value) => {
      const validate = ajv.getSchema(`${SCHEMA_ID}${entry.pointer}`)!;
      expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it('every success response carries at least one example', () => {
    for (const entry of entries.filter((e) => /^2/.test(e.status))) {
      expect(entry.examples.length, `${entry.operationId} ${entry.status}`).toBeGreaterThan(0);
    }
  });

  it('the error schema admits all four wire shapes and rejects garbage', () => {
    const errorBody = validators['getFills']!['400']!;
    for (const body of [
      { error: { code: 'authentication_error', message: 'authentication_error', details: 'NOT_FOUND', service: 'auth' } },
      { code: 'bad_request', message: 'bad request', details: 'EOF' },
      { msg: 'Parameter validation failed for GetFills' },
      { error: 'too many requests' },
    ]) {
      expect(errorBody(body), JSON.stringify(body)).toBe(true);
    }
    expect(errorBody({ error: 42 })).toBe(false);
    expect(errorBody('not json')).toBe(false);
  });
});

describe('(b) every body the fake sends validates against the spec', () => {
  let fake: FakeKalshi;
  beforeAll(async () => {
    fake = await startFakeKalshi({ seed: 5, fills: 300, settlements: 80, marketPositions: 60 });
  });
  afterAll(() => fake.close());

  /** Query strings to try per read; only parameters the operation takes are kept. */
  const queries = [
    '',
    'limit=500',
    'limit=13',
    'limit=7&subaccount=0',
    'subaccount=1',
    'exchange_index=1',
    'subaccount=2&exchange_index=0',
    'count_filter=position',
    'count_filter=position,total_traded',
    'settlement_status=all',
    'status=resting',
    'status=canceled',
    'status=executed',
  ];
  const reads = Object.entries(operationTable).filter(([, entry]) => entry.method === 'GET');

  /** The id of something the fake holds, read through its own list operation. */
  async function firstId(list: string, field: string, id: string): Promise<string> {
    const answer = await getJson(fake, list);
    const value = answer.body?.[field]?.[0]?.[id];
    expect(typeof value, `${list} should list at least one item to read back`).toBe('string');
    return value as string;
  }

  async function relativePath(entry: (typeof operationTable)[keyof typeof operationTable]): Promise<string> {
    let path: string = entry.path.replace('{transfer_id}', fake.data.intraExchangeTransfers[0]!.transfer_id);
    if (path.includes('{order_id}')) path = path.replace('{order_id}', await firstId('/portfolio/orders?status=resting&limit=1', 'orders', 'order_id'));
    if (path.includes('{ticker}')) path = path.replace('{ticker}', encodeURIComponent(fake.data.markets[0]!.ticker));
    if (path.includes('{order_group_id}')) path = path.replace('{order_group_id}', await firstId('/portfolio/order_groups', 'order_groups', 'id'));
    return path;
  }

  it.each(reads.map(([operationId]) => operationId))('%s, across every page and filter', async (operationId) => {
    const entry = operationTable[operationId as keyof typeof operationTable];
    const takes: readonly string[] = entry.queryParams;
    const usable = queries.filter((q) => q === '' || q.split('&').every((pair) => takes.includes(pair.split('=')[0]!)));
    const path = await relativePath(entry);
    let bodies = 0;
    for (const query of usable) {
      let cursor = '';
      do {
        const relative = `${path}?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const answer = entry.signed ? await getJson(fake, relative) : await unsignedJson(fake, relative);
        if (answer.status === 404 && entry.pathParams.length > 0 && query.includes('subaccount=')) {
          // The item read by id belongs to another subaccount than the one asked for.
          expectValid(operationId, 404, answer.body);
          bodies++;
          break;
        }
        expect(answer.status, relative).toBe(200);
        expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
        expectValid(operationId, 200, answer.body);
        bodies++;
        cursor = answer.body.cursor ?? '';
      } while (cursor !== '');
    }
    expect(bodies).toBeGreaterThanOrEqual(usable.length);
  });

  it('every write answers with its documented success body, and its documented errors', async () => {
    const created = await sendJson(fake, '/portfolio/subaccounts', { body: {} });
    expect(created.status).toBe(201);
    expectValid('createSubaccount', 201, created.body);
    const to = created.body.subaccount_number as number;

    const transfer = { client_transfer_id: crypto.randomUUID(), from_subaccount: 0, to_subaccount: to, amount_cents: 100, exchange_index: 0 };
    const applied = await sendJson(fake, '/portfolio/subaccounts/transfer', { body: transfer });
    expect(applied.status).toBe(200);
    expectValid('applySubaccountTransfer', 200, applied.body);
    const repeated = await sendJson(fake, '/portfolio/subaccounts/transfer', { body: transfer });
    expect(repeated.status).toBe(409);
    expectValid('applySubaccountTransfer', 409, repeated.body);

    const netting = await sendJson(fake, '/portfolio/subaccounts/netting', { method: 'PUT', body: { subaccount_number: to, enabled: false } });
    expect(netting.status).toBe(200);
    expectValid('updateSubaccountNetting', 200, netting.body);

    const moved = await sendJson(fake, '/portfolio/intra_exchange_instance_transfer', { body: { source: 'event_contract', destination: 'margined', amount: 100 } });
    expect(moved.status).toBe(200);
    expectValid('intraExchangeInstanceTransfer', 200, moved.body);
    const missing = await getJson(fake, '/portfolio/intra_exchange_instance_transfers/no-such-transfer');
    expect(missing.status).toBe(404);
    expectValid('getIntraExchangeInstanceTransfer', 404, missing.body);

    const allocation = await sendJson(fake, '/portfolio/target_balance_allocation', { body: { allocations: [{ exchange_index: 0, percent: 100 }] } });
    expect(allocation.status).toBe(200);
    expectValid('setTargetBalanceAllocation', 200, allocation.body);

    for (const [relative, body, operationId] of [
      ['/portfolio/subaccounts/transfer', { ...transfer, client_transfer_id: 'not-a-uuid' }, 'applySubaccountTransfer'],
      ['/portfolio/subaccounts/transfer', '{not json', 'applySubaccountTransfer'],
      ['/portfolio/target_balance_allocation', { allocations: [{ exchange_index: 0, percent: 70 }] }, 'setTargetBalanceAllocation'],
    ] as const) {
      const answer = await sendJson(fake, relative, { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expectValid(operationId, 400, answer.body);
    }
  });

  it('unknown order and order group ids are 404s in a documented shape', async () => {
    for (const [relative, operationId] of [
      ['/portfolio/orders/no-such-order', 'getOrder'],
      ['/portfolio/orders/no-such-order/queue_position', 'getOrderQueuePosition'],
      ['/portfolio/order_groups/no-such-group', 'getOrderGroup'],
    ] as const) {
      const answer = await getJson(fake, relative);
      expect(answer.status, relative).toBe(404);
      expectValid(operationId, 404, answer.body);
    }
  });

  it('403s use a documented error shape', async () => {
    const locked = await startFakeKalshi({ seed: 5, forbidden: ['getTargetBalanceAllocation', 'intraExchangeInstanceTransfer'] });
    try {
      const read = await getJson(locked, '/portfolio/target_balance_allocation');
      expect(read.status).toBe(403);
      expectValid('getTargetBalanceAllocation', 403, read.body);
      const write = await sendJson(locked, '/portfolio/intra_exchange_instance_transfer', { body: { source: 'event_contract', destination: 'margined', amount: 100 } });
      expect(write.status).toBe(403);
      expectValid('intraExchangeInstanceTransfer', 403, write.body);
    } finally {
      await locked.close();
    }
  });

  it('filters by ticker and event keep the body valid', async () => {
    const fill = fake.data.fills[10]!;
    const settlement = fake.data.settlements[3]!.settlement;
    expectValid('getFills', 200, (await getJson(fake, `/portfolio/fills?ticker=${fill.ticker}&min_ts=${fill.ts - 86_400}&max_ts=${fill.ts}`)).body);
    expectValid('getFills', 200, (await getJson(fake, `/portfolio/fills?order_id=${fill.order_id}`)).body);
    expectValid('getSettlements', 200, (await getJson(fake, `/portfolio/settlements?event_ticker=${settlement.event_ticker}`)).body);
    expectValid('getPositions', 200, (await getJson(fake, `/portfolio/positions?event_ticker=${settlement.event_ticker}`)).body);
  });

  it('its 400s (each bad parameter) and 401s (each cause) use a documented error shape', async () => {
    for (const relative of ['/portfolio/fills?limit=abc', '/portfolio/fills?limit=1001', '/portfolio/positions?subaccount=-1', '/portfolio/settlements?min_ts=yesterday']) {
      const answer = await getJson(fake, relative);
      expect(answer.status, relative).toBe(400);
      expect(answer.body).toHaveProperty('msg');
      expectValid('getFills', 400, answer.body);
    }
    const unauthorized = [
      await getJson(fake, '/portfolio/balance', { keyId: '00000000-0000-4000-8000-000000000000' }),
      await getJson(fake, '/portfolio/balance', { timestamp: Date.now() - 60_000 }),
      await getJson(fake, '/portfolio/balance', { omit: ['KALSHI-ACCESS-SIGNATURE'] }),
      await getJson(fake, '/portfolio/balance', { signPath: '/portfolio/balance' }),
    ];
    for (const answer of unauthorized) {
      expect(answer.status).toBe(401);
      expectValid('getBalance', 401, answer.body);
    }
  });

  it('its faults (429 and JSON 500s) use documented error shapes', async () => {
    const faulty = await startFakeKalshi({ seed: 3, fills: 20, faults: { tooManyRequests: 0.3, serverErrors: 0.3 } });
    try {
      const seen = new Set<number>();
      for (let i = 0; i < 60; i++) {
        const response = await fetch(`${faulty.baseUrl}/portfolio/balance`, { headers: signedHeaders(faulty, '/portfolio/balance') });
        const text = await response.text();
        seen.add(response.status);
        if (response.status === 429 || (response.status === 500 && text.startsWith('{'))) {
          expectValid('getBalance', response.status, JSON.parse(text));
        }
      }
      expect(seen).toContain(429);
      expect(seen).toContain(500);
    } finally {
      await faulty.close();
    }
  });
});

describe('(c) the client accepts whatever the spec allows', () => {
  let fake: FakeKalshi;
  let client: KalshiClient;
  beforeAll(async () => {
    fake = await startFakeKalshi({ seed: 9, fills: 20 });
    client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, validateResponses: true, retry: false });
  });
  afterAll(() => fake.close());

  /** An extra field name the spec does not list, and a JSON value for it. */
  const unknownField = fc.tuple(
    fc.stringMatching(/^[a-z][a-z_]{2,20}$/).map((name) => `x_unlisted_${name}`),
    fc.jsonValue({ maxDepth: 2 }),
  );

  function withExtras(value: unknown, extras: Array<[string, unknown]>): unknown {
    if (Array.isArray(value)) return value.map((v) => withExtras(v, extras));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withExtras(v, extras)]));
      for (const [k, v] of extras) out[k] = v;
      return out;
    }
    return value;
  }

  /** What to call each operation with: a request example for writes, placeholder path parameters otherwise. */
  function inputFor(operationId: keyof typeof operationTable): unknown {
    const entry = operationTable[operationId];
    const pathParams: readonly string[] = entry.pathParams;
    const placeholders = pathParams.length ? Object.fromEntries(pathParams.map((name) => [name, 'placeholder-id'])) : undefined;
    if (entry.hasBody) {
      const media = spec.paths[entry.path][entry.method.toLowerCase()].requestBody.content['application/json'];
      // A write on one item (amending order X) takes the item's id beside its body.
      return { ...(media.example ?? Object.values<{ value: unknown }>(media.examples)[0]!.value), ...placeholders };
    }
    return placeholders;
  }

  it('every success example, with unknown fields added at every level, comes back intact', async () => {
    const successExamples = entries.filter((e) => /^2/.test(e.status)).flatMap((e) => e.examples.map((ex) => ({ entry: e, value: ex.value })));
    expect(new Set(successExamples.map((e) => e.entry.operationId)).size).toBe(Object.keys(operationTable).length - NO_CONTENT_OPERATIONS.size);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...successExamples), fc.array(unknownField, { minLength: 1, maxLength: 3 }), async ({ entry, value }, extras) => {
        const body = withExtras(value, extras);
        fake.queueResponses({ status: Number(entry.status), body: body as object });
        const operationId = entry.operationId as keyof typeof operationTable;
        const method = client[operationId] as (input?: unknown) => Promise<unknown>;
        expect(await method(inputFor(operationId))).toMatchObject(body as object);
      }),
      { numRuns: 80, seed: 42 },
    );
  });

  it('optional fields may be absent and nullable ones null', async () => {
    const fill = { ...fake.data.fills[0]! } as Record<string, unknown>;
    for (const optional of ['side', 'action', 'created_time', 'ts']) delete fill[optional];
    fill['subaccount_number'] = null;
    fake.queueResponses({ status: 200, body: { fills: [fill], cursor: '' } });
    expect((await client.getFills()).fills[0]).toEqual(fill);
  });

  it('limits the server does not promise are not enforced on responses', async () => {
    // Money in other decimal forms, a shard number below 0, a subaccount above 63: the real
    // server may send any of them, and response validation must not reject a real answer.
    const fill = { ...fake.data.fills[0]!, count_fp: '10', yes_price_dollars: '.5', fee_cost: '0.1234567', exchange_index: -1, subaccount_number: 64 };
    fake.queueResponses({ status: 200, body: { fills: [fill], cursor: '' } });
    expect((await client.getFills()).fills[0]).toEqual(fill);
  });
});

describe('(d) validateResponses', () => {
  let fake: FakeKalshi;
  beforeAll(async () => {
    fake = await startFakeKalshi({ seed: 13, fills: 10, historicalCutoffDays: null });
  });
  afterAll(() => fake.close());

  const connect = (validateResponses?: boolean) =>
    createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: false, validateResponses });

  it.each([
    ['a wrong type', (f: Record<string, unknown>) => ({ ...f, exchange_index: '0' }), '/fills/1/exchange_index', 'integer', 'string "0"'],
    ['a count sent as a number', (f: Record<string, unknown>) => ({ ...f, count_fp: 10 }), '/fills/1/count_fp', 'string', 'number 10'],
    ['a missing required field', ({ fee_cost: _, ...f }: Record<string, unknown>) => f, '/fills/1/fee_cost', 'property "fee_cost" to be present', 'nothing'],
    ['an enum value the spec does not list', (f: Record<string, unknown>) => ({ ...f, outcome_side: 'maybe' }), '/fills/1/outcome_side', 'one of "yes", "no"', 'string "maybe"'],
  ])('rejects %s with KalshiContractError naming the operation, pointer and expected type', async (_label, corrupt, pointer, expected, actual) => {
    const client = await connect(true);
    const fills = fake.data.fills.slice(0, 2).map((f) => ({ ...f })) as Array<Record<string, unknown>>;
    fills[1] = corrupt(fills[1]!);
    fake.queueResponses({ status: 200, body: { fills, cursor: '' } });
    const error = await client.getFills().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiContractError);
    expect(error).toMatchObject({ operationId: 'getFills', status: 200, pointer, expected, actual });
    expect((error as Error).message).toContain(`getFills response (HTTP 200) does not match the spec at ${pointer}`);
  });

  it('applies to iterators too', async () => {
    const client = await connect(true);
    fake.queueResponses({ status: 200, body: { settlements: [{ ticker: 'X' }], cursor: '' } });
    await expect(client.settlements().next()).rejects.toBeInstanceOf(KalshiContractError);
  });

  it('is off by default: the same body is handed over as it came', async () => {
    const client = await connect();
    const broken = { fills: [{ fill_id: 1 }], cursor: '' };
    fake.queueResponses({ status: 200, body: broken });
    expect(await client.getFills()).toEqual(broken);
  });

  it('passes what the fake serves', async () => {
    const client = await connect(true);
    expect((await client.getBalance()).balance).toBe(fake.data.balance.balance);
    let n = 0;
    for await (const _ of client.fills({ limit: 3 })) n++;
    expect(n).toBe(fake.data.liveFills.length);
  });
});

/**
 * The sweep behind rest-responses(.slow).test.ts: every REST answer the fake gives validates against Kalshi's own OpenAPI 3.31.0 (not only our
 * spec): for all 43 operations, success and error answers, across queries, pages, seeds, forbidden
 * operations, rate limits and injected faults. The counts are printed at the end.
 *
 * Policy where Kalshi's document is silent (each case is counted separately in the table):
 * - An error status Kalshi does not list for an operation (e.g. a 400 from GET /portfolio/fills,
 *   which lists only 200) is checked against Kalshi's `ErrorResponse`, the schema of every error
 *   response Kalshi documents.
 * - A success body Kalshi does not describe is allowed only by UNDOCUMENTED_SUCCESS below, with its reason.
 * - A body that is not JSON is allowed only for a 5xx: the HTML and empty answers a proxy in front
 *   of Kalshi gives (facts file, "Errors on the wire"), which the fake's server-error faults imitate.
 * - No body at all is required, and nothing else allowed, for a 204 of an operation whose 204 Kalshi
 *   documents without content (DELETE /portfolio/events/orders, cancelAllOrders).
 * Kalshi's `ErrorResponse` has no required field, so it accepts any object: every error body must
 * also be one of the four shapes measured on the wire.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type OperationId, operationTable } from '../../src/index.js';
import { type FakeKalshi, type FakeKalshiOptions, startFakeKalshi } from '../../src/testing/index.js';
import { signedHeaders, urlOf } from '../support/fake-http.js';
import { errorsOf, kalshiRest } from '../support/upstream.js';
import { openMarket } from '../orders-v2/support.js';

const kalshi = kalshiRest();
const operationIds = Object.keys(operationTable) as OperationId[];

/** Success answers whose body Kalshi's operation does not describe, and the Kalshi schema each is held to instead. */
const UNDOCUMENTED_SUCCESS: Partial<Record<OperationId, { status: number; schema: string; reason: string }>> = {
  updateSubaccountNetting: {
    status: 200,
    schema: 'EmptyResponse',
    reason: "Kalshi's 200 for PUT /portfolio/subaccounts/netting describes no body; the facts file records the empty object it answers",
  },
};

interface Tally {
  success: number;
  errors: number;
  /** Error bodies whose status Kalshi's operation does not list, checked against `ErrorResponse`. */
  unlistedErrorStatus: number;
  /** 5xx answers that are not JSON (proxy-style HTML or empty bodies). */
  notJson: number;
  /** 204 answers with no body, where Kalshi documents a 204 without content. */
  noContent: number;
  /** Requests cut by a connection-reset fault: no answer to check. */
  reset: number;
  statuses: Set<number>;
}
const tallies = new Map<OperationId, Tally>(operationIds.map((id) => [id, { success: 0, errors: 0, unlistedErrorStatus: 0, notJson: 0, noContent: 0, reset: 0, statuses: new Set() }]));

function isWireErrorShape(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  const nested = b['error'];
  if (typeof nested === 'string') return true; // 429 {"error":"too many requests"}
  if (nested && typeof nested === 'object') return typeof (nested as Record<string, unknown>)['code'] === 'string';
  if (typeof b['msg'] === 'string') return true;
  return typeof b['code'] === 'string' && typeof b['message'] === 'string';
}

/** Checks one answer of `operationId` against Kalshi's document and counts it. */
function checkAnswer(operationId: OperationId, status: number, text: string, contentType: string | null): void {
  const entry = operationTable[operationId];
  const operation = kalshi.operation(entry.method, entry.path);
  expect(operation, `${entry.method} ${entry.path} is not in Kalshi's OpenAPI`).toBeDefined();
  const tally = tallies.get(operationId)!;
  tally.statuses.add(status);
  if (status === 204) {
    const documented = kalshi.document['paths'][entry.path][entry.method.toLowerCase()]['responses']['204'];
    expect(documented, `${operationId} answered 204, which Kalshi's operation does not list`).toBeDefined();
    expect(documented['content'], `${operationId}: Kalshi's 204 describes content`).toBeUndefined();
    expect(text, `${operationId} 204 carries a body`).toBe('');
    tally.noContent++;
    tally.success++;
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    expect(status, `${operationId} ${status} answered a body that is not JSON: ${text.slice(0, 80)}`).toBeGreaterThanOrEqual(500);
    tally.notJson++;
    return;
  }
  // Kalshi documents every body as application/json.
  expect(contentType, `${operationId} ${status}: content type of a JSON body`).toMatch(/^application\/json/);
  let validate = kalshi.response(operation!, status);
  if (status >= 400) {
    expect(isWireErrorShape(body), `${operationId} ${status}: ${text}`).toBe(true);
    if (!validate) {
      validate = kalshi.component('ErrorResponse');
      tally.unlistedErrorStatus++;
    }
    tally.errors++;
  } else {
    if (!validate) {
      const allowed = UNDOCUMENTED_SUCCESS[operationId];
      expect(allowed?.status, `${operationId} answered ${status} with a body Kalshi's operation does not describe`).toBe(status);
      validate = kalshi.component(allowed!.schema);
    }
    tally.success++;
  }
  expect(validate(body), `${operationId} ${status} against Kalshi's schema: ${errorsOf(validate)}\n${text.slice(0, 400)}`).toBe(true);
}

interface Call {
  operationId: OperationId;
  /** Path after the base URL, with path parameters filled in and the query. */
  relative: string;
  body?: unknown;
  /** Raw body text instead of JSON. */
  rawBody?: string;
  sign?: Parameters<typeof signedHeaders>[2];
}

/** Sends one call and checks its answer; returns the parsed body when it is JSON. */
async function call(fake: FakeKalshi, c: Call): Promise<{ status: number; body: any }> {
  const entry = operationTable[c.operationId];
  const headers: Record<string, string> = entry.signed || c.sign ? signedHeaders(fake, c.relative, { method: entry.method, ...c.sign }) : {};
  let body: string | undefined = c.rawBody;
  if (c.body !== undefined) body = JSON.stringify(c.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(urlOf(fake, c.relative), { method: entry.method, headers, body });
  } catch {
    tallies.get(c.operationId)!.reset++;
    return { status: 0, body: undefined };
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    // A reset fault can also cut the body after the status line.
    tallies.get(c.operationId)!.reset++;
    return { status: 0, body: undefined };
  }
  checkAnswer(c.operationId, response.status, text, response.headers.get('content-type'));
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: undefined };
  }
}

/** Queries to try per read; only those whose parameters the operation takes are used. */
function queriesFor(fake: FakeKalshi, operationId: OperationId): string[] {
  const fill = fake.data.fills[7]!;
  const position = fake.data.marketPositions[2]!.position;
  const event = fake.data.eventPositions[0]!.position.event_ticker;
  const candidates = [
    '',
    'limit=2',
    'limit=9',
    'limit=500',
    'subaccount=0',
    'subaccount=1&limit=25',
    'subaccount=2',
    'exchange_index=0',
    'exchange_index=2&limit=50',
    `ticker=${fill.ticker}`,
    `ticker=${position.ticker}&subaccount=0`,
    `event_ticker=${event}`,
    `order_id=${fill.order_id}`,
    `min_ts=${fill.ts - 30 * 86_400}&max_ts=${fill.ts}&limit=40`,
    'count_filter=position',
    'count_filter=position,total_traded',
    'settlement_status=all',
    'settlement_status=settled',
    'status=resting',
    'status=canceled&limit=20',
    'status=executed&limit=60',
    `market_tickers=${position.ticker}`,
    'cursor=not-a-cursor&limit=30',
  ];
  const takes: readonly string[] = operationTable[operationId].queryParams;
  return candidates.filter((q) => q === '' || q.split('&').every((pair) => takes.includes(pair.split('=')[0]!)));
}

/** The path of an operation with its path parameters filled in from the dataset. */
function pathsFor(fake: FakeKalshi, operationId: OperationId): string[] {
  const template: string = operationTable[operationId].path;
  if (template.includes('{ticker}')) return fake.data.markets.slice(0, 3).map((m) => template.replace('{ticker}', m.ticker));
  if (template.includes('{transfer_id}')) return fake.data.intraExchangeTransfers.slice(0, 3).map((t) => template.replace('{transfer_id}', t.transfer_id));
  if (template.includes('{order_id}')) {
    const resting = fake.data.orders.filter((o) => o.status === 'resting').slice(0, 3);
    const others = template.endsWith('queue_position') ? [] : fake.data.orders.filter((o) => o.status !== 'resting').slice(0, 5);
    return [...resting, ...others].map((o) => template.replace('{order_id}', o.order_id));
  }
  if (template.includes('{order_group_id}')) return fake.data.orderGroups.slice(0, 4).map((g) => template.replace('{order_group_id}', g.group.id));
  return [template];
}

/** Every query of every read operation, following cursors for up to `maxPages` pages. */
async function readEverything(fake: FakeKalshi, maxPages: number): Promise<void> {
  for (const operationId of operationIds.filter((id) => operationTable[id].method === 'GET')) {
    for (const path of pathsFor(fake, operationId)) {
      for (const query of queriesFor(fake, operationId)) {
        let cursor = '';
        let pages = 0;
        do {
          const parts = [query, cursor ? `cursor=${encodeURIComponent(cursor)}` : ''].filter(Boolean).join('&');
          const answer = await call(fake, { operationId, relative: parts ? `${path}?${parts}` : path });
          cursor = answer.status === 200 && typeof answer.body?.cursor === 'string' ? answer.body.cursor : '';
          pages++;
        } while (cursor !== '' && pages < maxPages);
      }
    }
  }
}

/** Writes that succeed and writes each business rule refuses. */
async function writeEverything(fake: FakeKalshi): Promise<void> {
  const created = await call(fake, { operationId: 'createSubaccount', relative: '/portfolio/subaccounts', body: {} });
  expect(created.status).toBe(201);
  await call(fake, { operationId: 'createSubaccount', relative: '/portfolio/subaccounts', body: { exchange_index: 0 } });
  const to = created.body.subaccount_number as number;
  const transfer = { client_transfer_id: crypto.randomUUID(), from_subaccount: 0, to_subaccount: to, amount_cents: 150, exchange_index: 0 };
  const writes: Call[] = [
    { operationId: 'applySubaccountTransfer', relative: '/portfolio/subaccounts/transfer', body: transfer },
    { operationId: 'applySubaccountTransfer', relative: '/portfolio/subaccounts/transfer', body: transfer }, // 409
    { operationId: 'applySubaccountTransfer', relative: '/portfolio/subaccounts/transfer', body: { ...transfer, client_transfer_id: 'not-a-uuid' } },
    { operationId: 'applySubaccountTransfer', relative: '/portfolio/subaccounts/transfer', body: { ...transfer, client_transfer_id: crypto.randomUUID(), amount_cents: 10 ** 15 } },
    { operationId: 'applySubaccountTransfer', relative: '/portfolio/subaccounts/transfer', body: { ...transfer, client_transfer_id: crypto.randomUUID(), to_subaccount: 62 } },
    { operationId: 'applySubaccountTransfer', relative: '/portfolio/subaccounts/transfer', rawBody: '{not json' },
    { operationId: 'applySubaccountTransfer', relative: '/portfolio/subaccounts/transfer', body: { ...transfer, amount_cents: 'ten' } },
    { operationId: 'updateSubaccountNetting', relative: '/portfolio/subaccounts/netting', body: { subaccount_number: to, enabled: false } },
    { operationId: 'updateSubaccountNetting', relative: '/portfolio/subaccounts/netting', body: { subaccount_number: 0, enabled: true } },
    { operationId: 'updateSubaccountNetting', relative: '/portfolio/subaccounts/netting', body: { subaccount_number: 61, enabled: true } },
    { operationId: 'updateSubaccountNetting', relative: '/portfolio/subaccounts/netting', body: { enabled: true } },
    { operationId: 'intraExchangeInstanceTransfer', relative: '/portfolio/intra_exchange_instance_transfer', body: { source: 'event_contract', destination: 'margined', amount: 100 } },
    { operationId: 'intraExchangeInstanceTransfer', relative: '/portfolio/intra_exchange_instance_transfer', body: { source: 'margined', destination: 'event_contract', amount: 50 } },
    { operationId: 'intraExchangeInstanceTransfer', relative: '/portfolio/intra_exchange_instance_transfer', body: { source: 'event_contract', destination: 'margined', amount: 10 ** 15 } },
    { operationId: 'intraExchangeInstanceTransfer', relative: '/portfolio/intra_exchange_instance_transfer', body: { source: 'moon', destination: 'margined', amount: 1 } },
    { operationId: 'intraExchangeInstanceTransfer', relative: '/portfolio/intra_exchange_instance_transfer', body: { source: 'event_contract', destination: 'margined', amount: 1, destination_exchange_shard: 7 } },
    { operationId: 'setTargetBalanceAllocation', relative: '/portfolio/target_balance_allocation', body: { allocations: [{ exchange_index: 0, percent: 100 }] } },
    { operationId: 'setTargetBalanceAllocation', relative: '/portfolio/target_balance_allocation', body: { allocations: [{ exchange_index: 0, percent: 60 }, { exchange_index: 2, percent: 40 }], resting_margin_reservation: 'max' } },
    { operationId: 'setTargetBalanceAllocation', relative: '/portfolio/target_balance_allocation', body: { allocations: [{ exchange_index: 0, percent: 70 }] } },
    { operationId: 'setTargetBalanceAllocation', relative: '/portfolio/target_balance_allocation', body: { allocations: [{ exchange_index: 0, percent: 100 }], resting_margin_reservation: 'most' } },
    { operationId: 'setTargetBalanceAllocation', relative: '/portfolio/target_balance_allocation', body: [] },
  ];
  for (const write of writes) await call(fake, write);
  await writeOrders(fake);
}

/** The v2 order writes and order groups: each succeeding, then refused by a business rule or a bad body. */
async function writeOrders(fake: FakeKalshi): Promise<void> {
  const ticker = openMarket(fake).ticker;
  const order = (extra: Record<string, unknown> = {}) => ({
    ticker,
    side: 'bid',
    count: '3.00',
    price: '0.0300',
    time_in_force: 'good_till_canceled',
    self_trade_prevention_type: 'taker_at_cross',
    client_order_id: crypto.randomUUID(),
    ...extra,
  });
  const created = await call(fake, { operationId: 'createOrderV2', relative: '/portfolio/events/orders', body: order() });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.order_id as string;
  const batch = await call(fake, { operationId: 'batchCreateOrdersV2', relative: '/portfolio/events/orders/batched', body: { orders: [order({ price: '0.0200' }), order({ price: '0.9900', post_only: true })] } });
  expect(batch.status, JSON.stringify(batch.body)).toBe(201);
  const group = await call(fake, { operationId: 'createOrderGroup', relative: '/portfolio/order_groups/create', body: { contracts_limit: 10 } });
  expect(group.status, JSON.stringify(group.body)).toBe(201);
  const gid = group.body.order_group_id as string;
  const writes: Call[] = [
    { operationId: 'createOrderV2', relative: '/portfolio/events/orders', body: order({ price: '1.5000' }) },
    { operationId: 'createOrderV2', relative: '/portfolio/events/orders', body: order({ ticker: 'NO-SUCH-MARKET' }) },
    { operationId: 'createOrderV2', relative: '/portfolio/events/orders', body: order({ count: 'three' }) },
    { operationId: 'batchCreateOrdersV2', relative: '/portfolio/events/orders/batched', body: { orders: [] } },
    { operationId: 'amendOrderV2', relative: `/portfolio/events/orders/${id}/amend`, body: { ticker, side: 'bid', price: '0.0400', count: '4.00' } },
    { operationId: 'amendOrderV2', relative: `/portfolio/events/orders/${id}/amend`, body: { ticker, side: 'bid', price: 'cheap', count: '4.00' } },
    { operationId: 'decreaseOrderV2', relative: `/portfolio/events/orders/${id}/decrease`, body: { reduce_by: '1.00' } },
    { operationId: 'decreaseOrderV2', relative: `/portfolio/events/orders/${id}/decrease`, body: { reduce_by: '-1.00' } },
    { operationId: 'cancelOrderV2', relative: `/portfolio/events/orders/${id}` },
    { operationId: 'cancelOrderV2', relative: `/portfolio/events/orders/${id}` }, // already cancelled
    { operationId: 'batchCancelOrdersV2', relative: '/portfolio/events/orders/batched', body: { orders: [{ order_id: batch.body.orders[0].order_id }, { order_id: 'missing' }] } },
    { operationId: 'batchCancelOrdersV2', relative: '/portfolio/events/orders/batched', body: { orders: 'all' } },
    { operationId: 'createOrderGroup', relative: '/portfolio/order_groups/create', body: { contracts_limit: -1 } },
    { operationId: 'updateOrderGroupLimit', relative: `/portfolio/order_groups/${gid}/limit`, body: { contracts_limit_fp: '20.00' } },
    { operationId: 'updateOrderGroupLimit', relative: `/portfolio/order_groups/${gid}/limit`, body: { contracts_limit_fp: 'many' } },
    { operationId: 'triggerOrderGroup', relative: `/portfolio/order_groups/${gid}/trigger`, body: {} },
    { operationId: 'resetOrderGroup', relative: `/portfolio/order_groups/${gid}/reset`, body: {} },
    { operationId: 'deleteOrderGroup', relative: `/portfolio/order_groups/${gid}` },
    { operationId: 'deleteOrderGroup', relative: `/portfolio/order_groups/${gid}` }, // already deleted
    { operationId: 'cancelAllOrders', relative: '/portfolio/events/orders' },
    { operationId: 'cancelAllOrders', relative: '/portfolio/events/orders?subaccount=1' },
  ];
  for (const write of writes) await call(fake, write);
}

const AUTH_FAILURES: Array<Call['sign']> = [
  { keyId: '00000000-0000-4000-8000-000000000000' },
  { timestamp: Date.now() - 60_000 },
  { omit: ['KALSHI-ACCESS-SIGNATURE'] },
  { signPath: '/portfolio/balance' },
];

/** Bad parameters, unknown ids and 401s (every cause on every operation, or one cause each in turn), wherever they apply. */
async function refuseEverything(fake: FakeKalshi, everyAuthFailure: boolean): Promise<void> {
  for (const [index, operationId] of operationIds.entries()) {
    const entry = operationTable[operationId];
    const path = pathsFor(fake, operationId)[0]!;
    const takes: readonly string[] = entry.queryParams;
    const bad = ['limit=0', 'limit=100000', 'subaccount=abc', 'subaccount=64', 'exchange_index=-1', 'min_ts=yesterday', 'count_filter=everything', 'status=pending', 'resting_margin_reservation=x'];
    for (const query of bad.filter((q) => takes.includes(q.split('=')[0]!))) await call(fake, { operationId, relative: `${path}?${query}` });
    if (entry.pathParams.length > 0) await call(fake, { operationId, relative: entry.path.replace(/\{[a-z_]+\}/, 'no-such-id') });
    if (entry.signed) {
      for (const sign of everyAuthFailure ? AUTH_FAILURES : [AUTH_FAILURES[index % AUTH_FAILURES.length]]) {
        await call(fake, { operationId, relative: path, sign, ...(entry.hasBody ? { body: {} } : {}) });
      }
    }
  }
}

async function withFake(options: FakeKalshiOptions, run: (fake: FakeKalshi) => Promise<void>): Promise<void> {
  const fake = await startFakeKalshi(options);
  try {
    await run(fake);
  } finally {
    await fake.close();
  }
}

export interface SweepOptions {
  seeds: number[];
  /** Pages followed per query (a cursor chain is cut there). */
  maxPages: number;
  /** Also read everything again with nothing archived and with everything archived, and try every 401 cause on every operation. */
  cutoffPasses: boolean;
  fills: number;
  /** Per-test timeout. */
  timeoutMs: number;
}

/** Registers the sweep's tests in the calling test file, then prints the counts and checks the coverage. */
export function describeRestSweep(options: SweepOptions): void {
  describe("every REST answer of the fake validates against Kalshi's OpenAPI 3.31.0", () => {
    it.each(options.seeds)('seed %i: every read with its pages, every write and every refusal', async (seed) => {
      await withFake({ seed, fills: options.fills, settlements: 40, marketPositions: 40 }, async (fake) => {
        await readEverything(fake, options.maxPages);
        await writeEverything(fake);
        await refuseEverything(fake, options.cutoffPasses);
        if (options.cutoffPasses) {
          fake.setHistoricalCutoff(null);
          await readEverything(fake, options.maxPages);
          fake.setHistoricalCutoff(fake.data.now + 86_400_000);
          await readEverything(fake, options.maxPages);
        }
      });
    }, options.timeoutMs);
    it('every operation forbidden (403)', async () => {
      await withFake({ seed: 7, fills: 30, forbidden: operationIds.filter((id) => operationTable[id].signed) }, async (fake) => {
        for (const operationId of operationIds.filter((id) => operationTable[id].signed)) {
          const answer = await call(fake, { operationId, relative: pathsFor(fake, operationId)[0]!, ...(operationTable[operationId].hasBody ? { body: {} } : {}) });
          expect(answer.status, operationId).toBe(403);
        }
      });
    });

    it('rate-limited (429) and faulted (429, nine kinds of 5xx, resets) answers', async () => {
      await withFake({ seed: 13, fills: 60, rateLimit: { tokensPerSecond: 1, capacity: 40 } }, async (fake) => {
        for (const operationId of operationIds) await call(fake, { operationId, relative: pathsFor(fake, operationId)[0]!, ...(operationTable[operationId].hasBody ? { body: {} } : {}) });
      });
      await withFake({ seed: 13, fills: 60, faults: { tooManyRequests: 0.15, serverErrors: 0.45, connectionResets: 0.05 } }, async (fake) => {
        for (let round = 0; round < 4; round++) {
          for (const operationId of operationIds) {
            await call(fake, { operationId, relative: pathsFor(fake, operationId)[0]!, ...(operationTable[operationId].hasBody ? { body: { allocations: [{ exchange_index: 0, percent: 100 }] } } : {}) });
          }
        }
      });
    }, options.timeoutMs);
  });

  afterAll(() => {
    const rows = operationIds.map((id) => {
      const t = tallies.get(id)!;
      return { operation: id, success: t.success, errors: t.errors, 'error status Kalshi does not list': t.unlistedErrorStatus, '5xx not JSON': t.notJson, '204 no content': t.noContent, reset: t.reset, statuses: [...t.statuses].sort().join(' ') };
    });
    const total = rows.reduce((sum, r) => sum + r.success + r.errors, 0);
    const sum = (key: keyof (typeof rows)[number]) => rows.reduce((s, r) => s + (r[key] as number), 0);
    console.log(
      `REST answers validated against Kalshi's OpenAPI 3.31.0: ${total} (${sum('success')} success, of which ${sum('204 no content')} a 204 without body; ${sum('errors')} error)`,
    );
    console.table(rows);
  });

  describe('the answer check refuses what it should (it can fail)', () => {
    it('no body only on a 204 Kalshi documents without content; not JSON only on a 5xx; a market short of a required field fails', () => {
      expect(() => checkAnswer('cancelAllOrders', 204, '{}', 'application/json')).toThrow(/204 carries a body/);
      expect(() => checkAnswer('getBalance', 204, '', null)).toThrow(/does not list/);
      expect(() => checkAnswer('cancelAllOrders', 200, '', null)).toThrow(/not JSON/);
      expect(() => checkAnswer('getBalance', 200, '<html>ok</html>', 'text/html')).toThrow(/not JSON/);
      const market = { ticker: 'KXHIGHNY-26NOV27-B45.5', event_ticker: 'KXHIGHNY-26NOV27', status: 'active', result: '', yes_bid_dollars: '0.5500', yes_ask_dollars: '0.5700', last_price_dollars: '0.5600' };
      expect(() => checkAnswer('getMarket', 200, JSON.stringify({ market }), 'application/json')).toThrow(/missingProperty.*market_type/);
    });
  });

  describe('coverage of the check above', () => {
    it('every operation had success and error bodies validated, and the faults showed every kind', () => {
      for (const id of operationIds) {
        const t = tallies.get(id)!;
        expect(t.success, `${id}: success bodies`).toBeGreaterThan(0);
        expect(t.errors, `${id}: error bodies`).toBeGreaterThan(0);
      }
      const statuses = new Set(operationIds.flatMap((id) => [...tallies.get(id)!.statuses]));
      expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503]));
      expect(operationIds.reduce((s, id) => s + tallies.get(id)!.notJson, 0)).toBeGreaterThan(0);
      expect(operationIds.filter((id) => tallies.get(id)!.noContent > 0), 'operations answered 204 without a body').toEqual(['cancelAllOrders']);

    });
  });
}

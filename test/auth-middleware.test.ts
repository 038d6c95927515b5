/**
 * `kalshiAuth`: the package's signer as an openapi-fetch middleware, for a plain
 * `createClient<paths>()` of the user's own. Every operation of the spec goes through it to the
 * fake, which answers 401 to any signature it cannot verify.
 */
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KalshiConfigError, kalshiAuth, operationTable, type OperationId, type paths } from '../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../src/testing/index.js';
import { rsaKeys, secretFragments } from './support/keys.js';
import { openMarket } from './orders-v2/support.js';

let fake: FakeKalshi;
beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 12, fills: 30 });
});
afterAll(() => fake.close());

const signedClient = () => createClient<paths>({ baseUrl: fake.baseUrl });

type Call = { path?: Record<string, string>; query?: Record<string, unknown>; body?: Record<string, unknown> };

/** A valid input for every operation: the `satisfies` makes a new operation fail to compile until it is listed. */
async function inputs(api: ReturnType<typeof signedClient>): Promise<Record<OperationId, Call>> {
  const resting = (await api.GET('/portfolio/orders', { params: { query: { status: 'resting', limit: 1 } } })).data!.orders[0]!.order_id;
  const group = (await api.GET('/portfolio/order_groups')).data!.order_groups![0]!.id;
  const subaccount = (await api.POST('/portfolio/subaccounts', { body: {} })).data!.subaccount_number;
  const ticker = openMarket(fake).ticker;
  // Bids far below the book rest, so each write below has an order of its own to act on.
  const order = () => ({ ticker, side: 'bid' as const, count: '5.00', price: '0.0200', time_in_force: 'good_till_canceled' as const, self_trade_prevention_type: 'taker_at_cross' as const, client_order_id: crypto.randomUUID() });
  const place = async () => (await api.POST('/portfolio/events/orders', { body: order() })).data!.order_id;
  const [amended, cancelled, batchCancelled] = [await place(), await place(), await place()];
  const newGroup = (await api.POST('/portfolio/order_groups/create', { body: { contracts_limit: 10 } })).data!.order_group_id;
  return {
    getBalance: {},
    getFills: { query: { limit: 5 } },
    getPortfolioRestingOrderTotalValue: {},
    getPositions: { query: { limit: 5 } },
    getSettlements: { query: { limit: 5 } },
    getDeposits: {},
    getWithdrawals: {},
    createSubaccount: { body: {} },
    getSubaccountBalances: {},
    getSubaccountNetting: {},
    updateSubaccountNetting: { body: { subaccount_number: subaccount, enabled: true } },
    getSubaccountTransfers: {},
    applySubaccountTransfer: { body: { client_transfer_id: crypto.randomUUID(), from_subaccount: 0, to_subaccount: subaccount, amount_cents: 1 } },
    intraExchangeInstanceTransfer: { body: { source: 'event_contract', destination: 'margined', amount: 100 } },
    getIntraExchangeInstanceTransfers: {},
    getIntraExchangeInstanceTransfer: { path: { transfer_id: fake.data.intraExchangeTransfers[0]!.transfer_id } },
    getTargetBalanceAllocation: {},
    setTargetBalanceAllocation: { body: { allocations: [{ exchange_index: 0, percent: 100 }] } },
    getOrders: { query: { limit: 5 } },
    getOrderQueuePositions: {},
    getOrder: { path: { order_id: resting } },
    getOrderQueuePosition: { path: { order_id: resting } },
    getOrderGroups: {},
    getOrderGroup: { path: { order_group_id: group } },
    getFillsHistorical: { query: { limit: 5 } },
    getHistoricalPositions: { query: { limit: 5 } },
    getHistoricalOrders: { query: { limit: 5 } },
    getHistoricalCutoff: {},
    getAccountApiLimits: {},
    getUserDataTimestamp: {},
    getMarket: { path: { ticker: fake.data.fills[0]!.ticker } },
    createOrderV2: { body: order() },
    batchCreateOrdersV2: { body: { orders: [order(), order()] } },
    amendOrderV2: { path: { order_id: amended }, body: { ticker, side: 'bid', price: '0.0300', count: '5.00' } },
    decreaseOrderV2: { path: { order_id: amended }, body: { reduce_by: '1.00' } },
    cancelOrderV2: { path: { order_id: cancelled } },
    batchCancelOrdersV2: { body: { orders: [{ order_id: batchCancelled }] } },
    createOrderGroup: { body: { contracts_limit: 10 } },
    updateOrderGroupLimit: { path: { order_group_id: newGroup }, body: { contracts_limit_fp: '20.00' } },
    triggerOrderGroup: { path: { order_group_id: newGroup }, body: {} },
    resetOrderGroup: { path: { order_group_id: newGroup }, body: {} },
    deleteOrderGroup: { path: { order_group_id: newGroup } },
    cancelAllOrders: {},
  } satisfies Record<OperationId, Call>;
}

describe('createClient<paths>().use(kalshiAuth(…)) against the fake', () => {
  it('calls every operation of the spec with signatures the fake verifies', async () => {
    const api = signedClient();
    api.use(kalshiAuth({ keyId: fake.keyId, privateKey: fake.privateKeyPem }));
    const calls = await inputs(api);
    expect(Object.keys(calls).sort()).toEqual(Object.keys(operationTable).sort());
    for (const [operationId, { path, query, body }] of Object.entries(calls) as [OperationId, Call][]) {
      const entry = operationTable[operationId];
      const before = fake.requests.length;
      const { response, error } = await api.request(entry.method.toLowerCase() as 'get', entry.path as never, { params: { path, query }, body } as never);
      expect(error, operationId).toBeUndefined();
      expect(response.ok, `${operationId}: HTTP ${response.status}`).toBe(true);
      const [seen] = fake.requests.slice(before);
      expect(seen, operationId).toMatchObject({ method: entry.method, outcome: 'ok' });
      if (entry.signed) expect(seen!.keyId, operationId).toBe(fake.keyId);
      // The public cutoff goes out unsigned, as createKalshiClient sends it.
      else expect([seen!.keyId, seen!.signature], operationId).toEqual([undefined, undefined]);
    }
  });

  it('signs the path with /trade-api/v2 and without the query: a wrong key is refused, no key is refused', async () => {
    const stranger = signedClient();
    stranger.use(kalshiAuth({ keyId: fake.keyId, privateKey: rsaKeys().pkcs8 }));
    expect((await stranger.GET('/portfolio/balance')).response.status).toBe(401);
    expect((await signedClient().GET('/portfolio/balance')).response.status).toBe(401);
    const signed = signedClient();
    signed.use(kalshiAuth({ keyId: fake.keyId, privateKey: fake.privateKeyPem }));
    const { response } = await signed.GET('/portfolio/fills', { params: { query: { limit: 2, ticker: 'KX Y/é' } } });
    expect(response.status).toBe(200);
  });

  it('refuses an unusable key id at once, and an unusable key with the first request, never echoing the key', async () => {
    expect(() => kalshiAuth({ keyId: '', privateKey: fake.privateKeyPem })).toThrow(KalshiConfigError);
    expect(() => kalshiAuth({ keyId: fake.keyId, privatekey: fake.privateKeyPem } as never)).toThrow(/did you mean "privateKey"/);
    const broken = signedClient();
    const pem = rsaKeys().pkcs8;
    const cut = pem.slice(0, pem.length / 2);
    broken.use(kalshiAuth({ keyId: fake.keyId, privateKey: cut }));
    const error = await broken.GET('/portfolio/balance').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KalshiConfigError);
    for (const fragment of secretFragments(pem)) expect(String((error as Error).message)).not.toContain(fragment);
  });
});

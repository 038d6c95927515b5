/**
 * Kalshi's own OpenAPI 3.31.0 as the oracle for the v2 writes: our spec describes the same
 * operations with the same request fields, what the fake answers validates against Kalshi's
 * schemas, and Kalshi's official SDK places and cancels orders against the fake.
 */
import { readFileSync } from 'node:fs';
import { Configuration, OrdersApi } from 'kalshi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationTable } from '../../src/index.js';
import { startFakeKalshi, type FakeKalshi } from '../../src/testing/index.js';
import { sendJson } from '../support/fake-http.js';
import { KALSHI_OPENAPI_FILE, kalshiRest, readUpstream } from '../support/upstream.js';
import { openMarket } from './support.js';

type Json = Record<string, any>;
const upstream: Json = readUpstream(KALSHI_OPENAPI_FILE);
const ours: Json = JSON.parse(readFileSync(new URL('../../generated/openapi.json', import.meta.url), 'utf8'));
// The conformance suite's loader: Kalshi's schemas with their document flaws handled in one place.
const kalshiSchema = (name: string) => kalshiRest().component(name);

const WRITES: Array<[string, string, string]> = [
  ['createOrderV2', 'CreateOrderV2', 'post /portfolio/events/orders'],
  ['cancelAllOrders', 'CancelAllOrders', 'delete /portfolio/events/orders'],
  ['batchCreateOrdersV2', 'BatchCreateOrdersV2', 'post /portfolio/events/orders/batched'],
  ['batchCancelOrdersV2', 'BatchCancelOrdersV2', 'delete /portfolio/events/orders/batched'],
  ['cancelOrderV2', 'CancelOrderV2', 'delete /portfolio/events/orders/{order_id}'],
  ['amendOrderV2', 'AmendOrderV2', 'post /portfolio/events/orders/{order_id}/amend'],
  ['decreaseOrderV2', 'DecreaseOrderV2', 'post /portfolio/events/orders/{order_id}/decrease'],
  ['createOrderGroup', 'CreateOrderGroup', 'post /portfolio/order_groups/create'],
  ['deleteOrderGroup', 'DeleteOrderGroup', 'delete /portfolio/order_groups/{order_group_id}'],
  ['resetOrderGroup', 'ResetOrderGroup', 'put /portfolio/order_groups/{order_group_id}/reset'],
  ['triggerOrderGroup', 'TriggerOrderGroup', 'put /portfolio/order_groups/{order_group_id}/trigger'],
  ['updateOrderGroupLimit', 'UpdateOrderGroupLimit', 'put /portfolio/order_groups/{order_group_id}/limit'],
];

const deref = (doc: Json, node: Json): Json => (node?.['$ref'] ? deref(doc, node['$ref'].slice(2).split('/').reduce((n: Json, k: string) => n[k], doc)) : node);
const bodyFields = (doc: Json, op: Json) => Object.keys(deref(doc, op['requestBody']?.content?.['application/json']?.schema ?? {})['properties'] ?? {}).sort();
const params = (doc: Json, op: Json) => (op['parameters'] ?? []).map((p: Json) => deref(doc, p)).map((p: Json) => `${p.in} ${p.name}`).sort();

describe('our spec and Kalshi\'s describe the same writes', () => {
  it.each(WRITES)('%s', (ourId, theirId, at) => {
    const [method, path] = at.split(' ') as [string, string];
    const mine = ours['paths'][path][method];
    const theirs = upstream['paths'][path][method];
    expect(mine.operationId).toBe(ourId);
    expect(theirs.operationId).toBe(theirId);
    expect(operationTable[ourId as keyof typeof operationTable]).toBeDefined();
    expect(bodyFields(ours, mine)).toEqual(bodyFields(upstream, theirs));
    expect(params(ours, mine)).toEqual(params(upstream, theirs));
    const success = (op: Json) => Object.keys(op.responses).filter((s) => /^2/.test(s));
    expect(success(mine)).toEqual(success(theirs));
  });
});

describe('the fake\'s answers validate against Kalshi\'s schemas', () => {
  let fake: FakeKalshi;
  let ticker: string;
  beforeAll(async () => {
    fake = await startFakeKalshi({ seed: 47 });
    ticker = openMarket(fake).ticker;
  });
  afterAll(() => fake.close());

  const expectKalshi = (schema: string, body: unknown) => {
    const validate = kalshiSchema(schema);
    expect(validate(body), `${schema}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(body)}`).toBe(true);
  };
  const order = (extra: Json = {}) => ({ ticker, side: 'bid', count: '12.00', price: '0.5600', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross', client_order_id: crypto.randomUUID(), ...extra });

  it('create, amend, decrease, cancel, batches and groups', async () => {
    const created = await sendJson(fake, '/portfolio/events/orders', { body: order() });
    expect(created.status).toBe(201);
    expectKalshi('CreateOrderV2Response', created.body);
    const id = created.body.order_id as string;
    const amended = await sendJson(fake, `/portfolio/events/orders/${id}/amend`, { body: { ticker, side: 'bid', price: '0.5000', count: '14.00' } });
    expect(amended.status).toBe(200);
    expectKalshi('AmendOrderV2Response', amended.body);
    const decreased = await sendJson(fake, `/portfolio/events/orders/${id}/decrease`, { body: { reduce_by: '1.00' } });
    expect(decreased.status).toBe(200);
    expectKalshi('DecreaseOrderV2Response', decreased.body);
    const cancelled = await sendJson(fake, `/portfolio/events/orders/${id}`, { method: 'DELETE' });
    expect(cancelled.status).toBe(200);
    expectKalshi('CancelOrderV2Response', cancelled.body);

    const batch = await sendJson(fake, '/portfolio/events/orders/batched', { body: { orders: [order({ price: '0.2000' }), order({ price: '0.5800', post_only: true })] } });
    expect(batch.status).toBe(201);
    expectKalshi('BatchCreateOrdersV2Response', batch.body);
    expect(batch.body.orders[1].error.code).toBe('post_only_cross');
    const batchCancel = await sendJson(fake, '/portfolio/events/orders/batched', { method: 'DELETE', body: { orders: [{ order_id: batch.body.orders[0].order_id }, { order_id: 'missing' }] } });
    expect(batchCancel.status).toBe(200);
    expectKalshi('BatchCancelOrdersV2Response', batchCancel.body);

    const group = await sendJson(fake, '/portfolio/order_groups/create', { body: { contracts_limit: 10 } });
    expect(group.status).toBe(201);
    expectKalshi('CreateOrderGroupResponse', group.body);
    const gid = group.body.order_group_id as string;
    for (const [path, method, body] of [
      [`/portfolio/order_groups/${gid}/limit`, 'PUT', { contracts_limit_fp: '20.00' }],
      [`/portfolio/order_groups/${gid}/trigger`, 'PUT', {}],
      [`/portfolio/order_groups/${gid}/reset`, 'PUT', {}],
      [`/portfolio/order_groups/${gid}`, 'DELETE', undefined],
    ] as const) {
      const answer = await sendJson(fake, path, { method, body });
      expect(answer.status, path).toBe(200);
      expectKalshi('EmptyResponse', answer.body);
    }
    const all = await fetch(`${fake.baseUrl}/portfolio/events/orders`, { method: 'DELETE', headers: (await import('../support/fake-http.js')).signedHeaders(fake, '/portfolio/events/orders', { method: 'DELETE' }) });
    expect(all.status).toBe(204);
    expect(await all.text()).toBe('');
  });

  it('Kalshi\'s official SDK places and cancels an order against the fake', async () => {
    const api = new OrdersApi(new Configuration({ apiKey: fake.keyId, privateKeyPem: fake.privateKeyPem, basePath: fake.baseUrl }));
    const placed = await api.createOrderV2(order({ price: '0.3000' }) as never);
    expect(placed.status).toBe(201);
    expectKalshi('CreateOrderV2Response', placed.data);
    const cancelled = await api.cancelOrderV2(placed.data.order_id);
    expect(cancelled.data).toMatchObject({ order_id: placed.data.order_id, reduced_by: '12.00' });
  });
});

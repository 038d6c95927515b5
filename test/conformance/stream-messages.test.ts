/**
 * Every message the fake sends on the WebSocket validates against Kalshi's AsyncAPI 2.0.0: the
 * replies (subscribed, ok, the list, unsubscribed, every error the commands can draw, the terminal
 * channel error) and the data (`fill`, `market_position`, `user_order`, `order_group_updates`),
 * over several connections, ticker filters and trades of both directions. Besides Kalshi's
 * schemas, each frame's envelope must be Kalshi's: no field at the top level (nor in an error's
 * `msg`) that Kalshi's message lacks — an error frame with a `sid` passes Kalshi's schema but is
 * not what Kalshi sends (facts file, "WebSocket").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeKalshi, type MarketInfo, startFakeKalshi } from '../../src/testing/index.js';
import { sendJson } from '../support/fake-http.js';
import { type Message, type StreamClient, connectStream, drain } from '../support/fake-stream.js';
import { kalshiStreamDocument } from '../support/upstream.js';
import { countBy, expectKalshiMessage } from './stream-support.js';

let fake: FakeKalshi;
const clients: StreamClient[] = [];
const validated: string[] = [];

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 29, fills: 40, streamPingMs: 0 });
});
afterAll(async () => {
  for (const client of clients) client.ws.terminate();
  await fake.close();
  console.log(`stream messages validated against Kalshi's AsyncAPI 2.0.0: ${validated.length}`, countBy(validated));
});

async function connect(): Promise<StreamClient> {
  const client = await connectStream(fake);
  clients.push(client);
  return client;
}

function openMarkets(): MarketInfo[] {
  const nowS = fake.data.now / 1000;
  return fake.data.markets.filter((m) => m.open_ts <= nowS && m.close_ts > nowS + 3_600);
}

function validateAll(messages: Message[]): void {
  for (const message of messages) validated.push(expectKalshiMessage(message));
}

describe("the fake's stream messages are Kalshi's (AsyncAPI 2.0.0)", () => {
  it('replies to commands and data from trades of both directions, on all four private channels', async () => {
    const all = await connect();
    const filtered = await connect();
    await all.command('subscribe', { channels: ['fill', 'market_positions', 'user_orders', 'order_group_updates'] }, 4);
    const markets = openMarkets().slice(0, 3);
    expect(markets.length).toBeGreaterThan(1);
    // Real tickers contain '.', which Kalshi's own ticker pattern forgets (patched in test/support/upstream.ts).
    await filtered.command('subscribe', { channels: ['fill', 'user_orders'], market_tickers: [markets[0]!.ticker] }, 2);
    await filtered.command('list_subscriptions');
    const sid = (filtered.messages.find((m) => m['type'] === 'subscribed' && m['msg']['channel'] === 'fill')!['msg'] as { sid: number }).sid;
    await filtered.command('update_subscription', { sids: [sid], action: 'add_markets', market_tickers: [markets[1]!.ticker] });
    await filtered.command('update_subscription', { sids: [sid], action: 'delete_markets', market_tickers: [markets[1]!.ticker] });
    await filtered.command('update_subscription', { sids: [sid], action: 'get_snapshot' });

    const pairs = [
      ['yes', 'bid'],
      ['no', 'ask'],
    ] as const;
    let trades = 0;
    for (const market of markets) {
      for (const [outcome_side, book_side] of pairs) {
        await fake.trade({ ticker: market.ticker, outcome_side, book_side, count_fp: `${1 + trades}.00`, price_dollars: '0.4200', is_taker: trades % 2 === 0 });
        trades++;
      }
    }
    await all.until((ms) => ms.filter((m) => m['type'] === 'user_order').length === trades, `${trades} user_order messages`);
    // Every order-group write the fake announces: created, limit_updated, triggered, reset, deleted.
    const group = await sendJson(fake, '/portfolio/order_groups/create', { body: { contracts_limit: 5 } });
    expect(group.status).toBe(201);
    const gid = group.body.order_group_id as string;
    for (const [path, method, body] of [
      [`/portfolio/order_groups/${gid}/limit`, 'PUT', { contracts_limit_fp: '3.00' }],
      [`/portfolio/order_groups/${gid}/trigger`, 'PUT', {}],
      [`/portfolio/order_groups/${gid}/reset`, 'PUT', {}],
      [`/portfolio/order_groups/${gid}`, 'DELETE', undefined],
    ] as const) {
      expect((await sendJson(fake, path, { method, body })).status, path).toBe(200);
    }
    await all.until((ms) => ms.filter((m) => m['type'] === 'order_group_updates').length === 5, 'five order_group_updates messages');
    await drain(filtered);
    await all.command('list_subscriptions');
    await all.command('unsubscribe', { sids: [1, 2] }, 2);
    validateAll(all.messages);
    validateAll(filtered.messages);
    expect(all.messages.filter((m) => m['type'] === 'fill')).toHaveLength(trades);
    expect(all.messages.filter((m) => m['type'] === 'market_position')).toHaveLength(trades);
    expect(all.messages.filter((m) => m['type'] === 'order_group_updates').map((m) => m['msg']['event_type'])).toEqual(['created', 'limit_updated', 'triggered', 'reset', 'deleted']);
  });

  it('user_order for order writes that do not fill: resting, amended, decreased, cancelled', async () => {
    const client = await connect();
    await client.command('subscribe', { channels: ['user_orders'] });
    const ticker = openMarkets()[0]!.ticker;
    const created = await sendJson(fake, '/portfolio/events/orders', {
      body: { ticker, side: 'bid', price: '0.2000', count: '3.00', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross', client_order_id: crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    const id = created.body.order_id as string;
    for (const [path, method, body] of [
      [`/portfolio/events/orders/${id}/amend`, 'POST', { ticker, side: 'bid', price: '0.2100', count: '4.00' }],
      [`/portfolio/events/orders/${id}/decrease`, 'POST', { reduce_by: '1.00' }],
      [`/portfolio/events/orders/${id}`, 'DELETE', undefined],
    ] as const) {
      expect((await sendJson(fake, path, { method, body })).status, path).toBe(200);
    }
    const mine = () => client.messages.filter((m) => m['type'] === 'user_order' && m['msg']['order_id'] === id);
    await client.until(() => mine().length === 4, 'four user_order messages');
    validateAll(mine());
    expect(mine().map((m) => [m['msg']['status'], m['msg']['yes_price_dollars'], m['msg']['remaining_count_fp']])).toEqual([
      ['resting', '0.2000', '3.00'],
      ['resting', '0.2100', '4.00'],
      ['resting', '0.2100', '3.00'],
      ['canceled', '0.2100', '0.00'],
    ]);
  });

  it('every error a command can draw', async () => {
    const client = await connect();
    await client.command('subscribe', { channels: ['fill'] });
    const refused: Array<[string, object | undefined]> = [
      ['subscribe', { channels: ['fill'] }], // 6
      ['subscribe', { channels: [] }], // 3
      ['subscribe', { channels: ['orderbook_delta_typo'] }], // 8
      ['subscribe', { channels: ['user_orders'], market_tickers: 'ONE' }], // 11
      ['subscribe', undefined], // 2
      ['unsubscribe', { sids: [] }], // 4
      ['unsubscribe', { sids: [99] }], // 7
      ['unsubscribe', { sids: ['one'] }], // 11
      ['update_subscription', { sids: [1, 2], action: 'add_markets' }], // 12
      ['update_subscription', { sids: [1] }], // 15
      ['update_subscription', { sids: [1], action: 'rename' }], // 13
      ['update_subscription', { sids: [1], action: 'add_markets' }], // 14
      ['update_subscription', { sids: [77], action: 'get_snapshot' }], // 7
      ['dance', {}], // 5
    ];
    const codes: number[] = [];
    for (const [cmd, params] of refused) {
      const [reply] = await client.command(cmd, params);
      expect(reply!['type'], `${cmd} ${JSON.stringify(params)}`).toBe('error');
      codes.push(reply!['msg']['code'] as number);
    }
    client.send('{not json');
    client.send('[1,2]');
    await drain(client);
    expect(new Set(codes)).toEqual(new Set([2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15]));
    validateAll(client.messages);
  });

  it("its keep-alive pings carry the body of Kalshi's ping", async () => {
    const pinging = await startFakeKalshi({ seed: 29, fills: 5, streamPingMs: 40 });
    try {
      const client = await connectStream(pinging);
      await client.until(() => client.pings.length >= 2, 'two pings');
      client.ws.terminate();
      const ping = kalshiStreamDocument().document['components']['messages']['outgoingPing']['payload'];
      for (const body of client.pings) expect(body).toBe(ping['const']);
    } finally {
      await pinging.close();
    }
  });

  it('a subscription that ends on the server side (terminal channel error) is reported as Kalshi does, without a sid', async () => {
    const client = await connect();
    await client.command('subscribe', { channels: ['fill', 'market_positions'] }, 2);
    const before = client.messages.length;
    fake.breakSubscriptions(10);
    await client.until((ms) => ms.slice(before).filter((m) => m['type'] === 'error').length === 2, 'two terminal errors');
    const errors = client.messages.slice(before).filter((m) => m['type'] === 'error');
    for (const error of errors) expect(error['msg']['code']).toBe(10);
    validateAll(errors);
  });
});

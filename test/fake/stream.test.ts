/**
 * The fake's WebSocket (/trade-api/ws/v2), from the outside: the signed handshake and its probe,
 * the four commands and their errors, trades pushed consistently with the REST views, the ticker
 * filter, the seeded stream faults, injected channel errors, and a close that leaves nothing
 * running. The client is the `ws` package; messages are checked against generated/asyncapi.json.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createAjv } from '../../scripts/lib/ajv.js';
import { type FakeKalshi, type FakeKalshiOptions, type MarketInfo, startFakeKalshi } from '../../src/testing/index.js';
import { getJson, signedHeaders } from '../support/fake-http.js';
import {
  type Message, type StreamClient, attemptHandshake, connectStream, dataMessages, drain, handshakeHeaders,
} from '../support/fake-stream.js';

const asyncapi = JSON.parse(readFileSync(new URL('../../generated/asyncapi.json', import.meta.url), 'utf8'));
const ajv = createAjv({ strict: false });
ajv.addSchema({ $id: 'https://fake.test/asyncapi', components: { schemas: asyncapi.components.schemas } });

/** Fails unless `message` fits the spec's schema `name`. */
function expectSchema(name: string, message: unknown): void {
  const validate = ajv.getSchema(`https://fake.test/asyncapi#/components/schemas/${name}`)!;
  expect(validate(message), `${name}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(message)}`).toBe(true);
}

const SCHEMA_OF: Record<string, string> = {
  fill: 'FillMessage', market_position: 'MarketPositionMessage', user_order: 'UserOrderMessage',
  subscribed: 'SubscribedReply', ok: 'OkReply', unsubscribed: 'UnsubscribedReply', error: 'ErrorReply',
};

function expectAllFitTheSpec(messages: Message[]): void {
  for (const m of messages) expectSchema(SCHEMA_OF[m['type']]!, m);
}

const fakes: FakeKalshi[] = [];
const clients: StreamClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.ws.terminate();
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function fake(options: FakeKalshiOptions = {}): Promise<FakeKalshi> {
  const started = await startFakeKalshi({ seed: 11, fills: 60, ...options });
  fakes.push(started);
  return started;
}

async function connect(target: FakeKalshi, channels?: string[], marketTickers?: string[]): Promise<StreamClient> {
  const client = await connectStream(target);
  clients.push(client);
  if (channels) await client.command('subscribe', marketTickers ? { channels, market_tickers: marketTickers } : { channels }, channels.length);
  return client;
}

const HOUR_S = 3_600;

/** Markets open at the data's "now" and for an hour more (a test's runtime clock moves a few seconds). */
function openMarkets(target: FakeKalshi): MarketInfo[] {
  const nowS = target.data.now / 1000;
  return target.data.markets.filter((m) => m.open_ts <= nowS && m.close_ts > nowS + HOUR_S);
}

/** An open market where subaccount 0 already holds a position. */
function heldMarket(target: FakeKalshi): string {
  const open = new Set(openMarkets(target).map((m) => m.ticker));
  const entry = target.data.marketPositions.find((e) => e.subaccount === 0 && open.has(e.position.ticker));
  if (!entry) throw new Error('the seed has no open market with a position of subaccount 0');
  return entry.position.ticker;
}

/** An open market where subaccount 0 holds nothing yet. */
function freshMarket(target: FakeKalshi): MarketInfo {
  const held = new Set(target.data.marketPositions.filter((e) => e.subaccount === 0).map((e) => e.position.ticker));
  const market = openMarkets(target).find((m) => !held.has(m.ticker));
  if (!market) throw new Error('the seed has no open market without a position of subaccount 0');
  return market;
}

async function restPosition(target: FakeKalshi, ticker: string) {
  const { body } = await getJson(target, `/portfolio/positions?ticker=${ticker}`);
  return body.market_positions[0] as Record<string, any> | undefined;
}

const buyYes = (ticker: string, count_fp = '3.00', price_dollars = '0.4200') =>
  ({ ticker, outcome_side: 'yes', book_side: 'bid', count_fp, price_dollars }) as const;

describe('the handshake', () => {
  it('a good signature opens the stream; every attempt is recorded', async () => {
    const f = await fake();
    expect(f.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/trade-api\/ws\/v2$/);
    expect(new URL(f.wsUrl).port).toBe(new URL(f.baseUrl).port);
    expect(await attemptHandshake(f.wsUrl, handshakeHeaders(f))).toEqual({ opened: true });
    expect(await attemptHandshake(f.wsUrl, handshakeHeaders(f, { omit: ['KALSHI-ACCESS-SIGNATURE'] }))).toMatchObject({ opened: false, status: 401 });
    expect(f.streamHandshakes.map(({ accepted, status }) => ({ accepted, status }))).toEqual([
      { accepted: true, status: 101 },
      { accepted: false, status: 401 },
    ]);
    expect(f.streamHandshakes.every((h) => Math.abs(h.at - Date.now()) < 10_000)).toBe(true);
  });

  it('refuses a bad handshake with the REST 401 (same four bodies), and no upgrade', async () => {
    const f = await fake();
    const other = await f.addKey();
    const cases = [
      { name: 'missing header', ws: { omit: ['KALSHI-ACCESS-TIMESTAMP'] as const }, rest: { omit: ['KALSHI-ACCESS-TIMESTAMP'] as const } },
      { name: 'unknown key', ws: { keyId: randomUUID() }, rest: { keyId: randomUUID() } },
      { name: 'stale timestamp', ws: { timestamp: Date.now() - 60_000 }, rest: { timestamp: Date.now() - 60_000 } },
      { name: 'signed by another key', ws: { privateKeyPem: other.privateKeyPem }, rest: { privateKeyPem: other.privateKeyPem } },
      { name: 'signed over the REST path', ws: { signPath: '/trade-api/v2/portfolio/balance' }, rest: { signPath: '/trade-api/ws/v2' } },
    ];
    for (const c of cases) {
      const refused = await attemptHandshake(f.wsUrl, handshakeHeaders(f, { ...c.ws, omit: c.ws.omit ? [...c.ws.omit] : undefined }));
      const rest = await getJson(f, '/portfolio/balance', { ...c.rest, omit: c.rest.omit ? [...c.rest.omit] : undefined });
      expect(rest.status, c.name).toBe(401);
      expect(refused, c.name).toEqual({ opened: false, status: 401, body: rest.body });
    }
    const codes = f.streamHandshakes.map((h) => [h.accepted, h.status]);
    expect(codes).toEqual(cases.map(() => [false, 401]));
  });

  it('an upgrade to another path is 404 on the handshake itself; a plain GET of the stream path gets no special answer', async () => {
    const f = await fake();
    const elsewhere = f.wsUrl.replace('/trade-api/ws/v2', '/trade-api/ws/v3');
    expect(await attemptHandshake(elsewhere, handshakeHeaders(f))).toMatchObject({ opened: false, status: 404, body: { error: { code: 'not_found' } } });
    // Kalshi documents no answer for a plain GET of the WebSocket path: the fake has no route there.
    const plain = await fetch(f.wsUrl.replace(/^ws:/, 'http:'), { headers: handshakeHeaders(f) });
    expect(plain.status).toBe(404);
    expect(plain.headers.get('upgrade')).toBeNull();
    expect(f.streamHandshakes.map((h) => h.status)).toEqual([404]);
  });
});

describe('commands', () => {
  it('subscribe answers one `subscribed` per channel, sids from 1 on each connection; 6 when already subscribed', async () => {
    const f = await fake();
    const client = await connect(f);
    const first = await client.command('subscribe', { channels: ['fill', 'market_positions'] }, 2);
    expect(first).toEqual([
      { id: first[0]!['id'], type: 'subscribed', msg: { channel: 'fill', sid: 1 } },
      { id: first[0]!['id'], type: 'subscribed', msg: { channel: 'market_positions', sid: 2 } },
    ]);
    const again = await client.command('subscribe', { channels: ['fill', 'user_orders'] }, 2);
    expect(again[0]).toMatchObject({ type: 'error', msg: { code: 6 } });
    expect(again[1]).toMatchObject({ type: 'subscribed', msg: { channel: 'user_orders', sid: 3 } });
    const second = await connect(f);
    expect(await second.command('subscribe', { channels: ['user_orders'] })).toMatchObject([{ msg: { channel: 'user_orders', sid: 1 } }]);
    expectAllFitTheSpec([...client.messages, ...second.messages]);
  });

  it('refuses bad commands with Kalshi\'s codes, and changes nothing', async () => {
    const f = await fake();
    const client = await connect(f, ['fill']);
    const code = async (cmd: string, params?: object) => (await client.command(cmd, params))[0]!['msg']['code'];
    expect(await code('subscribe')).toBe(2);
    expect(await code('subscribe', {})).toBe(3);
    expect(await code('subscribe', { channels: [] })).toBe(3);
    expect(await code('subscribe', { channels: ['user_orders', 'orderbook_delta'] })).toBe(8);
    expect(await code('subscribe', { channels: ['user_orders'], market_tickers: [7] })).toBe(11);
    expect(await code('subscribe_all', {})).toBe(5);
    expect(await code('unsubscribe', {})).toBe(4);
    expect(await code('unsubscribe', { sids: [99] })).toBe(7);
    expect(await code('update_subscription', { sids: [1, 2], action: 'add_markets', market_tickers: ['X'] })).toBe(12);
    expect(await code('update_subscription', { action: 'add_markets' })).toBe(12);
    expect(await code('update_subscription', { sids: [1] })).toBe(15);
    expect(await code('update_subscription', { sids: [1], action: 'replace_markets' })).toBe(13);
    expect(await code('update_subscription', { sids: [9], action: 'get_snapshot' })).toBe(7);
    expect(await code('update_subscription', { sids: [1], action: 'add_markets' })).toBe(14);
    expect(await code('update_subscription', { sids: [1], action: 'delete_markets', market_tickers: ['X'] })).toBe(11);

    client.send('not json');
    client.send('[1, 2]');
    await client.until((ms) => ms.filter((m) => m['type'] === 'error' && m['id'] === undefined).length === 2, 'two unreadable-command errors');
    expect(client.messages.filter((m) => m['id'] === undefined).map((m) => m['msg']['code'])).toEqual([1, 1]);

    const [listed] = await client.command('list_subscriptions');
    expect(listed).toEqual({ id: listed!['id'], type: 'ok', msg: [{ channel: 'fill', sid: 1 }] });
    expectAllFitTheSpec(client.messages);
  });

  it('unsubscribe, update_subscription and list_subscriptions answer as Kalshi does', async () => {
    const f = await fake();
    const client = await connect(f, ['fill', 'market_positions', 'user_orders'], ['A']);
    const [updated] = await client.command('update_subscription', { sids: [2], action: 'add_markets', market_tickers: ['B'] });
    expect(updated).toEqual({ id: updated!['id'], type: 'ok', sid: 2, seq: 2 });
    const [snapshot] = await client.command('update_subscription', { sids: [2], action: 'get_snapshot' });
    expect(snapshot).toMatchObject({ type: 'ok', sid: 2, seq: 3 });
    const gone = await client.command('unsubscribe', { sids: [1, 3, 8] }, 3);
    expect(gone).toEqual([
      { id: gone[0]!['id'], type: 'unsubscribed', sid: 1, seq: 2 },
      { id: gone[0]!['id'], type: 'unsubscribed', sid: 3, seq: 2 },
      { id: gone[0]!['id'], type: 'error', msg: { code: 7, msg: expect.any(String) } },
    ]);
    expect((await client.command('list_subscriptions'))[0]!['msg']).toEqual([{ channel: 'market_positions', sid: 2 }]);
    // A channel unsubscribed can be subscribed again, under a new sid.
    expect(await client.command('subscribe', { channels: ['fill'] })).toMatchObject([{ type: 'subscribed', msg: { channel: 'fill', sid: 4 } }]);
    expectAllFitTheSpec(client.messages);
  });
});

describe('trades', () => {
  it('trade() pushes a fill, a position and an order that agree with GET /portfolio/fills and /portfolio/positions', async () => {
    const f = await fake();
    const ticker = heldMarket(f);
    const before = await restPosition(f, ticker);
    const client = await connect(f, ['fill', 'market_positions', 'user_orders']);
    const fill = await f.trade(buyYes(ticker));
    await client.until((ms) => dataMessages(ms).length === 3, 'three data messages');
    const [pushedFill, pushedPosition, pushedOrder] = dataMessages(client.messages);
    expectAllFitTheSpec(client.messages);

    const { body: fills } = await getJson(f, '/portfolio/fills?limit=1');
    expect(fills.fills[0]).toEqual(fill);
    const after = await restPosition(f, ticker);
    expect(BigInt(after!['position_fp'].replace('.', '')) - BigInt(before!['position_fp'].replace('.', ''))).toBe(300n);

    expect(pushedFill).toEqual({ type: 'fill', sid: 1, msg: expect.objectContaining({
      trade_id: fill.trade_id, order_id: fill.order_id, market_ticker: ticker, count_fp: '3.00', yes_price_dollars: '0.4200',
      outcome_side: 'yes', book_side: 'bid', side: 'yes', action: 'buy', is_taker: true, fee_cost: fill.fee_cost, ts: fill.ts,
      post_position_fp: after!['position_fp'], purchased_side: 'yes',
    }) });
    expect(Math.floor(pushedFill!['msg']['ts_ms'] / 1000)).toBe(fill.ts);
    expect(pushedFill!['msg']['ts_ms']).toBe(Math.floor(Date.parse(fill.created_time) ));
    expect(pushedPosition).toEqual({ type: 'market_position', sid: 2, msg: expect.objectContaining({
      market_ticker: ticker, position_fp: after!['position_fp'], fees_paid_dollars: after!['fees_paid_dollars'],
      realized_pnl_dollars: after!['realized_pnl_dollars'],
    }) });
    expect(pushedOrder).toEqual({ type: 'user_order', sid: 3, msg: expect.objectContaining({
      order_id: fill.order_id, ticker, status: 'executed', fill_count_fp: '3.00', remaining_count_fp: '0.00', initial_count_fp: '3.00',
      yes_price_dollars: '0.4200', taker_fill_cost_dollars: '1.2600', created_ts_ms: pushedFill!['msg']['ts_ms'],
    }) });
    expect(pushedOrder!['msg']['user_id']).toBe(pushedPosition!['msg']['user_id']);
    // The cost basis grew by what the contracts cost: 3 × $0.42.
    expect(after!['market_exposure_dollars']).not.toBe(before!['market_exposure_dollars']);
  });

  it('positions move by the rule: a yes fill (bought YES or sold NO) adds, a no fill (sold YES or bought NO) takes away', async () => {
    const f = await fake();
    const market = freshMarket(f);
    // Kalshi pairs yes with bid and no with ask only; the action named is what was clicked.
    const steps = [
      { outcome_side: 'yes', book_side: 'bid', action: 'buy', expected: '2.00' },
      { outcome_side: 'yes', book_side: 'bid', action: 'sell', expected: '4.00' },
      { outcome_side: 'no', book_side: 'ask', action: 'sell', expected: '2.00' },
      { outcome_side: 'no', book_side: 'ask', action: 'buy', expected: '0.00' },
      { outcome_side: 'no', book_side: 'ask', action: 'buy', expected: '-2.00' },
    ] as const;
    const client = await connect(f, ['fill', 'market_positions']);
    for (const { outcome_side, book_side, action, expected } of steps) {
      await f.trade({ ticker: market.ticker, outcome_side, book_side, action, count_fp: '2.00', price_dollars: '0.3000' });
      expect((await restPosition(f, market.ticker))!['position_fp'], `${outcome_side} ${book_side}`).toBe(expected);
    }
    await drain(client);
    expect(dataMessages(client.messages, 'fill').map((m) => m['msg']['post_position_fp'])).toEqual(steps.map((s) => s.expected));
    expect(dataMessages(client.messages, 'market_position').map((m) => m['msg']['position_fp'])).toEqual(steps.map((s) => s.expected));
    // Opened at $0.30 a YES ($0.60 for two), added two more by selling NO at $0.70 (= YES at $0.30),
    // closed two at $0.30 and two against NO bought at $0.70 (both flat), then bought two NO at $0.70.
    const last = dataMessages(client.messages, 'market_position').at(-1)!['msg'];
    expect(last).toMatchObject({ position_cost_dollars: '1.4000', realized_pnl_dollars: '0.0000', volume_fp: '10.00' });
    // A market the account did not hold joins the positions (and its event's aggregate).
    const { body } = await getJson(f, `/portfolio/positions?event_ticker=${market.event_ticker}`);
    expect(body.market_positions.map((p: any) => p.ticker)).toContain(market.ticker);
    expect(body.event_positions).toHaveLength(1);
    expect(f.data.liveMarketPositions.some((e) => e.position.ticker === market.ticker && e.subaccount === 0)).toBe(true);
  });

  it('runtime fills are newer than every seeded one, in order, and found by min_ts, max_ts, ticker and cursors', async () => {
    const f = await fake();
    const newestSeeded = Date.parse(f.data.fills[0]!.created_time);
    const tickers = openMarkets(f).slice(0, 3).map((m) => m.ticker);
    const made: Array<Awaited<ReturnType<FakeKalshi['trade']>>> = [];
    for (let i = 0; i < 12; i++) made.push(await f.trade(buyYes(tickers[i % 3]!, '1.00', '0.5500')));
    const times = made.map((fill) => fill.created_time);
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(Date.parse(made[0]!.created_time)).toBeGreaterThanOrEqual(newestSeeded);
    expect(made[0]!.ts).toBeGreaterThanOrEqual(Math.floor(f.data.now / 1000));

    const since = await getJson(f, `/portfolio/fills?min_ts=${made[0]!.ts}&limit=1000`);
    expect(since.body.fills.slice(0, 12).map((x: any) => x.trade_id)).toEqual(made.map((x) => x.trade_id).reverse());
    const mine = await getJson(f, `/portfolio/fills?ticker=${tickers[1]}&min_ts=${made[0]!.ts}`);
    expect(mine.body.fills.map((x: any) => x.trade_id)).toEqual(made.filter((_, i) => i % 3 === 1).map((x) => x.trade_id).reverse());
    const before = await getJson(f, `/portfolio/fills?max_ts=${made[0]!.ts - 1}&limit=1000`);
    expect(before.body.fills.some((x: any) => made.some((m) => m.trade_id === x.trade_id))).toBe(false);

    const walked: string[] = [];
    let cursor = '';
    do {
      const page = await getJson(f, `/portfolio/fills?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.body.fills.map((x: any) => x.trade_id));
      cursor = page.body.cursor;
    } while (cursor);
    expect(walked).toEqual(f.data.liveFills.map((x) => x.trade_id));
    expect(walked.slice(0, 12)).toEqual(made.map((x) => x.trade_id).reverse());
  });

  it('the same trades on the same seed get the same ids; a refused trade changes nothing', async () => {
    const [a, b] = [await fake({ seed: 4 }), await fake({ seed: 4 })];
    const ticker = heldMarket(a);
    const ids = async (target: FakeKalshi) => [(await target.trade(buyYes(ticker))).trade_id, (await target.trade(buyYes(ticker, '1.50'))).order_id];
    expect(await ids(a)).toEqual(await ids(b));

    const closed = a.data.markets.find((m) => m.close_ts < a.data.now / 1000)!;
    const refusals: Array<[string, object]> = [
      ['unknown market', buyYes('KXNOPE-26DEC31-T1')],
      ['closed market', buyYes(closed.ticker)],
      ['outcome side', { ...buyYes(ticker), outcome_side: 'maybe' }],
      ['book side', { ...buyYes(ticker), book_side: 'buy' }],
      ['zero count', buyYes(ticker, '0.00')],
      ['count garbage', buyYes(ticker, 'three')],
      ['price of a dollar', buyYes(ticker, '1.00', '1.0000')],
      ['price of nothing', buyYes(ticker, '1.00', '0')],
      ['price finer than a centi-cent', buyYes(ticker, '1.00', '0.42001')],
    ];
    const fillsBefore = a.data.fills.length;
    const positionBefore = await restPosition(a, ticker);
    for (const [name, input] of refusals) {
      await expect(a.trade(input as never), name).rejects.toThrow(RangeError);
    }
    await expect(a.trade(buyYes('KXNOPE-26DEC31-T1'))).rejects.toThrow(/unknown market "KXNOPE-26DEC31-T1"/);
    await expect(a.trade(buyYes(closed.ticker))).rejects.toThrow(/is not open/);
    expect(a.data.fills.length).toBe(fillsBefore);
    expect(await restPosition(a, ticker)).toEqual(positionBefore);
    // Refusals use no ids: the next trade matches the other fake's.
    expect((await a.trade(buyYes(ticker))).trade_id).toBe((await b.trade(buyYes(ticker))).trade_id);
  });

  it('market_tickers filter every channel; update_subscription changes the filter', async () => {
    const f = await fake();
    const [x, y] = openMarkets(f).map((m) => m.ticker);
    const client = await connect(f, ['fill', 'market_positions', 'user_orders'], [x!]);
    const everything = await connect(f, ['fill']);
    await f.trade(buyYes(y!));
    await drain(client);
    expect(dataMessages(client.messages)).toEqual([]);
    await f.trade(buyYes(x!));
    await drain(client);
    expect(dataMessages(client.messages).map((m) => [m['type'], m['msg']['market_ticker'] ?? m['msg']['ticker']])).toEqual([
      ['fill', x], ['market_position', x], ['user_order', x],
    ]);
    await client.command('update_subscription', { sids: [1], action: 'add_markets', market_tickers: [y] });
    await client.command('update_subscription', { sids: [2], action: 'delete_markets', market_tickers: [x] });
    await f.trade(buyYes(y!));
    await f.trade(buyYes(x!));
    await drain(client);
    expect(dataMessages(client.messages).slice(3).map((m) => [m['type'], m['msg']['market_ticker'] ?? m['msg']['ticker']])).toEqual([
      ['fill', y], ['fill', x], ['user_order', x],
    ]);
    await drain(everything);
    expect(dataMessages(everything.messages)).toHaveLength(4);
  });
});

describe('stream faults', () => {
  async function lostRun(seed: number): Promise<{ received: string[]; made: string[] }> {
    const f = await fake({ seed, faults: { streamLostMessages: 0.3 } });
    const ticker = heldMarket(f);
    const client = await connect(f, ['fill', 'user_orders']);
    const made: string[] = [];
    for (let i = 0; i < 200; i++) made.push((await f.trade(buyYes(ticker, '1.00'))).trade_id);
    await drain(client);
    const { body } = await getJson(f, `/portfolio/fills?ticker=${ticker}&limit=1000`);
    // The data still changed: REST has every trade, lost or not.
    expect(made.every((id) => body.fills.some((x: any) => x.trade_id === id))).toBe(true);
    expect(client.messages.filter((m) => m['type'] === 'subscribed')).toHaveLength(2);
    return { received: dataMessages(client.messages, 'fill').map((m) => m['msg']['trade_id']), made };
  }

  it('streamLostMessages drops about that share of data messages, the same ones for the same seed', async () => {
    const first = await lostRun(21);
    expect(first.received.length).toBeGreaterThan(200 * 0.7 - 30);
    expect(first.received.length).toBeLessThan(200 * 0.7 + 30);
    expect(first.received.every((id) => first.made.includes(id))).toBe(true);
    const again = await lostRun(21);
    expect(again.received).toEqual(first.received);
  });

  it('streamDropEveryMs ends each connection abruptly that long after it opened', async () => {
    const f = await fake({ faults: { streamDropEveryMs: 300 } });
    const started = Date.now();
    const client = await connect(f, ['fill']);
    const { code, at } = await client.closed;
    expect(code).toBe(1006);
    expect(at - started).toBeGreaterThanOrEqual(290);
    expect(at - started).toBeLessThan(5_000);
    const next = await connect(f, ['fill']);
    expect((await next.closed).code).toBe(1006);
    expect(f.streamHandshakes.filter((h) => h.accepted)).toHaveLength(2);
  });

  it('streamStall: after afterMs the connection answers nothing (commands, pings, data) and does not close', async () => {
    const f = await fake({ faults: { streamStall: { afterMs: 1_000 } }, streamPingMs: 100 });
    const ticker = heldMarket(f);
    const started = Date.now();
    const client = await connect(f, ['fill']);
    const pong = (waitMs: number) => new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      client.ws.once('pong', () => {
        clearTimeout(timer);
        resolve(true);
      });
      client.ws.ping('are you there');
    });
    expect(await pong(900)).toBe(true);
    await client.until(() => client.pings.length > 0, 'a ping from the server');
    await new Promise((resolve) => setTimeout(resolve, started + 1_200 - Date.now()));
    const pingsAtStall = client.pings.length;
    const seen = client.messages.length;
    await f.trade(buyYes(ticker));
    client.send({ id: 1, cmd: 'list_subscriptions' });
    expect(await pong(500)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.messages).toHaveLength(seen);
    expect(client.pings).toHaveLength(pingsAtStall);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    // The rest of the fake is fine: a new connection works (and stalls in its turn).
    const next = await connect(f, ['fill']);
    expect(next.messages).toHaveLength(1);
  });

  it('streamStall.share picks the stalled connections from the seed', async () => {
    const f = await fake({ faults: { streamStall: { afterMs: 0, share: 0.5 } } });
    const clientsOpened = await Promise.all(Array.from({ length: 8 }, () => connect(f)));
    for (const client of clientsOpened) client.send({ id: 1, cmd: 'list_subscriptions' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answered = clientsOpened.map((client) => client.messages.length === 1);
    expect(answered).toContain(true);
    expect(answered).toContain(false);
  });

  it('pings every streamPingMs with the body "heartbeat"', async () => {
    const f = await fake({ streamPingMs: 50 });
    const client = await connect(f);
    await client.until(() => client.pings.length >= 3, 'three pings');
    expect(new Set(client.pings)).toEqual(new Set(['heartbeat']));
  });

  it('breakSubscriptions sends a terminal error per subscription in Kalshi\'s shape (no sid), and no data follows until a new subscribe', async () => {
    const f = await fake();
    const ticker = heldMarket(f);
    const client = await connect(f, ['fill', 'market_positions']);
    const other = await connect(f, ['user_orders']);
    f.breakSubscriptions();
    await client.until((ms) => ms.filter((m) => m['type'] === 'error').length === 2, 'two channel errors');
    expect(client.messages.filter((m) => m['type'] === 'error')).toEqual([
      { type: 'error', msg: { code: 10, msg: expect.any(String) } },
      { type: 'error', msg: { code: 10, msg: expect.any(String) } },
    ]);
    await f.trade(buyYes(ticker));
    await drain(client);
    expect(dataMessages(client.messages)).toEqual([]);
    expect((await client.command('list_subscriptions'))[0]!['msg']).toEqual([]);
    expect(await client.command('subscribe', { channels: ['fill'] })).toMatchObject([{ msg: { sid: 3 } }]);
    await f.trade(buyYes(ticker));
    await client.until((ms) => dataMessages(ms).length === 1, 'a fill after subscribing again');
    await other.command('subscribe', { channels: ['user_orders'] });
    f.breakSubscriptions(17);
    await other.until((ms) => ms.some((m) => m['type'] === 'error' && m['msg']['code'] === 17), 'code 17');
    expect(() => f.breakSubscriptions(0)).toThrow(RangeError);
    expectAllFitTheSpec([...client.messages, ...other.messages]);
    expect(f.streamHandshakes.filter((h) => h.accepted)).toHaveLength(2);
  });
});

describe('Kalshi\'s shapes and lag', () => {
  it('breakSubscriptions inAnswerToNextCommand: one terminal error carrying the next command\'s id, in place of its reply', async () => {
    const f = await fake();
    const client = await connect(f, ['fill', 'user_orders']);
    f.breakSubscriptions(25, { inAnswerToNextCommand: true });
    const [answer] = await client.command('list_subscriptions');
    expect(answer).toEqual({ id: answer!['id'], type: 'error', msg: { code: 25, msg: expect.any(String) } });
    expect((await client.command('list_subscriptions'))[0]!['msg']).toEqual([]);
    expectAllFitTheSpec([answer!]);
  });

  it('faults.restLagMs: a trade is on the stream at once, in REST fills and orders only that much later, and user_data_timestamp says so', async () => {
    const f = await fake({ faults: { restLagMs: 400 } });
    const client = await connect(f, ['fill']);
    const made = await f.trade(buyYes(heldMarket(f)));
    await client.until((ms) => dataMessages(ms, 'fill').length === 1, 'the fill on the stream');
    const restFills = async () => (await getJson(f, '/portfolio/fills?limit=1000')).body.fills.map((x: { trade_id: string }) => x.trade_id);
    const restOrders = async () => (await getJson(f, '/portfolio/orders?limit=1000')).body.orders.map((x: { order_id: string }) => x.order_id);
    const asOf = async () => Date.parse((await getJson(f, '/exchange/user_data_timestamp')).body.as_of_time);
    expect(await restFills()).not.toContain(made.trade_id);
    expect(await restOrders()).not.toContain(made.order_id);
    expect(await asOf()).toBeLessThan(Date.parse(made.created_time));
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await restFills()).toContain(made.trade_id);
    expect(await restOrders()).toContain(made.order_id);
    expect(await asOf()).toBeGreaterThanOrEqual(Date.parse(made.created_time));
    await expect(startFakeKalshi({ faults: { restLagMs: -1 } })).rejects.toThrow(RangeError);
  });
});

describe('activity and close', () => {
  it('activity trades in the background, and the trades show on the stream and over REST', async () => {
    const f = await fake({ activity: { fillsPerSecond: 50 } });
    const client = await connect(f, ['fill']);
    await client.until((ms) => dataMessages(ms).length >= 5, 'five fills from the activity');
    const { body } = await getJson(f, '/portfolio/fills?limit=1000');
    const rest = new Set(body.fills.map((x: any) => x.trade_id));
    expect(dataMessages(client.messages).every((m) => rest.has(m['msg']['trade_id']))).toBe(true);
    await f.close();
    const count = f.data.fills.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(f.data.fills.length).toBe(count);
  });

  it('close() ends every connection, timer and the activity: the process is back where it was', async () => {
    const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length;
    const running = () => ({ sockets: count('TCPSocketWrap'), servers: count('TCPServerWrap'), timers: count('Timeout') });
    const baseline = running();
    const isBack = () => {
      const now = running();
      // The test runner has timers of its own that come and go: only more than before is ours.
      return now.sockets === baseline.sockets && now.servers === baseline.servers && now.timers <= baseline.timers;
    };
    const f = await startFakeKalshi({
      seed: 2, fills: 20, activity: { fillsPerSecond: 20 }, streamPingMs: 50,
      faults: { streamDropEveryMs: 60_000, streamStall: { afterMs: 30_000, share: 0.5 } },
    });
    const streams = [await connectStream(f), await connectStream(f)];
    for (const s of streams) await s.command('subscribe', { channels: ['fill'] });
    await fetch(`${f.baseUrl}/portfolio/balance`, { headers: signedHeaders(f, '/portfolio/balance') });
    expect(isBack()).toBe(false);
    const closing = Date.now();
    await f.close();
    for (const s of streams) expect((await s.closed).code).toBe(1006);
    expect(Date.now() - closing).toBeLessThan(1_000);
    const deadline = Date.now() + 2_000;
    while (!isBack() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(running()).toMatchObject({ sockets: baseline.sockets, servers: baseline.servers });
    expect(running().timers).toBeLessThanOrEqual(baseline.timers);
  });
});

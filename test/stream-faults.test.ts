/**
 * The stream against Kalshi's documented behaviour (issue 18): fill direction in the REST→stream
 * mapping, terminal errors without a sid, two subscriptions broken at once, refused handshakes
 * judged from their own HTTP answer, a handshake that never answers, oversized frames, REST
 * trailing the stream, catch-up across the historical cutoff, order and position catch-up, the
 * periodic reconciliation, backoff that resets only after a healthy connection, and a slow consumer.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { createKalshiClient, fillEffect, KalshiAuthError, KalshiInputError, type KalshiClient, type StreamEvent } from '../src/index.js';
import { streamFillFrom } from '../src/stream/fills.js';
import { startFakeKalshi, type FakeKalshi, type FakeKalshiOptions } from '../src/testing/index.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function fakeAndClient(options: FakeKalshiOptions = {}, wsUrl?: string): Promise<{ fake: FakeKalshi; client: KalshiClient }> {
  const fake = await startFakeKalshi({ seed: 5, fills: 60, ...options });
  open.push(fake);
  const client = await createKalshiClient({
    keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 20 }, ...(wsUrl ? { wsUrl } : {}),
  });
  return { fake, client };
}

function consume(stream: AsyncIterable<StreamEvent>, events: StreamEvent[]): Promise<unknown> {
  return (async () => {
    for await (const event of stream) events.push(event);
  })().then(() => 'ended', (error: unknown) => error);
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const fillIds = (events: StreamEvent[]) => events.flatMap((e) => (e.type === 'fill' ? [e.data.trade_id] : []));
const statuses = (events: StreamEvent[]) => events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
const reconnects = (events: StreamEvent[]) => events.flatMap((e) => (e.type === 'status' && e.status === 'reconnecting' ? [e] : []));
const accepted = (fake: FakeKalshi) => fake.streamHandshakes.filter((h) => h.accepted).length;
const tickerOf = (fake: FakeKalshi) => fake.data.marketPositions.find((p) => p.subaccount === 0)!.position.ticker;

/** A trade of the given direction, as Kalshi pairs the fields (yes with bid, no with ask). */
function trade(fake: FakeKalshi, direction: 'yes' | 'no', ticker = tickerOf(fake)) {
  return fake.trade({ ticker, outcome_side: direction, book_side: direction === 'yes' ? 'bid' : 'ask', count_fp: '1.00', price_dollars: '0.4000' });
}

async function streaming(client: KalshiClient, options: Parameters<KalshiClient['stream']>[0]) {
  const events: StreamEvent[] = [];
  const stream = client.stream(options);
  open.push(stream);
  const ended = consume(stream, events);
  await until(() => statuses(events).includes('caught-up'), 'the first catch-up');
  return { events, stream, ended };
}

describe('the REST→stream fill mapping', () => {
  const rest = {
    fill_id: 'f1', trade_id: 't1', order_id: 'o1', ticker: 'M', market_ticker: 'M', exchange_index: 0, is_taker: true,
    count_fp: '2.00', yes_price_dollars: '0.3000', no_price_dollars: '0.7000', fee_cost: '0.0100', ts: 1_795_000_000,
    created_time: '2026-11-19T08:26:40.250Z',
  } as const;

  it('a sell-YES fill (outcome no, book ask) stays "no" and is not made a "sell" from its book side', () => {
    const fill = streamFillFrom({ ...rest, outcome_side: 'no', book_side: 'ask' } as never);
    expect(fill).toMatchObject({ outcome_side: 'no', book_side: 'ask', ts: 1_795_000_000, ts_ms: Date.parse(rest.created_time) });
    expect(fill).not.toHaveProperty('action');
    expect(fill).not.toHaveProperty('side');
  });

  it('passes the deprecated side and action on only when REST sent them', () => {
    const fill = streamFillFrom({ ...rest, outcome_side: 'no', book_side: 'ask', side: 'yes', action: 'sell' } as never);
    expect(fill).toMatchObject({ outcome_side: 'no', side: 'yes', action: 'sell' });
  });

  it('passes a pair Kalshi never sends on as it came, neither guessed at nor fatal; fillEffect refuses it', () => {
    const odd = streamFillFrom({ ...rest, outcome_side: 'yes', book_side: 'ask' } as never);
    expect(odd).toMatchObject({ outcome_side: 'yes', book_side: 'ask' });
    expect(odd).not.toHaveProperty('action');
    expect(() => fillEffect(odd)).toThrow(KalshiInputError);
  });
});

describe('terminal errors in Kalshi\'s shape (no sid)', () => {
  it('an error on its own: what died is subscribed again on the same connection within seconds', async () => {
    const { fake, client } = await fakeAndClient();
    const { events } = await streaming(client, { channels: ['fill'], heartbeatMs: 5_000 });
    fake.breakSubscriptions(10);
    const missed = await trade(fake, 'yes');
    await until(() => fillIds(events).includes(missed.trade_id), 'the fill missed while unsubscribed');
    const live = await trade(fake, 'no');
    await until(() => fillIds(events).includes(live.trade_id), 'a live fill after resubscribing', 3_000);
    expect(accepted(fake)).toBe(1);
    expect(reconnects(events)).toHaveLength(0);
  });

  it('an error in answer to a command (the heartbeat): subscribed again, not taken for a dead connection', async () => {
    const { fake, client } = await fakeAndClient();
    const { events } = await streaming(client, { channels: ['fill'], heartbeatMs: 200 });
    fake.breakSubscriptions(17, { inAnswerToNextCommand: true });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const live = await trade(fake, 'yes');
    await until(() => fillIds(events).includes(live.trade_id), 'a live fill after resubscribing', 3_000);
    expect(events.find((e) => e.type === 'fill' && e.data.trade_id === live.trade_id)).toMatchObject({ source: 'live' });
    expect(accepted(fake)).toBe(1);
    expect(reconnects(events)).toHaveLength(0);
  });

  it('every default channel broken at once: no TypeError, no reconnect, all three channels back', async () => {
    const { fake, client } = await fakeAndClient();
    const { events, ended } = await streaming(client, { heartbeatMs: 5_000 });
    fake.breakSubscriptions(10);
    await until(() => statuses(events).filter((s) => s === 'caught-up').length >= 2, 'a catch-up after the break');
    const live = await trade(fake, 'yes');
    await until(
      () => fillIds(events).includes(live.trade_id) && events.some((e) => e.type === 'user_order' && e.source === 'live') && events.some((e) => e.type === 'market_position' && e.source === 'live'),
      'a fill, an order and a position, live',
    );
    expect(reconnects(events)).toHaveLength(0);
    expect(accepted(fake)).toBe(1);
    expect(await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve('running'), 50))])).toBe('running');
  });
});

/** A stand-in stream endpoint that answers each handshake as `answer` says (the REST side stays the fake's). */
async function handshakeServer(answer: (attempt: number) => { status: number; body: string } | 'hang' | 'accept-and-send-huge'): Promise<{ url: string; attempts: () => number }> {
  const server: Server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  let attempts = 0;
  const hanging = new Set<import('node:stream').Duplex>();
  server.on('upgrade', (req, socket, head) => {
    const what = answer(++attempts);
    if (what === 'hang') {
      hanging.add(socket);
      return;
    }
    if (what === 'accept-and-send-huge') {
      // The answer to the first command is a 4 MiB frame.
      wss.handleUpgrade(req, socket, head, (ws) => ws.once('message', () => ws.send('x'.repeat(4 * 1024 * 1024))));
      return;
    }
    socket.end(`HTTP/1.1 ${what.status} Refused\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(what.body)}\r\nconnection: close\r\n\r\n${what.body}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    close: () => new Promise<void>((resolve) => {
      for (const socket of hanging) socket.destroy();
      for (const client of wss.clients) client.terminate();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/trade-api/ws/v2`, attempts: () => attempts };
}

describe('a refused handshake, judged from its own HTTP answer', () => {
  it('403 rejects with KalshiAuthError after one attempt', async () => {
    const refusing = await handshakeServer(() => ({ status: 403, body: JSON.stringify({ error: { code: 'forbidden', message: 'not allowed' } }) }));
    const { client } = await fakeAndClient({}, refusing.url);
    const events: StreamEvent[] = [];
    const outcome = await consume(client.stream({ channels: ['fill'] }), events);
    expect(outcome).toBeInstanceOf(KalshiAuthError);
    expect(outcome).toMatchObject({ status: 403, code: 'forbidden' });
    expect(refusing.attempts()).toBe(1);
    expect(reconnects(events)).toHaveLength(0);
  });

  it('503 and 429 are tried again; 404 ends the stream', async () => {
    const passing = await handshakeServer((n) => ({ status: n === 1 ? 503 : n === 2 ? 429 : 404, body: '{"error":{"code":"x","message":"y"}}' }));
    const { client } = await fakeAndClient({}, passing.url);
    const events: StreamEvent[] = [];
    const outcome = await consume(client.stream({ channels: ['fill'] }), events);
    expect(outcome).toMatchObject({ name: 'KalshiApiError', status: 404 });
    expect(passing.attempts()).toBe(3);
    expect(reconnects(events).map((e) => e.reason)).toEqual([expect.stringContaining('503'), expect.stringContaining('429')]);
  });

  it('a handshake left unanswered times out with a status event, and is tried again', async () => {
    const silent = await handshakeServer(() => 'hang');
    const { client } = await fakeAndClient({}, silent.url);
    const events: StreamEvent[] = [];
    const stream = client.stream({ channels: ['fill'], handshakeTimeoutMs: 300 });
    open.push(stream);
    void consume(stream, events);
    await until(() => reconnects(events).length >= 2, 'two timed-out handshakes', 5_000);
    expect(reconnects(events)[0]!.reason).toMatch(/handshake/i);
    expect(silent.attempts()).toBeGreaterThanOrEqual(2);
  });

  it('a message over maxMessageBytes ends that connection instead of growing memory', async () => {
    const huge = await handshakeServer(() => 'accept-and-send-huge');
    const { client } = await fakeAndClient({}, huge.url);
    const events: StreamEvent[] = [];
    const stream = client.stream({ channels: ['fill'], maxMessageBytes: 64 * 1024 });
    open.push(stream);
    void consume(stream, events);
    await until(() => reconnects(events).length >= 1, 'the oversized message refused', 5_000);
    expect(reconnects(events)[0]!.reason).toMatch(/1009|payload/i);
  });
});

describe('catch-up', () => {
  it('REST trailing the stream by 1 s, drops every 700 ms and 20% lost messages: every fill exactly once, with no margin to hide behind', async () => {
    const { fake, client } = await fakeAndClient({ faults: { restLagMs: 1_000, streamDropEveryMs: 700, streamLostMessages: 0.2 } });
    // No margin: a catch-up must know from user_data_timestamp how far REST is behind, not guess.
    const { events } = await streaming(client, { channels: ['fill'], heartbeatMs: 1_000, catchUpMarginSeconds: 0 });
    const made: string[] = [];
    for (let i = 0; i < 300; i++) {
      made.push((await trade(fake, i % 2 ? 'yes' : 'no', fake.data.marketPositions[i % 4]!.position.ticker)).trade_id);
      if (i % 30 === 29) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await until(() => new Set(fillIds(events)).size >= made.length, 'every fill', 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fillIds(events)).toHaveLength(made.length);
    expect(new Set(fillIds(events))).toEqual(new Set(made));
    expect(reconnects(events).length).toBeGreaterThanOrEqual(2);
  }, 30_000);

  it('a window that crosses the historical cutoff reads /historical/fills too', async () => {
    const { fake, client } = await fakeAndClient({ faults: { streamLostMessages: 1 } });
    const { events } = await streaming(client, { channels: ['fill'], heartbeatMs: 5_000 });
    const made = await trade(fake, 'yes');
    // Everything up to now is archived: only GET /historical/fills still has the fill.
    fake.setHistoricalCutoff(Date.parse(made.created_time) + 1);
    fake.breakSubscriptions(10);
    await until(() => fillIds(events).includes(made.trade_id), 'the archived fill');
    expect(fake.requests.some((r) => r.path.endsWith('/historical/fills'))).toBe(true);
  });

  it('user_order updates lost in a gap are caught up over REST', async () => {
    const { fake, client } = await fakeAndClient({ faults: { streamLostMessages: 1 } });
    const { events } = await streaming(client, { channels: ['user_orders'], heartbeatMs: 5_000 });
    const made = await trade(fake, 'no');
    fake.breakSubscriptions(25);
    await until(() => events.some((e) => e.type === 'user_order' && e.data.order_id === made.order_id), 'the order caught up');
    const order = events.find((e) => e.type === 'user_order' && e.data.order_id === made.order_id)!;
    expect(order).toMatchObject({ source: 'catch-up', data: { status: 'executed', outcome_side: 'no', book_side: 'ask', is_yes: false } });
  });

  it('position catch-up asks for the positions of every subaccount', async () => {
    const { fake, client } = await fakeAndClient();
    await streaming(client, { channels: ['market_positions'], heartbeatMs: 5_000 });
    const subaccounts = new Set(fake.state.subaccounts);
    expect(subaccounts.size).toBeGreaterThan(1);
    const asked = new Set(fake.requests.filter((r) => r.path.endsWith('/portfolio/positions')).map((r) => Number(r.query.get('subaccount'))));
    expect(asked).toEqual(subaccounts);
  });

  it('a message lost on a healthy connection is recovered by the periodic check, without a reconnect', async () => {
    const { fake, client } = await fakeAndClient({ faults: { streamLostMessages: 1 } });
    const { events } = await streaming(client, { channels: ['fill'], heartbeatMs: 5_000, reconcileMs: 300 });
    const made = await trade(fake, 'yes');
    const started = Date.now();
    await until(() => fillIds(events).includes(made.trade_id), 'the lost fill', 3_000);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(events.find((e) => e.type === 'fill')).toMatchObject({ source: 'catch-up' });
    expect(accepted(fake)).toBe(1);
  });
});

describe('backoff and backpressure', () => {
  it('a server that closes every connection after subscribing meets a growing backoff (no reset without a healthy connection)', async () => {
    const { client } = await fakeAndClient({ faults: { streamDropEveryMs: 60 } });
    const events: StreamEvent[] = [];
    const stream = client.stream({ channels: ['fill'], heartbeatMs: 1_000 });
    open.push(stream);
    void consume(stream, events);
    await until(() => reconnects(events).length >= 5, 'five reconnects');
    expect(reconnects(events).slice(0, 5).map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a consumer that falls behind stops the reading, then gets every fill once', async () => {
    const { fake, client } = await fakeAndClient();
    const stream = client.stream({ channels: ['fill'], heartbeatMs: 5_000, maxQueuedEvents: 40 });
    open.push(stream);
    const iterator = stream[Symbol.asyncIterator]();
    const events: StreamEvent[] = [];
    while (!statuses(events).includes('caught-up')) events.push((await iterator.next()).value!);
    const made: string[] = [];
    for (let i = 0; i < 200; i++) made.push((await trade(fake, i % 2 ? 'yes' : 'no')).trade_id);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the consumer is busy elsewhere
    while (new Set(fillIds(events)).size < made.length) events.push((await iterator.next()).value!);
    expect(fillIds(events)).toHaveLength(made.length);
    expect(reconnects(events).some((e) => /consumer/.test(e.reason))).toBe(true);
    expect(accepted(fake)).toBeGreaterThanOrEqual(2);
  });
});

/**
 * client.stream() against the fake's WebSocket: the signed handshake, exactly-once fills across
 * drops and lost messages, half-open connections, terminal channel errors, refused keys, and a
 * close that leaves nothing running.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKalshiClient,
  KalshiAuthError,
  KalshiConfigError,
  KalshiInputError,
  type KalshiClient,
  type StreamEvent,
  type StreamFill,
} from '../src/index.js';
import { createSeenFills } from '../src/stream/seen-fills.js';
import { streamUrlFor } from '../src/stream/url.js';
import { startFakeKalshi, type FakeKalshi, type FakeKalshiOptions } from '../src/testing/index.js';
import { collect } from './support/async.js';
import { rsaKeys } from './support/keys.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function fakeAndClient(options: FakeKalshiOptions = {}): Promise<{ fake: FakeKalshi; client: KalshiClient }> {
  const fake = await startFakeKalshi({ seed: 11, fills: 120, ...options });
  open.push(fake);
  const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 20 } });
  return { fake, client };
}

/** Reads events into `events` in the background until the stream ends; resolves with its end. */
function consume(stream: AsyncIterable<StreamEvent>, events: StreamEvent[]): Promise<unknown> {
  return (async () => {
    for await (const event of stream) events.push(event);
  })().then(
    () => 'ended',
    (error: unknown) => error,
  );
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const fillsOf = (events: StreamEvent[]) => events.filter((e): e is Extract<StreamEvent, { type: 'fill' }> => e.type === 'fill');
const statuses = (events: StreamEvent[]) => events.filter((e) => e.type === 'status').map((e) => (e as { status: string }).status);

async function aMarket(fake: FakeKalshi): Promise<string> {
  return fake.data.marketPositions[0]!.position.ticker;
}

describe('the stream over the fake', () => {
  it('signs the handshake, subscribes, and yields a trade as a live fill, a position and an order', async () => {
    const { fake, client } = await fakeAndClient();
    const events: StreamEvent[] = [];
    const stream = client.stream({ heartbeatMs: 1_000 });
    const ended = consume(stream, events);
    await until(() => statuses(events).includes('caught-up'), 'caught up');
    const ticker = await aMarket(fake);
    const fill = await fake.trade({ ticker, outcome_side: 'yes', book_side: 'bid', count_fp: '3.00', price_dollars: '0.4200' });
    await until(() => fillsOf(events).length === 1 && events.some((e) => e.type === 'user_order') && events.some((e) => e.type === 'market_position'), 'the trade');
    const [live] = fillsOf(events);
    expect(live!.source).toBe('live');
    expect(live!.data).toMatchObject({ trade_id: fill.trade_id, market_ticker: ticker, outcome_side: 'yes', book_side: 'bid', count_fp: '3.00' });
    expect(fake.streamHandshakes.filter((h) => h.accepted)).toHaveLength(1);
    // Fills that existed before the stream began are history, not events.
    expect(fillsOf(events).every((e) => e.data.trade_id === fill.trade_id)).toBe(true);
    await stream.close();
    expect(await ended).toBe('ended');
  });

  it('every trade_id exactly once across drops every 2 s and 5% lost messages, equal to the REST history', async () => {
    const { fake, client } = await fakeAndClient({ faults: { streamDropEveryMs: 2_000, streamLostMessages: 0.05 } });
    const events: StreamEvent[] = [];
    const stream = client.stream({ channels: ['fill'], heartbeatMs: 1_000 });
    const ended = consume(stream, events);
    await until(() => statuses(events).includes('caught-up'), 'caught up');
    const before = new Set((await collect(client.fills({ limit: 1000 }))).map((f) => f.trade_id));
    const tickers = fake.data.marketPositions.slice(0, 5).map((p) => p.position.ticker);
    const made: string[] = [];
    for (let batch = 0; batch < 20; batch++) {
      for (let i = 0; i < 50; i++) {
        const n = batch * 50 + i;
        const fill = await fake.trade({
          ticker: tickers[n % tickers.length]!,
          outcome_side: n % 2 ? 'yes' : 'no',
          book_side: n % 2 ? 'bid' : 'ask', // Kalshi pairs yes with bid and no with ask
          count_fp: `${(n % 7) + 1}.00`,
          price_dollars: '0.5100',
        });
        made.push(fill.trade_id);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await until(() => new Set(fillsOf(events).map((e) => e.data.trade_id)).size >= made.length, 'all 1,000 fills', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a duplicate to show, if one were coming
    const yielded = fillsOf(events).map((e) => e.data.trade_id);
    expect(yielded).toHaveLength(made.length);
    expect(new Set(yielded)).toEqual(new Set(made));
    const rest = (await collect(client.fills({ limit: 1000 }))).map((f) => f.trade_id).filter((id) => !before.has(id));
    expect(new Set(yielded)).toEqual(new Set(rest));
    // The faults really happened: reconnects, and fills recovered by catch-up rather than live.
    expect(statuses(events).filter((s) => s === 'reconnecting').length).toBeGreaterThanOrEqual(3);
    expect(fillsOf(events).some((e) => e.source === 'catch-up')).toBe(true);
    await stream.close();
    expect(await ended).toBe('ended');
  }, 120_000);

  it('notices a half-open connection (no close, no answers) and reconnects', async () => {
    const { fake, client } = await fakeAndClient({ faults: { streamStall: { afterMs: 500 } } });
    const events: StreamEvent[] = [];
    const stream = client.stream({ channels: ['fill'], heartbeatMs: 300 });
    void consume(stream, events);
    await until(() => events.some((e) => e.type === 'status' && e.status === 'reconnecting' && /half-open/.test(e.reason)), 'a half-open reconnect', 10_000);
    await until(() => fake.streamHandshakes.filter((h) => h.accepted).length >= 2, 'a new connection', 10_000);
    await until(() => statuses(events).filter((s) => s === 'caught-up').length >= 2, 'caught up again', 10_000);
    await stream.close();
  });

  it('a terminal channel error is followed by a new subscription and a catch-up', async () => {
    const { fake, client } = await fakeAndClient();
    const events: StreamEvent[] = [];
    const stream = client.stream({ channels: ['fill'], heartbeatMs: 1_000 });
    void consume(stream, events);
    await until(() => statuses(events).includes('caught-up'), 'caught up');
    fake.breakSubscriptions(10);
    const ticker = await aMarket(fake);
    const lost = await fake.trade({ ticker, outcome_side: 'yes', book_side: 'bid', count_fp: '1.00', price_dollars: '0.3000' });
    await until(() => statuses(events).filter((s) => s === 'caught-up').length >= 2, 'a second catch-up');
    const after = await fake.trade({ ticker, outcome_side: 'no', book_side: 'ask', count_fp: '2.00', price_dollars: '0.3000' });
    await until(() => fillsOf(events).some((e) => e.data.trade_id === after.trade_id), 'a live fill after resubscribing');
    expect(fillsOf(events).map((e) => e.data.trade_id)).toEqual([lost.trade_id, after.trade_id]);
    expect(fake.streamHandshakes.filter((h) => h.accepted)).toHaveLength(1); // same connection
    await stream.close();
  });

  it('a refused key rejects with KalshiAuthError, without reconnecting and without a plain GET of the stream path', async () => {
    const { fake } = await fakeAndClient();
    const stranger = await createKalshiClient({ keyId: fake.keyId, privateKey: rsaKeys().pkcs8, baseUrl: fake.baseUrl, retry: false });
    const events: StreamEvent[] = [];
    const stream = stranger.stream({ channels: ['user_orders'] });
    const outcome = await consume(stream, events);
    expect(outcome).toBeInstanceOf(KalshiAuthError);
    expect((outcome as KalshiAuthError).status).toBe(401);
    expect(fake.streamHandshakes.every((h) => !h.accepted && h.status === 401)).toBe(true);
    expect(fake.requests.filter((r) => r.path === '/trade-api/ws/v2')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.streamHandshakes.length).toBeLessThanOrEqual(1);
    expect(statuses(events)).not.toContain('reconnecting');
  });

  it('a URL where nothing streams (404) rejects with the API error instead of reconnecting forever', async () => {
    const { fake } = await fakeAndClient();
    const lost = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, wsUrl: fake.wsUrl.replace('/ws/v2', '/ws/v9') });
    const events: StreamEvent[] = [];
    const outcome = await consume(lost.stream({ channels: ['user_orders'] }), events);
    expect(outcome).toMatchObject({ name: 'KalshiApiError', status: 404 });
    expect(statuses(events)).not.toContain('reconnecting');
  });

  it('the caller\'s signal ends the iteration with its reason at once; break ends it quietly', async () => {
    const { client } = await fakeAndClient();
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    const ended = consume(client.stream({ channels: ['fill'], signal: controller.signal }), events);
    await until(() => statuses(events).includes('caught-up'), 'caught up');
    const seenBefore = events.length;
    controller.abort(new Error('enough'));
    expect(((await ended) as Error).message).toBe('enough');
    expect(events.length, 'nothing is handed over after the abort').toBe(seenBefore);

    for await (const event of client.stream({ channels: ['fill'] })) {
      if (event.type === 'status' && event.status === 'caught-up') break;
    }
  });

  it('refuses bad options before connecting, with what was wrong', async () => {
    const { fake, client } = await fakeAndClient();
    const refusal = async (options: Parameters<KalshiClient['stream']>[0]) => {
      const stream = client.stream(options);
      const outcome = await consume(stream, []);
      await stream.close(); // still resolves
      return outcome;
    };
    expect(await refusal({ channels: ['fills' as never] })).toBeInstanceOf(KalshiInputError);
    expect(await refusal({ channels: [] })).toMatchObject({ message: expect.stringMatching(/channels must be/) });
    expect(await refusal({ marketTickers: [''] })).toMatchObject({ message: expect.stringMatching(/marketTickers/) });
    expect(await refusal({ heartbeatMs: -1 })).toMatchObject({ message: expect.stringMatching(/heartbeatMs/) });
    // A JavaScript caller's misspelling is named, with the option probably meant, never ignored.
    const misspelled = await refusal({ heartbeatMS: 1_000 } as never);
    expect(misspelled).toBeInstanceOf(KalshiInputError);
    expect(misspelled).toMatchObject({ message: expect.stringMatching(/has no option "heartbeatMS": did you mean "heartbeatMs"/) });
    expect(fake.streamHandshakes).toHaveLength(0);
    await expect(createKalshiClient({ keyId: 'k', privateKey: rsaKeys().pkcs8, wsUrl: 'https://x/trade-api/ws/v2' })).rejects.toThrow(KalshiConfigError);
  });

  it('close() leaves the event loop empty: a program that streams then closes exits by itself', async () => {
    const script = join(import.meta.dirname, 'support', 'stream-exit.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { timeout: 20_000 });
    expect(stdout).toContain('closed');
  }, 30_000);
});

describe('the stream\'s parts', () => {
  it('the URL follows the client: Kalshi\'s stream hosts, or the same host with ws/wss', () => {
    expect(streamUrlFor('https://external-api.kalshi.com/trade-api/v2')).toBe('wss://external-api-ws.kalshi.com/trade-api/ws/v2');
    expect(streamUrlFor('https://external-api.demo.kalshi.co/trade-api/v2')).toBe('wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2');
    expect(streamUrlFor('http://127.0.0.1:8080/trade-api/v2')).toBe('ws://127.0.0.1:8080/trade-api/ws/v2');
    expect(streamUrlFor('https://proxy.example/kalshi/trade-api/v2')).toBe('wss://proxy.example/kalshi/trade-api/ws/v2');
  });

  it('duplicate suppression stays bounded however many fills pass, and forgets what no catch-up reads back to', () => {
    const seen = createSeenFills(1_000);
    for (let i = 0; i < 50_000; i++) seen.add(`t${i}`, 1_000_000 + Math.floor(i / 10));
    expect(seen.size).toBeLessThanOrEqual(1_000);
    expect(seen.has('t49999')).toBe(true);
    expect(seen.has('t0')).toBe(false);
    const windowed = createSeenFills();
    for (let i = 0; i < 10_000; i++) windowed.add(`t${i}`, 1_000_000 + i);
    windowed.forgetBefore(1_000_000 + 9_940);
    expect(windowed.size).toBe(60);
    expect(windowed.has('t9940')).toBe(true);
    expect(windowed.has('t9939')).toBe(false);
  });

  it('a caught-up fill has the same shape as a live one', async () => {
    const { fake, client } = await fakeAndClient({ faults: { streamLostMessages: 1 } });
    const events: StreamEvent[] = [];
    const stream = client.stream({ channels: ['fill'], heartbeatMs: 1_000 });
    void consume(stream, events);
    await until(() => statuses(events).includes('caught-up'), 'caught up');
    const made = await fake.trade({ ticker: await aMarket(fake), outcome_side: 'no', book_side: 'ask', count_fp: '4.00', price_dollars: '0.6100' });
    fake.breakSubscriptions(17); // every live message is lost: only a catch-up can bring the fill
    await until(() => fillsOf(events).length === 1, 'the caught-up fill');
    const [caught] = fillsOf(events);
    expect(caught!.source).toBe('catch-up');
    const required: (keyof StreamFill)[] = ['trade_id', 'order_id', 'market_ticker', 'outcome_side', 'book_side', 'count_fp', 'yes_price_dollars', 'fee_cost', 'ts_ms'];
    for (const key of required) expect(caught!.data[key], key).toBeDefined();
    expect(caught!.data).toMatchObject({ trade_id: made.trade_id, outcome_side: 'no', book_side: 'ask', count_fp: '4.00' });
    await stream.close();
  });
});

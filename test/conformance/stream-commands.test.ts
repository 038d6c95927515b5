/**
 * Every command the CLIENT's stream sends is one Kalshi's AsyncAPI 2.0.0 accepts. `client.stream()`
 * talks to the fake through a loopback relay that records each frame the client sends: the first
 * subscription, ticker filters, the heartbeat's `list_subscriptions`, and the resubscriptions after
 * a dropped connection and after a terminal channel error.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createKalshiClient, type KalshiClient, type StreamEvent } from '../../src/index.js';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';
import { handshakeHeaders, STREAM_PATH } from '../support/fake-stream.js';
import { countBy, expectKalshiCommand } from './stream-support.js';

interface Relay {
  url: string;
  /** Every text frame a client sent, parsed, per connection, in order. */
  connections: Array<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/** A WebSocket relay in front of the fake: accepts any handshake, signs its own to the fake, passes frames both ways. */
async function startRelay(fake: FakeKalshi): Promise<Relay> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: STREAM_PATH });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const connections: Relay['connections'] = [];
  const upstreams = new Set<WebSocket>();
  server.on('connection', (client) => {
    const sent: Array<Record<string, unknown>> = [];
    connections.push(sent);
    const upstream = new WebSocket(fake.wsUrl, { headers: handshakeHeaders(fake) });
    upstreams.add(upstream);
    const pending: string[] = [];
    client.on('message', (data) => {
      const text = String(data);
      sent.push(JSON.parse(text) as Record<string, unknown>);
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else pending.push(text);
    });
    upstream.on('open', () => {
      for (const text of pending.splice(0)) upstream.send(text);
    });
    upstream.on('message', (data) => client.readyState === WebSocket.OPEN && client.send(String(data)));
    // The fake ends connections abruptly (drop faults): pass that on as abruptly.
    upstream.on('close', () => client.terminate());
    upstream.on('error', () => client.terminate());
    client.on('close', () => upstream.terminate());
    client.on('error', () => upstream.terminate());
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}${STREAM_PATH}`,
    connections,
    async close() {
      for (const upstream of upstreams) upstream.terminate();
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let fake: FakeKalshi;
let relay: Relay;
let client: KalshiClient;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 41, fills: 30, streamPingMs: 0, faults: { streamDropEveryMs: 400 } });
  relay = await startRelay(fake);
  client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, wsUrl: relay.url, retry: { baseDelayMs: 1, maxDelayMs: 20 } });
});
afterAll(async () => {
  await relay.close();
  await fake.close();
});

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("every command the client's stream sends is one Kalshi's AsyncAPI 2.0.0 accepts", () => {
  it('first subscriptions, ticker filters, heartbeats, and whatever it sends again after drops and a terminal error', async () => {
    const nowS = fake.data.now / 1000;
    const tickers = fake.data.markets.filter((m) => m.open_ts <= nowS && m.close_ts > nowS + 3_600).slice(0, 2).map((m) => m.ticker);
    const streams = [
      client.stream({ heartbeatMs: 60 }),
      client.stream({ channels: ['fill', 'market_positions', 'user_orders', 'order_group_updates'], marketTickers: tickers, heartbeatMs: 60 }),
    ];
    const events: StreamEvent[] = [];
    const reading = streams.map((stream) =>
      (async () => {
        for await (const event of stream) events.push(event);
      })().catch(() => undefined),
    );
    // Each stream's connection is dropped every 400 ms: wait for reconnections, then a terminal error.
    await until(() => relay.connections.length >= 6, 'reconnections');
    const subscribedBefore = relay.connections.flat().filter((c) => c['cmd'] === 'subscribe').length;
    fake.breakSubscriptions(10);
    await until(() => relay.connections.flat().filter((c) => c['cmd'] === 'subscribe').length > subscribedBefore + 1, 'a resubscription after the terminal error');
    await until(() => relay.connections.flat().some((c) => c['cmd'] === 'list_subscriptions'), 'a heartbeat');
    await Promise.all(streams.map((stream) => stream.close()));
    await Promise.all(reading);

    const names: string[] = [];
    for (const commands of relay.connections) {
      const ids = commands.map((c) => c['id']);
      expect(new Set(ids).size, `command ids are unique on a connection: ${JSON.stringify(ids)}`).toBe(ids.length);
      for (const command of commands) {
        names.push(expectKalshiCommand(command));
        // Kalshi: an id of 0 means no id, so a reply could not be matched to its command.
        expect(command['id'], JSON.stringify(command)).toBeGreaterThan(0);
      }
    }
    const filtered = relay.connections.flat().filter((c) => c['cmd'] === 'subscribe' && (c['params'] as Record<string, unknown>)['market_tickers']);
    expect(filtered.length).toBeGreaterThan(0);
    expect(names).toContain('subscribeCommand');
    expect(names).toContain('listSubscriptionsCommand');
    console.log(`stream commands the client sent, validated against Kalshi's AsyncAPI 2.0.0: ${names.length} on ${relay.connections.length} connections`, countBy(names));
  });

  it('the check catches a command Kalshi would refuse (it can fail)', () => {
    expect(() => expectKalshiCommand({ id: 1, cmd: 'subscribe', params: { channels: ['fills'] } })).toThrow(/subscribeCommand/);
    expect(() => expectKalshiCommand({ id: 1, cmd: 'update_subscription', params: { sids: [1, 2], action: 'add_markets' } })).toThrow(/maxItems|more than 1/);
    expect(() => expectKalshiCommand({ id: -1, cmd: 'list_subscriptions' })).toThrow(/listSubscriptionsCommand/);
  });
});

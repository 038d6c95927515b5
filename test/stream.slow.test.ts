/**
 * Exactly-once under Kalshi-like fault mixes (slow: excluded from the default run, run by CI).
 * Each scenario makes trades at a steady rate while the fake misbehaves, then checks that the
 * stream yielded every trade once: 0 lost, 0 doubled. The figures are printed for the record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKalshiClient, type StreamEvent } from '../src/index.js';
import { type FakeKalshiOptions, startFakeKalshi } from '../src/testing/index.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

interface Figures {
  fills: number;
  lost: number;
  doubled: number;
  reconnects: number;
  caughtUp: number;
  durationMs: number;
}

async function exactlyOnce(faults: FakeKalshiOptions['faults'], trades: number, perSecond: number): Promise<Figures> {
  const fake = await startFakeKalshi({ seed: 21, fills: 100, faults });
  open.push(fake);
  const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl, retry: { baseDelayMs: 5, maxDelayMs: 200 } });
  const events: StreamEvent[] = [];
  const stream = client.stream({ channels: ['fill'], heartbeatMs: 1_000 });
  open.push(stream);
  void (async () => {
    for await (const event of stream) events.push(event);
  })();
  const yielded = () => events.flatMap((e) => (e.type === 'fill' ? [e.data.trade_id] : []));
  const deadline = (ms: number) => Date.now() + ms;
  for (const end = deadline(20_000); !events.some((e) => e.type === 'status' && e.status === 'caught-up'); ) {
    if (Date.now() > end) throw new Error('never caught up');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const started = Date.now();
  const tickers = fake.data.marketPositions.filter((p) => p.subaccount === 0).slice(0, 6).map((p) => p.position.ticker);
  const made = new Set<string>();
  const batch = Math.max(1, Math.round(perSecond / 10));
  for (let n = 0; n < trades; ) {
    for (let i = 0; i < batch && n < trades; i++, n++) {
      const direction = n % 2 ? 'yes' : 'no';
      const fill = await fake.trade({ ticker: tickers[n % tickers.length]!, outcome_side: direction, book_side: direction === 'yes' ? 'bid' : 'ask', count_fp: '1.00', price_dollars: '0.5000' });
      made.add(fill.trade_id);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const end = deadline(60_000); new Set(yielded()).size < made.size && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 100));
  const durationMs = Date.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // room for a late duplicate to show
  const ids = yielded();
  const distinct = new Set(ids);
  return {
    fills: made.size,
    lost: [...made].filter((id) => !distinct.has(id)).length,
    doubled: ids.length - distinct.size,
    reconnects: events.filter((e) => e.type === 'status' && e.status === 'reconnecting').length,
    caughtUp: events.filter((e) => e.type === 'fill' && e.source === 'catch-up').length,
    durationMs,
  };
}

describe('exactly once under fault mixes', () => {
  it('REST 2 s behind the stream, drops every 700 ms, 10% of messages lost: 0 lost, 0 doubled', async () => {
    const figures = await exactlyOnce({ restLagMs: 2_000, streamDropEveryMs: 700, streamLostMessages: 0.1 }, 3_000, 250);
    console.log('rest lag 2 s + drops 700 ms + 10% loss:', JSON.stringify(figures));
    expect(figures).toMatchObject({ fills: 3_000, lost: 0, doubled: 0 });
    expect(figures.reconnects).toBeGreaterThan(10);
    expect(figures.caughtUp).toBeGreaterThan(0);
  }, 120_000);

  it('250 ms per REST answer, drops every 700 ms: every catch-up outlives its connection, and still 0 lost, 0 doubled', async () => {
    const figures = await exactlyOnce({ latencyMs: 250, streamDropEveryMs: 700 }, 6_000, 500);
    console.log('250 ms REST pages + drops 700 ms:', JSON.stringify(figures));
    expect(figures).toMatchObject({ fills: 6_000, lost: 0, doubled: 0 });
    expect(figures.reconnects).toBeGreaterThan(10);
  }, 120_000);
});

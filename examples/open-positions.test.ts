import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKalshiClient, type KalshiClient } from 'kalshi-portfolio';
import { startFakeKalshi, type FakeKalshi } from 'kalshi-portfolio/testing';
import { openPositionsByEvent } from './open-positions.js';

let fake: FakeKalshi;
let client: KalshiClient;

beforeAll(async () => {
  fake = await startFakeKalshi({ seed: 42, marketPositions: 80 });
  client = await createKalshiClient({
    keyId: fake.keyId,
    privateKey: fake.privateKeyPem,
    baseUrl: fake.baseUrl,
    validateResponses: true, // fail if anything on the wire strays from Kalshi's contract
  });
});
afterAll(() => fake.close());

it('groups every open position of the primary account under its event', async () => {
  const open = fake.data.marketPositions.filter((e) => e.subaccount === 0 && e.position.position_fp !== '0.00');
  const grouped = await openPositionsByEvent(client);
  expect([...grouped.values()].flat().sort()).toEqual(open.map((e) => e.position.ticker).sort());
  for (const entry of open) expect(grouped.get(entry.event_ticker)).toContain(entry.position.ticker);
});

it('reads every page, whatever the page size', async () => {
  fake.queueResponses({ status: 429, body: { error: 'too many requests' } }); // and survives a rate limit
  const grouped = await openPositionsByEvent(client);
  expect(fake.requests.filter((r) => r.path.endsWith('/portfolio/positions')).length).toBeGreaterThan(2);
  expect(grouped.size).toBeGreaterThan(3);
});

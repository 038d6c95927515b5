/**
 * Per-request cost of `client.getBalance()` against the floor: a bare global fetch carrying the
 * three headers signed with a pre-imported WebCrypto key. Both hit the same fake Kalshi, in its own
 * process on loopback, in alternating rounds so machine noise falls on both alike.
 *
 *   npm run bench            (or: npx tsx bench/floor.ts [requestsPerRound] [rounds])
 */
import { webcrypto } from 'node:crypto';
import { createKalshiClient } from '../src/index.js';
import { importSigningKey } from '../src/keys.js';
import { startFakeProcess } from '../test/support/fake-process.js';

const perRound = Number(process.argv[2] ?? 200);
const rounds = Number(process.argv[3] ?? 10);

const fake = await startFakeProcess({ fills: 10, settlements: 10, marketPositions: 10 });
const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl });
const key = await importSigningKey(fake.privateKeyPem);
const url = `${fake.baseUrl}/portfolio/balance`;
const path = new URL(url).pathname;
const encoder = new TextEncoder();

async function bareFetch(): Promise<unknown> {
  const timestamp = String(Date.now());
  const signature = await webcrypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, encoder.encode(`${timestamp}GET${path}`));
  const response = await fetch(url, {
    headers: {
      'KALSHI-ACCESS-KEY': fake.keyId,
      'KALSHI-ACCESS-TIMESTAMP': timestamp,
      'KALSHI-ACCESS-SIGNATURE': Buffer.from(signature).toString('base64'),
    },
  });
  if (!response.ok) throw new Error(`floor request failed: ${response.status}`);
  return response.json();
}

const contenders: Record<string, () => Promise<unknown>> = {
  'fetch + signature (floor)': bareFetch,
  'client.getBalance()': () => client.getBalance(),
};
const samples: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));

for (const run of Object.values(contenders)) for (let i = 0; i < 50; i++) await run(); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(contenders)) {
    for (let i = 0; i < perRound; i++) {
      const start = performance.now();
      await run();
      samples[name]!.push(performance.now() - start);
    }
  }
}
await fake.close();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const floorMedian = quantile(samples['fetch + signature (floor)']!, 0.5);
console.log(`sequential requests on loopback, ${rounds} rounds × ${perRound} each`);
console.table(
  Object.entries(samples).map(([name, values]) => ({
    contender: name,
    'median ms': quantile(values, 0.5).toFixed(3),
    'p95 ms': quantile(values, 0.95).toFixed(3),
    'req/s': Math.round(1000 / (values.reduce((a, b) => a + b, 0) / values.length)),
    '× floor (median)': (quantile(values, 0.5) / floorMedian).toFixed(2),
  })),
);

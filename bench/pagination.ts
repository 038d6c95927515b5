/**
 * Pagination at volume:
 *   1. a 20,000-fill export through faults (10% 429, 5% 5xx, 2% connections cut): items/s, retries;
 *   2. 100,000 fills with limit=1000: time, and peak memory growth of the iterating process.
 * The fake runs in a child process so the numbers are the client's alone.
 *
 *   npx tsx --expose-gc bench/pagination.ts
 */
import { createKalshiClient } from '../src/index.js';
import { startFakeProcess } from '../test/support/fake-process.js';

const gc = (globalThis as { gc?: () => void }).gc;

async function faultedExport(): Promise<void> {
  const fake = await startFakeProcess({
    seed: 2026,
    fills: 20_000,
    faults: { tooManyRequests: 0.1, serverErrors: 0.05, connectionResets: 0.02 },
    historicalCutoffDays: null,
  });
  let retries = 0;
  const byCause: Record<string, number> = {};
  const client = await createKalshiClient({
    keyId: fake.keyId,
    privateKey: fake.privateKeyPem,
    baseUrl: fake.baseUrl,
    retry: {
      onRetry: (event) => {
        retries++;
        const cause = event.status ? String(event.status) : 'network';
        byCause[cause] = (byCause[cause] ?? 0) + 1;
      },
    },
  });
  const started = performance.now();
  let items = 0;
  for await (const _ of client.fills()) items++;
  const seconds = (performance.now() - started) / 1000;
  await fake.close();
  console.log(`faulted export: ${items} fills (limit 100) in ${seconds.toFixed(2)} s = ${Math.round(items / seconds)} items/s`);
  console.log(`  retries taken: ${retries} (${Object.entries(byCause).map(([k, v]) => `${k}: ${v}`).join(', ')}), default retry settings`);
}

async function bigIteration(): Promise<void> {
  const fake = await startFakeProcess({ seed: 7, fills: 100_000, historicalCutoffDays: null });
  const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl });
  await client.getBalance(); // warm the connection and the code paths before the baseline
  gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  let items = 0;
  for await (const _ of client.fills({ limit: 1000 })) {
    if (++items % 1000 === 0) sample();
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  await fake.close();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`100,000 fills (limit 1000): ${items} in ${seconds.toFixed(2)} s = ${Math.round(items / seconds)} items/s`);
  console.log(`  peak RSS growth ${mb(peakRss - base.rss)}, peak heap growth ${mb(peakHeap - base.heapUsed)} (baseline RSS ${mb(base.rss)})`);
}

await faultedExport();
await bigIteration();

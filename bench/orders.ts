/**
 * The order writes' part of `npm run bench`: create→cancel round trips (a resting bid placed, then
 * cancelled) against the same fake, this SDK's order desk against Kalshi's official SDK
 * (`OrdersApi.createOrderV2` + `cancelOrderV2`), taking turns of 20 so noise hits both alike.
 * The fake runs in a process of its own, the two clients in another (the official SDK signs
 * through a shared axios instance, which must not meet the main bench's official clients).
 * Alone: `npx tsx bench/orders.ts [--quick]`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Configuration, OrdersApi } from 'kalshi-typescript';
import { createOrderDesk } from '../src/index.js';
import { startFakeKalshi } from '../src/testing/index.js';

const self = fileURLToPath(import.meta.url);

interface Ready {
  baseUrl: string;
  keyId: string;
  privateKeyPem: string;
  ticker: string;
}

export interface OrdersBenchResult {
  roundTrips: number;
  sdk: { median: number; p95: number };
  official: { median: number; p95: number };
}

const TURN = 20;

export async function ordersBench(quick: boolean): Promise<OrdersBenchResult> {
  const server = fork(self, ['--serve'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const ready = await nextMessage<Ready>(server);
    const clients = fork(self, ['--clients', JSON.stringify(ready), String(quick ? 100 : 400)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return await nextMessage<OrdersBenchResult>(clients);
  } finally {
    server.kill();
  }
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`bench/orders.ts child exited with ${code}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

async function serve(): Promise<void> {
  const fake = await startFakeKalshi({ seed: 11 });
  const nowS = fake.data.now / 1000;
  const market = fake.data.markets.find((m) => m.open_ts <= nowS && nowS + 3600 < m.close_ts);
  if (!market) throw new Error('the bench fake has no open market');
  process.send!({ baseUrl: fake.baseUrl, keyId: fake.keyId, privateKeyPem: fake.privateKeyPem, ticker: market.ticker } satisfies Ready);
}

async function measure(ready: Ready, roundTrips: number): Promise<OrdersBenchResult> {
  const desk = await createOrderDesk({ keyId: ready.keyId, privateKey: ready.privateKeyPem, baseUrl: ready.baseUrl });
  const official = new OrdersApi(new Configuration({ apiKey: ready.keyId, privateKeyPem: ready.privateKeyPem, basePath: ready.baseUrl }));
  // A bid far below the house asks: it rests, so the cancel has something to take off.
  const ours = async () => {
    const placed = await desk.place({ ticker: ready.ticker, side: 'bid', price: '0.05', count: 1 });
    await desk.cancel(placed.orderId);
  };
  const theirs = async () => {
    const placed = await official.createOrderV2({
      ticker: ready.ticker, side: 'bid', count: '1.00', price: '0.0500', time_in_force: 'good_till_canceled', self_trade_prevention_type: 'taker_at_cross', client_order_id: crypto.randomUUID(),
    } as never);
    await official.cancelOrderV2(placed.data.order_id);
  };
  // Warm both up (keep-alive, key caches) before timing.
  for (let i = 0; i < 10; i++) {
    await ours();
    await theirs();
  }
  const times = { sdk: [] as number[], official: [] as number[] };
  for (let done = 0; done < roundTrips; done += TURN) {
    for (const [name, roundTrip] of [['sdk', ours], ['official', theirs]] as const) {
      for (let i = 0; i < TURN; i++) {
        const start = performance.now();
        await roundTrip();
        times[name].push(performance.now() - start);
      }
    }
  }
  return {
    roundTrips,
    sdk: { median: median(times.sdk), p95: p95(times.sdk) },
    official: { median: median(times.official), p95: p95(times.official) },
  };
}

if (process.argv.includes('--serve')) {
  await serve();
} else if (process.argv.includes('--clients')) {
  const at = process.argv.indexOf('--clients');
  const result = await measure(JSON.parse(process.argv[at + 1]!) as Ready, Number(process.argv[at + 2]));
  process.send!(result, () => process.exit(0));
} else if (process.argv[1] === self) {
  const result = await ordersBench(process.argv.includes('--quick'));
  console.table([
    { contender: 'sdk (order desk)', 'round trip median ms': result.sdk.median.toFixed(2), 'p95 ms': result.sdk.p95.toFixed(2) },
    { contender: 'official (OrdersApi)', 'round trip median ms': result.official.median.toFixed(2), 'p95 ms': result.official.p95.toFixed(2) },
  ]);
  console.log(`create→cancel, ${result.roundTrips} round trips each; official ÷ sdk median: ${(result.official.median / result.sdk.median).toFixed(2)}×`);
}

/**
 * The stream's part of `npm run bench`: one connection to a fake Kalshi in a process of its own.
 *   throughput  the fake makes trades back to back (each one a fill, a position and an order
 *               message); events per second as the consumer's `for await` receives them
 *   latency     trades paced at a steady rate; for each fill, the time from just after the fake
 *               sent it to the moment the consumer's loop body has it (one clock: both processes
 *               read performance.timeOrigin + performance.now() on the same machine)
 */
import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createKalshiClient, type StreamEvent } from '../src/index.js';

const self = fileURLToPath(import.meta.url);
const wallMs = () => performance.timeOrigin + performance.now();

interface Ready {
  baseUrl: string;
  keyId: string;
  privateKeyPem: string;
}
type Command = { burst: number } | { paced: number; perSecond: number };
interface Done {
  sentAt: Record<string, number>;
}

export interface StreamBenchResult {
  events: number;
  eventsPerSecond: number;
  fills: number;
  medianMs: number;
  p99Ms: number;
}

export async function streamBench(quick: boolean): Promise<StreamBenchResult> {
  const child: ChildProcess = fork(self, ['--serve'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextMessage<Ready>(child);
  const client = await createKalshiClient({ keyId: ready.keyId, privateKey: ready.privateKeyPem, baseUrl: ready.baseUrl });
  // The burst counts every event, so the backpressure bound must not be what it measures.
  const stream = client.stream({ channels: ['fill', 'market_positions', 'user_orders'], maxQueuedEvents: 100_000 });
  const iterator = stream[Symbol.asyncIterator]();
  const next = async (): Promise<StreamEvent> => {
    const { value, done } = await iterator.next();
    if (done) throw new Error('the stream ended early');
    return value;
  };
  try {
    while (!isCaughtUp(await next()));

    const burst = quick ? 1_000 : 5_000;
    child.send({ burst } satisfies Command);
    let events = 0;
    let fills = 0;
    let first = 0;
    let last = 0;
    while (fills < burst || events < burst * 3) {
      const event = await next();
      if (event.type === 'status') continue;
      last = wallMs();
      first ||= last;
      events++;
      if (event.type === 'fill') fills++;
    }
    await nextMessage<Done>(child);

    const paced = quick ? 300 : 1_000;
    child.send({ paced, perSecond: 200 } satisfies Command);
    const receivedAt = new Map<string, number>();
    while (receivedAt.size < paced) {
      const event = await next();
      if (event.type === 'fill') receivedAt.set(event.data.trade_id, wallMs());
    }
    const { sentAt } = await nextMessage<Done>(child);
    const latencies = [...receivedAt].map(([id, at]) => at - sentAt[id]!).sort((a, b) => a - b);
    return {
      events,
      fills,
      eventsPerSecond: (events / (last - first)) * 1000,
      medianMs: latencies[Math.floor(latencies.length / 2)]!,
      p99Ms: latencies[Math.floor(latencies.length * 0.99)]!,
    };
  } finally {
    await stream.close();
    child.kill('SIGTERM');
  }
}

function isCaughtUp(event: StreamEvent): boolean {
  return event.type === 'status' && event.status === 'caught-up';
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the stream bench's fake exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

async function serve(): Promise<void> {
  const { startFakeKalshi } = await import('../src/testing/index.js');
  const fake = await startFakeKalshi({ seed: 5, fills: 10, settlements: 1, historicalCutoffDays: null });
  const tickers = fake.data.marketPositions.slice(0, 8).map((p) => p.position.ticker);
  const trade = (n: number) =>
    fake.trade({ ticker: tickers[n % tickers.length]!, outcome_side: n % 2 ? 'yes' : 'no', book_side: n % 2 ? 'bid' : 'ask', count_fp: '1.00', price_dollars: '0.5000' });
  process.on('message', (command: Command) => {
    void (async () => {
      const sentAt: Record<string, number> = {};
      if ('burst' in command) {
        for (let n = 0; n < command.burst; n++) await trade(n);
      } else {
        const gapMs = 1000 / command.perSecond;
        const start = performance.now();
        for (let n = 0; n < command.paced; n++) {
          const wait = start + n * gapMs - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const fill = await trade(n);
          sentAt[fill.trade_id] = wallMs();
        }
      }
      process.send!({ sentAt } satisfies Done);
    })();
  });
  process.send!({ baseUrl: fake.baseUrl, keyId: fake.keyId, privateKeyPem: fake.privateKeyPem } satisfies Ready);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

if (process.argv[1] === self && process.argv[2] === '--serve') await serve();
// `npx tsx bench/stream.ts [--quick]`: the stream's part alone, without the rest of the bench.
else if (process.argv[1] === self) console.log(JSON.stringify(await streamBench(process.argv.includes('--quick'))));

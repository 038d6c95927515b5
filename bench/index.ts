/**
 * `npm run bench`: this SDK against the floor and against Kalshi's official SDK, in one run.
 *
 *   1. correctness: every contender reads the balance from the real fake (signatures verified);
 *   2. 1,000 sequential getBalance requests, each contender in a process of its own
 *      (bench/timing-child.ts), taking turns of 20 timed requests so noise hits all alike (each
 *      turn starts with 10 untimed ones: a process that sat idle needs a few to be back at speed);
 *   3. 4,000 requests with 16 in flight, in turns of 200 the same way (160 untimed first);
 *   4. 100,000 fills with limit=1000, each contender in a fresh process: time and peak RSS growth;
 *   5. cold import of each package in a fresh process;
 *   6. constructing a client (tinybench);
 *   7. a 20,000-fill export through the fake's faults (10% 429, 5% 5xx, 2% connections cut), with
 *      the SDK's default retry settings: items/s and the retries it took;
 *   8. the stream (bench/stream.ts): events per second through one connection, and the latency
 *      from the fake's send to the consumer's loop (median, p99);
 *   9. order writes (bench/orders.ts): create→cancel round trips, the SDK's order desk against the
 *      official SDK's OrdersApi, same fake.
 * The server runs in a child process of its own (bench/server.ts). Needs `npm run build` (for the
 * cold-import and fills processes, which load the package as users do).
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { Configuration, PortfolioApi } from 'kalshi-typescript';
import { createKalshiClient } from '../src/index.js';
import { startFakeProcess } from '../test/support/fake-process.js';
import { CONTENDERS, type ContenderName, type Credentials } from './contenders.js';
import { startBenchServer } from './server.js';
import { ordersBench } from './orders.js';
import { streamBench } from './stream.js';
import { pnlBench, printPnlBench } from './pnl.js';
import type { TimingOrder, TimingReport } from './timing-child.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const quick = process.argv.includes('--quick');
const SEQUENTIAL = quick ? 200 : 1_000;
const CONCURRENT = quick ? 800 : 4_000;
const IN_FLIGHT = 16;
const SEQUENTIAL_TURNS = quick ? 10 : 50;
const CONCURRENT_TURNS = quick ? 4 : 20;
/** Untimed requests (per request in flight) at the start of each turn: a process idle through the others' turns is slow for its first few. */
const SETTLE = 10;
const FILLS = quick ? 20_000 : 100_000;

interface Stats {
  median: number;
  p95: number;
  perSecond: number;
}

function stats(samples: number[], wallMs: number, count: number): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.floor(sorted.length * 0.95)]!, perSecond: (count / wallMs) * 1000 };
}

interface TimingChild {
  name: ContenderName;
  order(order: TimingOrder): Promise<TimingReport>;
}

/** A contender in a process of its own (bench/timing-child.ts), warmed up and waiting for orders. */
async function startTimingChild(name: ContenderName, creds: Credentials): Promise<TimingChild> {
  const child: ChildProcess = fork(here('./timing-child.ts'), [name, creds.baseUrl, creds.keyId], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_PRIVATE_KEY_PEM: creds.privateKeyPem },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<TimingReport>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the ${name} timing process exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolve(message as TimingReport);
      });
    });
  await next(); // ready
  return {
    name,
    order(order) {
      const report = next();
      child.send(order);
      return report;
    },
  };
}

/**
 * Every contender runs `total` requests in turns, one process working at a time; the order of the
 * turns rotates each round, so no contender always follows the same one.
 */
async function timeInTurns(children: TimingChild[], total: number, turns: number, inFlight: number): Promise<Map<string, Stats>> {
  const samples = new Map(children.map((c) => [c.name, [] as number[]]));
  const wall = new Map(children.map((c) => [c.name, 0]));
  const perTurn = total / turns;
  for (let turn = 0; turn < turns; turn++) {
    for (let i = 0; i < children.length; i++) {
      const child = children[(turn + i) % children.length]!;
      const order: TimingOrder = { kind: 'time', settle: SETTLE * inFlight, count: perTurn, inFlight };
      const report = await child.order(order);
      if (report.kind !== 'samples') throw new Error(`${child.name} answered ${report.kind} to a timing order`);
      samples.get(child.name)!.push(...report.samples);
      wall.set(child.name, wall.get(child.name)! + report.wallMs);
    }
  }
  return new Map(children.map((c) => [c.name, stats(samples.get(c.name)!, wall.get(c.name)!, total)]));
}

function fillsInFreshProcess(name: ContenderName, creds: Credentials): { ms: number; rssGrowthMb: number; count: number } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', here('./fills-child.ts'), name, creds.baseUrl, creds.keyId, String(1000)], {
    env: { ...process.env, BENCH_PRIVATE_KEY_PEM: creds.privateKeyPem },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

function coldImport(specifier: string): number {
  const runs = Array.from({ length: 5 }, () =>
    Number(execFileSync(process.execPath, [here('./cold-import.mjs'), specifier], { encoding: 'utf8', cwd: here('..') }).trim()),
  );
  return runs.sort((a, b) => a - b)[2]!;
}

async function construction(creds: Credentials): Promise<Map<string, number>> {
  const bench = new Bench({ time: quick ? 300 : 1_000, warmupTime: 200 });
  bench
    .add('sdk', async () => void (await createKalshiClient({ keyId: creds.keyId, privateKey: creds.privateKeyPem, baseUrl: creds.baseUrl })))
    .add('official', () => void new PortfolioApi(new Configuration({ apiKey: creds.keyId, privateKeyPem: creds.privateKeyPem, basePath: creds.baseUrl })));
  await bench.run();
  return new Map(bench.tasks.map((t) => [t.name, (t.result as { latency?: { p50?: number } }).latency?.p50 ?? Number.NaN]));
}

async function faultedExport(): Promise<{ items: number; seconds: number; retries: Record<string, number> }> {
  const fake = await startFakeProcess({
    seed: 2026,
    fills: quick ? 5_000 : 20_000,
    historicalCutoffDays: null,
    faults: { tooManyRequests: 0.1, serverErrors: 0.05, connectionResets: 0.02 },
  });
  const retries: Record<string, number> = {};
  const client = await createKalshiClient({
    keyId: fake.keyId,
    privateKey: fake.privateKeyPem,
    baseUrl: fake.baseUrl,
    retry: {
      onRetry: (event) => {
        const cause = event.status ? String(event.status) : 'network';
        retries[cause] = (retries[cause] ?? 0) + 1;
      },
    },
  });
  const started = performance.now();
  let items = 0;
  for await (const _ of client.fills()) items++;
  const seconds = (performance.now() - started) / 1000;
  await fake.close();
  return { items, seconds, retries };
}

const fmt = (n: number, digits = 3) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const ratio = (a: number, b: number) => `${fmt(a / b, 2)}×`;

async function main(): Promise<void> {
  const started = performance.now();
  // 1. Correctness against the fake, which verifies every signature.
  //    Each in a process of its own, so the timing process below builds every client only once.
  const fake = await startFakeProcess({ seed: 7, fills: 50, historicalCutoffDays: null });
  for (const name of CONTENDERS) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', here('./balance-child.ts'), name, fake.baseUrl, fake.keyId], {
      env: { ...process.env, BENCH_PRIVATE_KEY_PEM: fake.privateKeyPem },
      encoding: 'utf8',
    });
    const body = JSON.parse(out.trim().split('\n').at(-1)!) as { balance_dollars?: string };
    if (typeof body.balance_dollars !== 'string') throw new Error(`${name} did not read the balance from the fake`);
  }
  const creds: Credentials = { keyId: fake.keyId, privateKeyPem: fake.privateKeyPem, baseUrl: '' };
  await fake.close();

  const server = await startBenchServer(FILLS);
  creds.baseUrl = server.baseUrl;
  // One at a time, so each warms up on a quiet machine.
  const children: TimingChild[] = [];
  for (const name of CONTENDERS) children.push(await startTimingChild(name, creds));
  const seq = await timeInTurns(children, SEQUENTIAL, SEQUENTIAL_TURNS, 1);
  const conc = await timeInTurns(children, CONCURRENT, CONCURRENT_TURNS, IN_FLIGHT);
  // The official process checks again that it signed once per request, then every process ends.
  for (const child of children) await child.order({ kind: 'close' });

  const fills = new Map(CONTENDERS.map((name) => [name, fillsInFreshProcess(name, creds)]));
  await server.close();
  const imports = new Map([
    ['sdk', coldImport('kalshi-portfolio')],
    ['official', coldImport('kalshi-typescript')],
  ]);
  const build = await construction(creds); // last: it builds many official clients
  const faulted = await faultedExport();
  const live = await streamBench(quick);
  const orders = await ordersBench(quick);

  console.log(`\nkalshi-portfolio benchmark — Node ${process.version}, ${process.platform}/${process.arch}, loopback, keep-alive${quick ? ' (quick)' : ''}\n`);
  console.table(
    CONTENDERS.map((name) => ({
      contender: name,
      'seq median ms': fmt(seq.get(name)!.median),
      'seq p95 ms': fmt(seq.get(name)!.p95),
      'seq req/s': Math.round(seq.get(name)!.perSecond),
      [`${IN_FLIGHT}-flight median ms`]: fmt(conc.get(name)!.median),
      [`${IN_FLIGHT}-flight req/s`]: Math.round(conc.get(name)!.perSecond),
      [`${FILLS / 1000}k fills s`]: fmt(fills.get(name)!.ms / 1000, 2),
      'fills RSS growth MB': fmt(fills.get(name)!.rssGrowthMb, 1),
    })),
  );
  const s = (n: string) => seq.get(n)!;
  const c = (n: string) => conc.get(n)!;
  const rows = [
    ['sdk default (undici) ÷ fetch floor, seq median', ratio(s('sdk (undici)').median, s('fetch floor').median), '≤ 1.25×'],
    ['sdk with fetch ÷ fetch floor, seq median', ratio(s('sdk').median, s('fetch floor').median), '(≤ 1.25×)'],
    ['sdk default (undici) ÷ physical floor, seq median', ratio(s('sdk (undici)').median, s('physical floor').median), '≤ 1.2×'],
    ['official ÷ sdk default, seq median', ratio(s('official').median, s('sdk (undici)').median), '≥ 2.5×'],
    // No client can be faster than the floor, so this caps the ratio above.
    ['official ÷ physical floor, seq median (the most any client could show)', ratio(s('official').median, s('physical floor').median), ''],
    [`official ÷ sdk default, ${IN_FLIGHT} in flight (req/s)`, ratio(c('sdk (undici)').perSecond, c('official').perSecond), '≥ 3×'],
    [`sdk default: ${FILLS / 1000}k fills, peak RSS growth`, `${fmt(fills.get('sdk (undici)')!.rssGrowthMb, 1)} MB`, '< 64 MB'],
    ['cold import ms (sdk / official)', `${fmt(imports.get('sdk')!, 1)} / ${fmt(imports.get('official')!, 1)} = ${ratio(imports.get('sdk')!, imports.get('official')!)}`, '≤ 0.5×'],
    ['construct a client ms (sdk / official)', `${fmt(build.get('sdk')!)} / ${fmt(build.get('official')!, 4)}`, ''],
    [
      `faulted export: ${faulted.items} fills, limit 100`,
      `${Math.round(faulted.items / faulted.seconds)} items/s, ${Object.values(faulted.retries).reduce((a, b) => a + b, 0)} retries (${Object.entries(faulted.retries).map(([k, v]) => `${k}: ${v}`).join(', ')})`,
      'every fill once',
    ],
    [
      `stream: ${live.fills} trades back to back, one connection`,
      `${Math.round(live.eventsPerSecond)} events/s (${live.events} events: fills, positions, orders)`,
      '',
    ],
    ['stream: fake send → consumer, fills at 200/s', `median ${fmt(live.medianMs, 2)} ms, p99 ${fmt(live.p99Ms, 2)} ms`, ''],
    [
      `orders: create→cancel round trip, median (sdk / official), ${orders.roundTrips} each`,
      `${fmt(orders.sdk.median, 2)} / ${fmt(orders.official.median, 2)} ms = ${ratio(orders.official.median, orders.sdk.median)} (p95 ${fmt(orders.sdk.p95, 2)} / ${fmt(orders.official.p95, 2)})`,
      '',
    ],
  ];
  console.log('');
  console.table(rows.map(([measure, value, target]) => ({ measure, value, target })));
  console.log(`\n"sdk" is the SDK with transport: 'fetch'; "sdk (undici)" is its default on Node. Ran in ${fmt((performance.now() - started) / 1000, 1)} s.`);
  console.log('Signing is most of a request here. On Node the SDK signs with a KeyObject, like the physical floor: on the spot when a request goes alone, on the thread pool when others are in flight (npm run bench:profile shows where the rest goes).');
  printPnlBench(pnlBench());
}

await main();

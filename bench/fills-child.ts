/**
 * One contender reading every fill, alone in a fresh process so its memory is its own:
 * prints { ms, rssGrowthMb, count } as JSON. Run by bench/index.ts.
 */
import { type ContenderName, makeContender } from './contenders.js';

const [name, baseUrl, keyId, limit] = process.argv.slice(2) as [ContenderName, string, string, string];
const contender = await makeContender(name, { baseUrl, keyId, privateKeyPem: process.env['BENCH_PRIVATE_KEY_PEM']! });
await contender.balance();
(globalThis as { gc?: () => void }).gc?.();
const baseline = process.memoryUsage().rss;
let peak = baseline;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
const started = performance.now();
const count = await contender.allFills(Number(limit));
const ms = performance.now() - started;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
await contender.close?.();
console.log(JSON.stringify({ ms, rssGrowthMb: (peak - baseline) / 1024 / 1024, count }));

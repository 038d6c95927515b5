/**
 * `npm run bench:profile`: where a request's time goes. Runs 3,000 sequential getBalance calls of
 * the default client against the benchmark's server under V8's sampling profiler (after 300 to
 * warm up), then prints the functions with the most self time, grouped by where they live.
 * The profile itself is kept (the path is printed) for Chrome DevTools or speedscope. Set
 * KALSHI_SDK_ENTRY to another build's dist/src/index.js to profile that one instead, or PROFILE_FLOOR=1
 * to profile the benchmark's physical floor (undici `request()` and a `KeyObject`) for comparison.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rsaKeys } from '../test/support/keys.js';
import { startBenchServer } from './server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CALLS = 3_000;
const WARMUP = 300;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

if (process.argv[2] === 'child') {
  let balance: () => Promise<unknown>;
  if (process.env.PROFILE_FLOOR) {
    // The physical floor of the benchmark, for a side-by-side breakdown.
    const { makeContender } = await import('./contenders.js');
    const floor = await makeContender('physical floor', { keyId: 'bench-key', privateKeyPem: process.env.BENCH_PEM!, baseUrl: process.argv[3]! });
    balance = floor.balance;
  } else {
    // The built package, as users load it (KALSHI_SDK_ENTRY points at another build, e.g. an older one, to compare).
    const entry = process.env.KALSHI_SDK_ENTRY ?? join(root, 'dist', 'src', 'index.js');
    const { createKalshiClient } = (await import(entry)) as typeof import('../src/index.js');
    const client = await createKalshiClient({ keyId: 'bench-key', privateKey: process.env.BENCH_PEM!, baseUrl: process.argv[3]! });
    balance = () => client.getBalance();
  }
  for (let i = 0; i < WARMUP + CALLS; i++) await balance();
} else {
  const server = await startBenchServer(10);
  const dir = mkdtempSync(join(tmpdir(), 'kalshi-profile-'));
  try {
    const started = performance.now();
    execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', fileURLToPath(import.meta.url), 'child', server.baseUrl], {
      env: { ...process.env, BENCH_PEM: rsaKeys().pkcs8 },
      stdio: 'inherit',
    });
    const elapsed = performance.now() - started;
    const file = join(dir, readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))!);
    const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; startTime: number; endTime: number };
    const total = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
    const byFunction = new Map<string, number>();
    for (const node of profile.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url.startsWith('file://') ? relative(root, fileURLToPath(url)).replace(/^node_modules\//, '') : url || '(native)';
      const key = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + (node.hitCount ?? 0));
    }
    console.log(`${CALLS + WARMUP} getBalance calls in ${(elapsed / 1000).toFixed(1)} s (process included); ${total} samples; Node ${process.version}`);
    console.log('self time, top 15:');
    for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
      console.log(`${((hits / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
    }
    const byArea = new Map<string, number>();
    for (const node of profile.nodes) byArea.set(areaOf(node), (byArea.get(areaOf(node)) ?? 0) + (node.hitCount ?? 0));
    console.log('self time by area:');
    for (const [area, hits] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 10)) {
      console.log(`${((hits / total) * 100).toFixed(1).padStart(5)}%  ${area}`);
    }
    console.log(`profile: ${file}`);
  } finally {
    await server.close();
  }
}

/** Which part of the stack a sample belongs to, for the summary by area. */
function areaOf({ callFrame: { url, functionName } }: ProfileNode): string {
  if (url.includes('/dist/src/')) return 'this SDK';
  if (url.includes('/bench/')) return 'the floor (bench code)';
  if (url.includes('node_modules/openapi-fetch')) return 'openapi-fetch';
  if (url.includes('node_modules/undici')) return 'undici (npm)';
  if (url.startsWith('node:internal/deps/undici')) return "Node's fetch classes (Request, Headers, Response)";
  if (url.startsWith('node:internal/crypto')) return 'node:crypto (signing)';
  if (url.startsWith('node:internal/modules') || url.includes('/tsx/') || url.includes('esbuild')) return 'module loading (start-up)';
  if (url.startsWith('node:')) return 'other Node internals (streams, timers, events, net)';
  if (!url) return `native: ${functionName}`;
  return 'other';
}

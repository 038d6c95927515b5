/**
 * `npm run bench:ledger`: the ledger against the targets, on SQLite and (when
 * KALSHI_TEST_PG_URL is set: `source scripts/ci/start-postgres.sh`) on PostgreSQL.
 *
 *   - a first sync of 1,000,000 fills from the fake (pages of 1,000; the fake in a process of its
 *     own), with fills/s and the requests it took;
 *   - local insert: the time of the transactions in which that sync wrote its pages of fills
 *     (each with its walk's cursor), fills per second of it (target ≥ 100,000 fills/s on SQLite);
 *   - peak RSS of the syncing process (target < 300 MB);
 *   - an incremental sync of the unchanged account (target ≤ 5 requests).
 * `--fills N` for a smaller run.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startFakeProcess } from '../test/support/fake-process.js';
import type { LedgerChildReport } from './ledger-child.js';

const at = process.argv.indexOf('--fills');
const FILLS = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
const child = fileURLToPath(new URL('./ledger-child.ts', import.meta.url));

const fake = await startFakeProcess({ seed: 7, fills: FILLS });
const dir = mkdtempSync(join(tmpdir(), 'kalshi-ledger-bench-'));
const pgUrl = process.env['KALSHI_TEST_PG_URL'];

function runChild(location: string): Promise<LedgerChildReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', child, fake.baseUrl, fake.keyId, location],
      { env: { ...process.env, BENCH_PRIVATE_KEY_PEM: fake.privateKeyPem }, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout.trim().split('\n').pop()!) as LedgerChildReport)),
    );
  });
}

async function pgDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgUrl!);
  url.pathname = `/${name}`;
  return url.href;
}

const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((n) => n.toFixed(1)).join(' ')}, Node ${process.version}`);
try {
  const engines: Array<[string, () => Promise<string>]> = [['SQLite', async () => join(dir, 'sync.sqlite')]];
  if (pgUrl) engines.push(['PostgreSQL', () => pgDatabase('ledger_bench_sync')]);
  else console.log('PostgreSQL: skipped (set KALSHI_TEST_PG_URL: source scripts/ci/start-postgres.sh)');
  for (const [name, locations] of engines) {
    const r = await runChild(await locations());
    console.log(`${name}: first sync of ${r.fills.toLocaleString('en-US')} fills in ${r.syncSeconds.toFixed(1)} s (${Math.round(r.syncFillsPerSecond).toLocaleString('en-US')} fills/s, ${r.firstRequests} requests)`);
    console.log(
      `  local insert (the sync's fill-page transactions, ${(100 * r.insertShareOfSync).toFixed(0)}% of its wall time) ${Math.round(r.insertFillsPerSecond).toLocaleString('en-US')} fills/s of wall time, ${Math.round(r.insertFillsPerCpuSecond).toLocaleString('en-US')} per CPU second of the syncing process` +
        ` (target ≥ 100,000 on SQLite: ${verdict(r.insertFillsPerSecond >= 100_000)})`,
    );
    console.log(
      `  peak RSS of the syncing process ${r.peakRssMb.toFixed(0)} MB (${r.startRssMb.toFixed(0)} MB before the first sync began) (target < 300: ${verdict(r.peakRssMb < 300)})`,
    );
    console.log(`  incremental sync of the unchanged account: ${r.incrementalRequests} requests (target ≤ 5: ${verdict(r.incrementalRequests <= 5)})`);
  }
} finally {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * One engine's ledger figures, in a process of its own so its peak RSS is the ledger's alone:
 * a first sync of the fake's whole account, then a second (unchanged) one, then the local insert
 * rate: every fill read back and written into an empty ledger in pages of 1,000, one transaction
 * a page, as sync writes them. Prints one JSON line.
 */
import { createKalshiClient } from '../src/index.js';
import { openLedger, sync } from '../src/ledger/index.js';
import type { OpenLedger } from '../src/ledger/ledger.js';
import { fillsTable, upsert } from '../src/ledger/records.js';
import type { Fill } from '../src/index.js';

export interface LedgerChildReport {
  fills: number;
  syncSeconds: number;
  syncFillsPerSecond: number;
  firstRequests: number;
  incrementalRequests: number;
  insertFillsPerSecond: number;
  /** Fills written per second of this process's CPU time: the figure that does not depend on how busy the machine is (SQLite works in this process). */
  insertFillsPerCpuSecond: number;
  peakRssMb: number;
  /** RSS once the client and ledger are loaded, before the sync (tsx's compiled modules included). */
  startRssMb: number;
  /** Peak RSS by the end of the two syncs, before the insert measurement. */
  syncPeakRssMb: number;
}

const [baseUrl, keyId, location, insertLocation] = process.argv.slice(2) as [string, string, string, string];
const client = await createKalshiClient({ keyId, privateKey: process.env['BENCH_PRIVATE_KEY_PEM']!, baseUrl });
const ledger = await openLedger(location);
const startRssMb = process.memoryUsage().rss / 1024 / 1024;
const started = performance.now();
const first = await sync(client, ledger);
const syncSeconds = (performance.now() - started) / 1000;
const second = await sync(client, ledger);
const { fills } = await ledger.counts();
const syncPeakRssMb = process.resourceUsage().maxRSS / 1024;

const target = (await openLedger(insertLocation)) as OpenLedger;
let page: Fill[] = [];
let insertMs = 0;
let insertCpuUs = 0;
const write = async () => {
  const t = performance.now();
  const cpu = process.cpuUsage();
  await target.store.transaction(() => upsert(target.store, fillsTable('rest'), page));
  const used = process.cpuUsage(cpu);
  insertCpuUs += used.user + used.system;
  insertMs += performance.now() - t;
  page = [];
};
for await (const fill of ledger.fills()) {
  page.push(fill);
  if (page.length === 1_000) await write();
}
if (page.length > 0) await write();
await target.close();
await ledger.close();

const report: LedgerChildReport = {
  fills,
  syncSeconds,
  syncFillsPerSecond: fills / syncSeconds,
  firstRequests: first.requests,
  incrementalRequests: second.requests,
  insertFillsPerSecond: fills / (insertMs / 1000),
  insertFillsPerCpuSecond: fills / (insertCpuUs / 1e6),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  startRssMb,
  syncPeakRssMb,
};
process.stdout.write(`${JSON.stringify(report)}\n`);

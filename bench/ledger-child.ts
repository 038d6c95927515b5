/**
 * One engine's ledger figures, in a process of its own so its peak RSS is the ledger's alone:
 * a first sync of the fake's whole account, then a second (unchanged) one. The local insert rate
 * is measured inside the first sync, on the path every user's sync takes: the transaction in
 * which sync writes each page of fills together with where its walk stands (look-up of the page's
 * trade ids, the insert, the cursor, the commit), timed around `store.transaction` and counted
 * for the pages sync reports as fills. Prints one JSON line.
 */
import { createKalshiClient } from '../src/index.js';
import { openLedger, sync } from '../src/ledger/index.js';
import type { OpenLedger } from '../src/ledger/ledger.js';

export interface LedgerChildReport {
  fills: number;
  syncSeconds: number;
  syncFillsPerSecond: number;
  firstRequests: number;
  incrementalRequests: number;
  /** Fills written per second of the fill pages' transactions (wall time). */
  insertFillsPerSecond: number;
  /** Fills written per second of this process's CPU time in those transactions: the figure that depends least on how busy the machine is (SQLite works in this process). */
  insertFillsPerCpuSecond: number;
  /** Share of the first sync's wall time spent in the fill pages' transactions. */
  insertShareOfSync: number;
  peakRssMb: number;
  /** RSS once the client and ledger are loaded, before the sync (tsx's compiled modules included). */
  startRssMb: number;
}

const [baseUrl, keyId, location] = process.argv.slice(2) as [string, string, string];
const client = await createKalshiClient({ keyId, privateKey: process.env['BENCH_PRIVATE_KEY_PEM']!, baseUrl });
const ledger = (await openLedger(location)) as OpenLedger;
const startRssMb = process.memoryUsage().rss / 1024 / 1024;

// The store's own transaction, timed: sync calls it once per page, then reports the page (onPage).
const store = ledger.store as { transaction: OpenLedger['store']['transaction'] };
const transaction = store.transaction.bind(store);
let lastMs = 0;
let lastCpuUs = 0;
store.transaction = async (body, options) => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  try {
    return await transaction(body, options);
  } finally {
    const used = process.cpuUsage(cpu);
    lastCpuUs = used.user + used.system;
    lastMs = performance.now() - wall;
  }
};
let inserted = 0;
let insertMs = 0;
let insertCpuUs = 0;
const started = performance.now();
const first = await sync(client, ledger, {
  onPage(list, records) {
    if (list !== 'fills') return;
    inserted += records;
    insertMs += lastMs;
    insertCpuUs += lastCpuUs;
  },
});
const syncMs = performance.now() - started;
const second = await sync(client, ledger);
const { fills } = await ledger.counts();
await ledger.close();

const report: LedgerChildReport = {
  fills,
  syncSeconds: syncMs / 1000,
  syncFillsPerSecond: fills / (syncMs / 1000),
  firstRequests: first.requests,
  incrementalRequests: second.requests,
  insertFillsPerSecond: inserted / (insertMs / 1000),
  insertFillsPerCpuSecond: inserted / (insertCpuUs / 1e6),
  insertShareOfSync: insertMs / syncMs,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  startRssMb,
};
process.stdout.write(`${JSON.stringify(report)}\n`);

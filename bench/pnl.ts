/**
 * `npm run bench:pnl` (also the last part of `npm run bench`): the P&L engine over 1,000,000
 * generated fills (FIFO, every closed lot kept out, as `pnl` and `summary` run it), in a fresh
 * process: wall time and peak RSS against the targets (< 5 s, < 300 MB).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generatedHistory } from './pnl-history.js';
import { computePnl } from '../src/pnl/index.js';
import { groupPnl } from '../src/pnl/group.js';

const FILLS = Number(process.env['PNL_BENCH_FILLS'] ?? 1_000_000);
const TARGET_SECONDS = 5;
const TARGET_MB = 300;

export interface PnlBenchReport {
  fills: number;
  seconds: number;
  /** CPU time of the computation (user + system): what the wall time is when the machine is not shared. */
  cpuSeconds: number;
  peakRssMb: number;
  markets: number;
  settlements: number;
}

function child(): void {
  const shape = { fills: FILLS, seed: 19, start: Date.UTC(2026, 0, 1) / 1000, step: 30, turn: 400 };
  const input = generatedHistory(shape);
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = computePnl(input, { method: 'fifo' });
  groupPnl(result, 'series');
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const report: PnlBenchReport = {
    fills: result.fillCount,
    seconds,
    cpuSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    markets: result.markets.length,
    settlements: [...(input.settlements ?? [])].length,
  };
  process.stdout.write(JSON.stringify(report));
}

/** Runs the measurement in a process of its own, so its peak RSS is the engine's alone. */
export function pnlBench(): PnlBenchReport {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8', env: { ...process.env, PNL_BENCH_FILLS: String(FILLS) } });
  return JSON.parse(out) as PnlBenchReport;
}

export function printPnlBench(report: PnlBenchReport): void {
  const mark = (ok: boolean) => (ok ? 'ok' : 'OVER TARGET');
  console.log(`\nP&L engine over ${report.fills.toLocaleString('en-US')} fills (${report.markets} markets, ${report.settlements} settlements, FIFO):`);
  console.log(`  time      ${report.seconds.toFixed(2)} s   (target < ${TARGET_SECONDS} s: ${mark(report.seconds < TARGET_SECONDS)}); CPU ${report.cpuSeconds.toFixed(2)} s`);
  console.log(`  peak RSS  ${report.peakRssMb.toFixed(0)} MB   (target < ${TARGET_MB} MB: ${mark(report.peakRssMb < TARGET_MB)})`);
}

if (process.argv.includes('--child')) child();
else if (process.argv[1] === fileURLToPath(import.meta.url)) printPnlBench(pnlBench());

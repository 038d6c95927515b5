/**
 * The P&L report: one self-contained HTML page (inline CSS, inline SVG charts, no script, no
 * external anything) under a Content-Security-Policy that forbids every load but its own style
 * block, named by hash. Built as a string from the engine's figures; the CLI writes it to disk.
 */
import { formatCount, formatDollars } from '../money.js';
import { groupPnl } from '../pnl/group.js';
import type { OpenLot, PnlResult } from '../pnl/types.js';

export interface ReportContext {
  /** When the data was read, Unix seconds (shown, never read from a clock here). */
  generatedAt: number;
  /** Shown under the title: the account or "sample data". */
  subtitle: string;
  /** How the figures are computed, in words (the CLI's help text). */
  explanation: string;
}

const STYLE = `
:root{color-scheme:light;--ink:#1d2430;--dim:#5d6b7e;--line:#dde3ea;--gain:#127a3e;--loss:#b42318;--accent:#2456c7;--bg:#f6f8fa}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
main{max-width:1080px;margin:0 auto;padding:24px}h1{font-size:22px;margin:0}h2{font-size:16px;margin:28px 0 8px}
.sub{color:var(--dim);margin:4px 0 16px}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 12px}.card b{display:block;font-size:20px}
.card>span{color:var(--dim);font-size:12px}.gain{color:var(--gain)}.loss{color:var(--loss)}
.panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px}.grid2{display:grid;grid-template-columns:1fr 1fr;gap:12px}
svg{display:block;width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:var(--dim)}
.axis{stroke:var(--line)}.zero{stroke:#9aa6b5}.pnl-line{fill:none;stroke:var(--accent);stroke-width:2}.dd-area{fill:#f3c1bd;stroke:#b42318;stroke-width:1}
.bar-gain{fill:var(--gain)}.bar-loss{fill:var(--loss)}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}details{margin-top:8px}pre{white-space:pre-wrap;font-size:12px;color:var(--dim)}
.note{color:var(--dim);font-size:12px;margin:6px 0 0}`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const usd = (micros: bigint) => {
  const text = formatDollars(micros < 0n ? -micros : micros);
  const [whole = '0', fraction] = text.split('.');
  return `${micros < 0n ? '−' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
};
const signed = (micros: bigint) => `<span class="${micros > 0n ? 'gain' : micros < 0n ? 'loss' : ''}">${micros > 0n ? '+' : ''}${usd(micros)}</span>`;
const dollarsNumber = (micros: bigint) => Number(micros) / 1e6;
const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** The page. Async only for the style block's SHA-256 (Web Crypto), which the CSP names. */
export async function renderReport(result: PnlResult, context: ReportContext): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(STYLE));
  const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const t = result.totals;
  const traded = result.markets.filter((m) => m.closedCount !== 0n);
  const wins = traded.filter((m) => m.realizedNet > 0n).length;
  const winRate = traded.length === 0 ? '–' : `${((wins / traded.length) * 100).toFixed(1)}%`;
  const period = `${result.since === undefined ? 'the first fill' : day(result.since)} → ${result.until === undefined ? day(context.generatedAt) : day(result.until)}`;
  const cards = [
    ['Net P&L', signed(t.realizedNet), 'realized − fees'],
    ['Realized', signed(t.realizedGross), 'before fees'],
    ['Fees', usd(t.fees), t.estimatedFees ? `${usd(t.estimatedFees)} estimated` : 'fee_cost of the fills'],
    ['Unrealized', signed(t.unrealized), `open cost ${usd(t.openCost)}`],
    ['Win rate', escape(winRate), `${wins} of ${traded.length} markets closed at a net gain`],
    ['Open exposure', usd(t.openCost + t.unrealized), 'open lots at their mark'],
  ]
    .map(([label, value, note]) => `<div class="card"><span>${label}</span><b>${value}</b><span>${note}</span></div>`)
    .join('');

  const months = groupPnl(result, 'month');
  const series = groupPnl(result, 'series')
    .filter((g) => g.realizedNet !== 0n)
    .sort((a, b) => (b.realizedNet > a.realizedNet ? 1 : b.realizedNet < a.realizedNet ? -1 : 0))
    .slice(0, 14);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Kalshi P&amp;L ${escape(period)}</title>
<style>${STYLE}</style></head>
<body><main>
<h1>Kalshi P&amp;L, ${escape(period)}</h1>
<p class="sub">${escape(context.subtitle)} · ${result.method === 'fifo' ? 'FIFO lots' : 'average cost'} · ${result.fillCount.toLocaleString('en-US')} fills · read ${escape(new Date(context.generatedAt * 1000).toISOString().slice(0, 16).replace('T', ' '))} UTC</p>
<section class="cards">${cards}</section>
<h2>Cumulative net P&amp;L and drawdown</h2>
<div class="panel">${cumulativeChart(result)}<p class="note">Per UTC day: realized − fees, added up from the start of the period.</p></div>
<div class="grid2">
<div><h2>Net P&amp;L by month</h2><div class="panel">${barChart(months.map((m) => ({ label: m.key, value: m.realizedNet })), 'month')}</div></div>
<div><h2>Net P&amp;L by series</h2><div class="panel">${barChart(series.map((s) => ({ label: s.key, value: s.realizedNet })), 'series')}</div></div>
</div>
<h2>Fees by month</h2>
${monthTable(months)}
<h2>Open exposure</h2>
${openTable(result.openLots)}
<h2>Reconciliation with Kalshi</h2>
${reconciliationTables(result)}
<details><summary>How every figure is computed</summary><pre>${escape(context.explanation.trim())}</pre></details>
</main></body></html>
`;
}

const W = 1000;

function cumulativeChart(result: PnlResult): string {
  let running = 0n;
  let peak = 0n;
  const points = result.days.map((d) => {
    running += d.realizedGross - d.fees;
    if (running > peak) peak = running;
    return { day: d.day, value: dollarsNumber(running), drawdown: dollarsNumber(running - peak) };
  });
  if (points.length === 0) return `<svg viewBox="0 0 ${W} 60" role="img" aria-label="no realized P&amp;L in the period"><text x="10" y="30">Nothing realized in the period.</text></svg>`;
  const line = lineChart(points.map((p) => ({ day: p.day, value: p.value })), 260, 'pnl-line', 'cumulative', 'cumulative net P&amp;L by day');
  const drawdown = lineChart(points.map((p) => ({ day: p.day, value: p.drawdown })), 140, 'dd-area', 'drawdown', 'drawdown from the running peak by day');
  return `${line}<p class="note">Drawdown: how far below its highest point so far the cumulative net P&amp;L stands.</p>${drawdown}`;
}

/** A daily series as a line (or, for `dd-area`, an area down from zero), with its range and dates on the axes. */
function lineChart(points: { day: string; value: number }[], H: number, mark: 'pnl-line' | 'dd-area', name: string, label: string): string {
  const pad = { l: 70, r: 10, t: 10, b: 24 };
  const values = [...points.map((p) => p.value), 0];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) => pad.l + (points.length === 1 ? 0 : (i / (points.length - 1)) * (W - pad.l - pad.r));
  const y = (v: number) => pad.t + ((max - v) / span) * (H - pad.t - pad.b);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join('');
  const d = mark === 'dd-area' ? `M${x(0).toFixed(1)},${y(0).toFixed(1)}${path.replace(/^M/, 'L')}L${x(points.length - 1).toFixed(1)},${y(0).toFixed(1)}Z` : path;
  const ticks = [...new Set([max, 0, min])].map((v) => `<text x="${pad.l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${escape(plainDollars(v))}</text>`).join('');
  const dates = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])]
    .map((i) => `<text x="${x(i).toFixed(1)}" y="${H - 6}" text-anchor="${i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}">${points[i]!.day}</text>`)
    .join('');
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}" data-chart="${name}" data-points="${points.length}">
<line class="axis" x1="${pad.l}" x2="${W - pad.r}" y1="${H - pad.b}" y2="${H - pad.b}"/><line class="zero" x1="${pad.l}" x2="${W - pad.r}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}"/>
<path class="${mark}" d="${d}"/>${ticks}${dates}</svg>`;
}

function plainDollars(value: number): string {
  const abs = Math.abs(value);
  const text = abs >= 1000 ? `$${(abs / 1000).toFixed(1)}k` : `$${abs.toFixed(2)}`;
  return value < 0 ? `−${text}` : text;
}

function barChart(bars: { label: string; value: bigint }[], name: string): string {
  if (bars.length === 0) return `<svg viewBox="0 0 480 60" role="img" aria-label="no ${name}s"><text x="10" y="30">Nothing realized in the period.</text></svg>`;
  const rowH = 22;
  const H = bars.length * rowH + 10;
  const Wb = 480;
  const labelW = 110;
  const valueW = 90;
  const max = Math.max(...bars.map((b) => Math.abs(dollarsNumber(b.value))), 1e-9);
  const hasNegative = bars.some((b) => b.value < 0n);
  const plot = Wb - labelW - valueW;
  const zero = labelW + (hasNegative ? plot / 2 : 0);
  const scale = (hasNegative ? plot / 2 : plot) / max;
  const rows = bars
    .map((b, i) => {
      const v = dollarsNumber(b.value);
      const w = Math.max(Math.abs(v) * scale, 1);
      const xStart = v < 0 ? zero - w : zero;
      const yTop = 5 + i * rowH;
      return `<text x="${labelW - 6}" y="${yTop + 14}" text-anchor="end">${escape(b.label)}</text><rect class="bar ${b.value < 0n ? 'bar-loss' : 'bar-gain'}" x="${xStart.toFixed(1)}" y="${yTop + 3}" width="${w.toFixed(1)}" height="${rowH - 8}"><title>${escape(b.label)}: ${escape(usd(b.value))}</title></rect><text x="${Wb - 4}" y="${yTop + 14}" text-anchor="end">${escape(usd(b.value))}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 ${Wb} ${H}" role="img" aria-label="net P&amp;L by ${name}" data-chart="${name}"><line class="zero" x1="${zero}" x2="${zero}" y1="0" y2="${H}"/>${rows}</svg>`;
}

function monthTable(months: ReturnType<typeof groupPnl>): string {
  if (months.length === 0) return '<p class="note">No fees in the period.</p>';
  const rows = months
    .map((m) => `<tr><td>${escape(m.key)}</td><td class="n">${signed(m.realizedGross)}</td><td class="n">${usd(m.fees)}${m.estimatedFees ? ` (${usd(m.estimatedFees)} est.)` : ''}</td><td class="n">${signed(m.realizedNet)}</td></tr>`)
    .join('');
  return `<table><thead><tr><th>Month</th><th class="n">Realized</th><th class="n">Fees</th><th class="n">Net</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function openTable(lots: OpenLot[]): string {
  if (lots.length === 0) return '<p class="note">Nothing open at the end of the period.</p>';
  const byMarket = new Map<string, { subaccount: number; ticker: string; side: string; count: bigint; cost: bigint; value: bigint; marks: Set<string> }>();
  for (const lot of lots) {
    const key = `${lot.subaccount}/${lot.ticker}/${lot.side}`;
    const row = byMarket.get(key) ?? { subaccount: lot.subaccount, ticker: lot.ticker, side: lot.side, count: 0n, cost: 0n, value: 0n, marks: new Set<string>() };
    row.count += lot.count;
    row.cost += lot.cost;
    row.value += lot.value;
    row.marks.add(lot.mark);
    byMarket.set(key, row);
  }
  const rows = [...byMarket.values()]
    .sort((a, b) => (b.cost > a.cost ? 1 : b.cost < a.cost ? -1 : 0))
    .map((r) => `<tr><td>${escape(r.ticker)}</td><td>${r.subaccount}</td><td>${r.side.toUpperCase()}</td><td class="n">${formatCount(r.count)}</td><td class="n">${usd(r.cost)}</td><td class="n">${usd(r.value)}</td><td class="n">${signed(r.value - r.cost)}</td><td>${escape([...r.marks].join(', '))}</td></tr>`)
    .join('');
  return `<table><thead><tr><th>Market</th><th>Sub</th><th>Side</th><th class="n">Contracts</th><th class="n">Cost</th><th class="n">Value</th><th class="n">Unrealized</th><th>Marked at</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function reconciliationTables(result: PnlResult): string {
  const r = result.reconciliation;
  const parts: string[] = [];
  if (r.cash) {
    const c = r.cash;
    const line = (label: string, micros: bigint, how: string) => `<tr><td>${label}</td><td class="n">${usd(micros)}</td><td>${how}</td></tr>`;
    parts.push(`<table data-table="cash"><thead><tr><th>Cash identity (whole history)</th><th class="n">Amount</th><th>From</th></tr></thead><tbody>
${line('Deposits', c.deposits, 'applied deposits')}${line('− deposit fees', -c.depositFees, 'fee_cents')}${line('− withdrawals', -c.withdrawals, 'pending and applied withdrawals')}${line('− withdrawal fees', -c.withdrawalFees, 'fee_cents')}
${line('Fill cash flows', c.fillCash, '−count × price paid, +$1 per netted pair')}${line('Settlement revenue', c.settlementRevenue, 'revenue of the settlements')}${line('− fees', -c.fees, 'fee_cost of the fills (with estimates)')}${line('± transfers', c.transfers, 'between subaccounts')}${line('± margined instance', c.intraTransfers, 'complete intra-exchange transfers')}
${line('Expected balance', c.expected, 'the sum above')}${line('Balance now', c.balance, 'subaccount balances')}
<tr><td><b>Residual</b></td><td class="n"><b>${signed(c.residual)}</b></td><td>interest, rewards, collateral returns: in no portfolio endpoint</td></tr></tbody></table>`);
  }
  const off = r.markets.filter((m) => m.position.difference !== 0n || m.realized.difference !== 0n || m.fees.difference !== 0n);
  parts.push(
    `<p class="note">${r.markets.length} market positions compared with Kalshi's position_fp, realized_pnl_dollars (fee-free) and fees_paid_dollars: ${r.markets.length - off.length} agree exactly${off.length ? `, ${off.length} differ:` : '.'}</p>`,
  );
  if (off.length > 0) {
    const rows = off
      .slice(0, 50)
      .map((m) => `<tr><td>${escape(m.ticker)}</td><td>${m.subaccount}</td><td class="n">${formatCount(m.position.difference)}</td><td class="n">${usd(m.realized.difference)}</td><td class="n">${usd(m.fees.difference)}</td><td>${m.incomplete ? 'history incomplete' : ''}</td></tr>`)
      .join('');
    parts.push(`<table data-table="markets"><thead><tr><th>Market</th><th>Sub</th><th class="n">Position Δ</th><th class="n">Realized Δ</th><th class="n">Fees Δ</th><th></th></tr></thead><tbody>${rows}</tbody></table>`);
  }
  for (const warning of result.warnings.slice(0, 10)) parts.push(`<p class="note">Warning: ${escape(warning)}</p>`);
  return parts.join('\n');
}

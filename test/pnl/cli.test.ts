/**
 * pnl, summary, export lots and report from the command line, against the embedded fake. The
 * fake's sample account here has no fills (--fake-fills 0), only positions and settlements: a
 * history that is incomplete everywhere, which must be flagged, never crash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, run, tempDir } from '../support/cli.js';

beforeAll(assertBuilt);
const FAKE = ['--fake', '--fake-fills', '0'];

describe('P&L commands', { timeout: 120_000 }, () => {
  it('pnl --json: figures, marks and a reconciliation that flags the missing history', async () => {
    const { code, stdout, stderr } = await run(['pnl', '--json', '--by', 'series', ...FAKE]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ method: 'fifo', by: 'series', totals: { realized_dollars: '0.00', fees_dollars: '0.00', net_dollars: '0.00' } });
    expect(out.reconciliation.incomplete.length).toBeGreaterThan(0);
    expect(out.reconciliation.incomplete[0].reason).toMatch(/no fill/);
    // The cash identity with its residual, in exact dollars.
    expect(out.reconciliation.cash.residual_dollars).toMatch(/^-?\d+\.\d{2,6}$/);
    expect(out.reconciliation.cash.settlement_revenue_dollars).not.toBe('0.00');
  });

  it('pnl --csv and the text table', async () => {
    const csv = await run(['pnl', '--csv', '--by', 'month', ...FAKE]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('month,realized_dollars,fees_dollars,estimated_fees_dollars,net_dollars,unrealized_dollars,open_cost_dollars,total_dollars,closed_contracts');
    const text = await run(['pnl', '--method', 'average', ...FAKE]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^MARKET +CLOSED +REALIZED +FEES +NET +UNREALIZED +TOTAL$/m);
    expect(text.stdout).toMatch(/average cost, over 0 fills/);
    expect(text.stdout).toMatch(/^Cash: balance \$[\d,.]+ vs -?\$[\d,.]+ from the history; residual/m);
    expect(text.stdout).toMatch(/^Incomplete history in \d+ markets/m);
  });

  it('summary: one net figure for exactly the period', async () => {
    const { code, stdout } = await run(['summary', '--json', '--since', '2026-01-01', '--until', '2026-06-30', ...FAKE]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ since: '2026-01-01T00:00:00Z', until: '2026-06-30T23:59:59Z', method: 'fifo', net_pnl_dollars: '0.00', realized_dollars: '0.00' });
    const text = await run(['summary', ...FAKE]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Net P&L +\$0\.00 +realized - fees$/m);
  });

  it('export lots --year writes the closed lots; --year is for lots only, and a year is four digits', async () => {
    const dir = tempDir();
    try {
      const out = join(dir.path, 'lots.csv');
      const { code } = await run(['export', 'lots', '--year', '2026', '--out', out, ...FAKE]);
      expect(code).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe('subaccount,ticker,side,acquired,disposed,contracts,proceeds_dollars,cost_dollars,fees_dollars,gain_dollars,closed_by,fees_estimated\n');
      expect(dir.files()).toEqual(['lots.csv']);
    } finally {
      dir.remove();
    }
    const badYear = await run(['export', 'lots', '--year', '26', ...FAKE]);
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toMatch(/expected a year such as 2026/);
    const notLots = await run(['export', 'fills', '--year', '2026', ...FAKE]);
    expect(notLots.code).toBe(2);
    expect(notLots.stderr).toMatch(/--year applies to lots only/);
  });

  it('report --out writes one self-contained page', async () => {
    const dir = tempDir();
    try {
      const out = join(dir.path, 'report.html');
      const { code } = await run(['report', '--out', out, ...FAKE]);
      expect(code).toBe(0);
      const html = readFileSync(out, 'utf8');
      expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
      expect(html).toContain('Sample data (the embedded fake Kalshi)');
      expect(html).toContain('Reconciliation with Kalshi');
    } finally {
      dir.remove();
    }
  });
});

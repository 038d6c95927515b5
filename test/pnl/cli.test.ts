/**
 * pnl, summary, export lots and report from the command line, against the embedded fake. The
 * fake's sample account (default seed, all fills) is one consistent history, so the P&L must agree
 * with Kalshi's own figures exactly: checked against the fake's data, read at run time. (Its
 * history is complete, so missing history is tested on the engine: engine.test.ts.) The other
 * commands run on the fill-less account (--fake-fills 0).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_SEED } from '../../src/cli/connect.js';
import { formatCount, formatDollars, parseCount, parseDollars } from '../../src/money.js';
import { cashTerms } from '../../src/testing/index.js';
import { assertBuilt, run, sharedFake, tempDir } from '../support/cli.js';

beforeAll(assertBuilt);
const FAKE = ['--fake', '--fake-fills', '0'];

describe('P&L commands', { timeout: 120_000 }, () => {
  // The same account the CLI's --fake serves: its data is what Kalshi would report. The first
  // run is `pnl --fake` itself; the others read this one fake as a real account (`ACCOUNT`), which
  // spares each run a fake of its own (about half a CPU second).
  const fixture = sharedFake({ seed: DEFAULT_FAKE_SEED });
  let fake: typeof fixture.fake;
  let ACCOUNT: string[];
  beforeAll(() => {
    fake = fixture.fake;
    ACCOUNT = fixture.args;
  });

  it('pnl --fake --json: the consistent account reconciles with Kalshi to the cent', async () => {
    const { code, stdout, stderr } = await run(['pnl', '--json', '--fake']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    const r = out.reconciliation;
    expect(r.incomplete).toEqual([]);

    // Every market position Kalshi lists, every subaccount, live and archived: our position and
    // fee-free realized P&L from the fills and settlements equal Kalshi's.
    const key = (subaccount: number, ticker: string) => `${subaccount} ${ticker}`;
    const kalshi = new Map(fake.data.marketPositions.map((e) => [key(e.subaccount, e.position.ticker), e.position]));
    const ours = new Map<string, { position: string; realized: string }>(
      r.markets.map((m: { subaccount: number; ticker: string; position_fp: { ours: string }; realized_pnl_dollars: { ours: string } }) => [
        key(m.subaccount, m.ticker),
        { position: m.position_fp.ours, realized: m.realized_pnl_dollars.ours },
      ]),
    );
    expect([...ours.keys()].sort()).toEqual([...kalshi.keys()].sort());
    for (const [k, p] of kalshi) {
      expect({ market: k, ...ours.get(k) }).toEqual({ market: k, position: formatCount(parseCount(p.position_fp)), realized: formatDollars(parseDollars(p.realized_pnl_dollars)) });
    }

    // Fees: per market (all subaccounts), the fills' fee_cost plus the estimate for archived
    // fee-less fills equals Kalshi's fees_paid_dollars; in total too.
    const kalshiFees = new Map<string, bigint>();
    for (const e of fake.data.marketPositions) kalshiFees.set(e.position.ticker, (kalshiFees.get(e.position.ticker) ?? 0n) + parseDollars(e.position.fees_paid_dollars));
    const byMarket = JSON.parse((await run(['pnl', '--json', '--by', 'market', ...ACCOUNT])).stdout);
    const ourFees = new Map<string, bigint>(byMarket.groups.map((g: { key: string; fees_dollars: string }) => [g.key, parseDollars(g.fees_dollars)]));
    for (const [ticker, fees] of kalshiFees) expect({ ticker, fees: ourFees.get(ticker) ?? 0n }).toEqual({ ticker, fees });
    const totalFees = [...kalshiFees.values()].reduce((a, b) => a + b, 0n);
    expect(out.totals.fees_dollars).toBe(formatDollars(totalFees));
    expect(parseDollars(out.totals.estimated_fees_dollars)).toBeGreaterThan(0n); // the archived fee-less fills

    // The cash identity: the balance of every subaccount and shard, explained to zero.
    const rows = { ...fake.data, ...fake.state };
    let balance = 0n;
    for (const subaccount of fake.state.subaccounts) {
      for (const exchangeIndex of fake.data.exchangeIndexes) balance += cashTerms(rows, { instance: 'event_contract', subaccount, exchangeIndex }).total;
    }
    expect(r.cash.balance_dollars).toBe(formatDollars(balance));
    expect(r.cash.expected_dollars).toBe(formatDollars(balance));
    expect(r.cash.residual_dollars).toBe('0.00');
    expect(r.cash.fees_dollars).toBe(formatDollars(totalFees));
  });

  it('pnl --csv and the text table', async () => {
    const csv = await run(['pnl', '--csv', '--by', 'month', ...ACCOUNT]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('month,realized_dollars,fees_dollars,estimated_fees_dollars,net_dollars,unrealized_dollars,open_cost_dollars,total_dollars,closed_contracts');
    const json = JSON.parse((await run(['pnl', '--json', '--by', 'month', '--method', 'average', ...ACCOUNT])).stdout);
    const text = await run(['pnl', '--method', 'average', ...ACCOUNT]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^MARKET +CLOSED +REALIZED +FEES +NET +UNREALIZED +TOTAL$/m);
    expect(text.stdout).toMatch(new RegExp(`average cost, over ${fake.data.fills.length} fills`));
    expect(text.stdout).toMatch(/^Cash: balance \$[\d,.]+ vs \$[\d,.]+ from the history; residual \$0\.00/m);
    expect(text.stdout).not.toMatch(/Incomplete history/);
    // The month rows add up to the totals.
    const sum = json.groups.reduce((a: bigint, g: { net_dollars: string }) => a + parseDollars(g.net_dollars), 0n);
    expect(formatDollars(sum)).toBe(json.totals.net_dollars);
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

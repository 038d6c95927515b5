import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computePnl, groupPnl } from '../../src/pnl/index.js';
import { renderReport } from '../../src/report/index.js';
import { fill } from '../pnl/history.js';
import { SAMPLE_END, SAMPLE_INTEREST, sampleResult } from './sample.js';

const context = { generatedAt: SAMPLE_END, subtitle: 'test data', explanation: 'realized = proceeds − cost' };

describe('the P&L report', () => {
  const result = sampleResult();

  it('is one page that loads nothing: a CSP of none but its own style, named by hash; no script, no URL', async () => {
    const html = await renderReport(result, context);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; img-src 'none'/);
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style!).digest('base64')}'`);
    expect(html).not.toMatch(/<script|https?:|src=|href=|url\(|@import/i);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('shows the engine figures: net, fees, the monthly bars and the cash residual', async () => {
    const html = await renderReport(result, context);
    const money = (micros: bigint) => `$${(Number(micros < 0n ? -micros : micros) / 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
    const card = (label: string) => new RegExp(`<span>${label}</span><b>(?:<span[^>]*>)?([^<]+)<`).exec(html)?.[1];
    expect(card('Net P&L')).toBe(`${result.totals.realizedNet > 0n ? '+' : '−'}${money(result.totals.realizedNet)}`);
    expect(card('Fees')).toBe(money(result.totals.fees));
    const months = groupPnl(result, 'month');
    expect(months.length).toBeGreaterThan(4);
    expect(html.match(/<rect class="bar /g)!.length).toBeGreaterThanOrEqual(months.length + 1);
    expect(html).toContain(`data-chart="cumulative" data-points="${result.days.length}"`);
    expect(html).toContain(`data-chart="drawdown" data-points="${result.days.length}"`);
    expect(html).toMatch(new RegExp(`<b>Residual</b></td><td class="n"><b><span class="gain">\\+${money(SAMPLE_INTEREST).replace('$', '\\$')}</span>`));
  });

  it('escapes what came from the server', async () => {
    const ticker = 'KX<img>-1-"A"';
    const r = computePnl({ fills: [fill({ ticker, direction: 'yes', count: '1.00', yes: '0.40', ts: SAMPLE_END }), fill({ ticker, direction: 'no', count: '1.00', yes: '0.60', ts: SAMPLE_END + 9 })] });
    const html = await renderReport(r, context);
    expect(html).not.toContain('<img>');
    expect(html).toContain('KX&#60;img&#62;');
  });
});

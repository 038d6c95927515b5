/**
 * The report in headless Chromium (Debian's, through playwright-core), opened from disk as a user
 * would: no console error (a CSP violation is one), no request but the file itself, and the
 * charts' marks drawn. Writes docs/report.png, the README's picture, when UPDATE_SCREENSHOT=1.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/report/index.js';
import { SAMPLE_END, sampleResult } from './sample.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** As test/runtimes: no background traffic, no QUIC, no sandbox (containers). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the report in a browser', () => {
  it('opens from disk with no request and no console error, and draws its charts', async () => {
    expect(existsSync(CHROMIUM), `Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium, or set CHROMIUM_PATH`).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'kalshi-report-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, await renderReport(sampleResult(), { generatedAt: SAMPLE_END, subtitle: 'Sample data (generated history)', explanation: 'realized = proceeds − cost' }));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 20_000 });
    try {
      const page = await browser.newPage({ viewport: { width: 1120, height: 900 } });
      const console: string[] = [];
      const requests: string[] = [];
      page.on('console', (message) => console.push(`${message.type()}: ${message.text()}`));
      page.on('pageerror', (error) => console.push(`pageerror: ${error.message}`));
      page.on('request', (request) => requests.push(request.url()));
      const url = pathToFileURL(file).href;
      await page.goto(url, { waitUntil: 'load' });
      expect(console).toEqual([]);
      expect(requests).toEqual([url]);

      const marks = await page.evaluate(() => {
        const size = (selector: string) => [...document.querySelectorAll(selector)].filter((e) => { const box = e.getBoundingClientRect(); return box.width > 0 && box.height > 0; }).length;
        return { line: size('[data-chart="cumulative"] .pnl-line'), drawdown: size('[data-chart="drawdown"] .dd-area'), months: size('[data-chart="month"] rect.bar'), series: size('[data-chart="series"] rect.bar'), cash: size('[data-table="cash"] tr') };
      });
      expect(marks.line).toBe(1);
      expect(marks.drawdown).toBe(1);
      expect(marks.months).toBeGreaterThan(4);
      expect(marks.series).toBeGreaterThan(3);
      expect(marks.cash).toBeGreaterThan(8);
      if (process.env['UPDATE_SCREENSHOT'] === '1') await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'docs', 'report.png'), fullPage: true });
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

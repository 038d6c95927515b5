/** `report`: the P&L as one self-contained HTML page (no network, strict CSP, inline SVG charts). */
import { Command, Option } from 'commander';
import type { CostMethod } from '../../pnl/index.js';
import { renderReport } from '../../report/index.js';
import { type Io, warn, withConnection } from '../context.js';
import { type Window, sinceOption, untilOption, windowQuery } from '../options.js';
import { writeOut } from './lots.js';
import { PNL_EXPLAINED, loadHistory, methodOption, runPnl } from './pnl.js';

export function reportCommand(io: Io): Command {
  return new Command('report')
    .description('write the P&L as one HTML file: cumulative P&L and drawdown, by month and series, fees, win rate, open exposure, reconciliation')
    .addOption(new Option('-o, --out <file>', 'the HTML file to write').default('report.html'))
    .addOption(methodOption())
    .addOption(sinceOption())
    .addOption(untilOption())
    .addHelpText('after', `\nThe file opens from disk with no network: no script, and a Content-Security-Policy that allows\nnothing but its own inline style.\n${PNL_EXPLAINED}`)
    .action(async (options: Window & { out: string; method: CostMethod }, command: Command) => {
      windowQuery(options);
      const fake = command.optsWithGlobals<{ fake?: boolean }>().fake === true;
      return withConnection(command, io, async ({ client, now }) => {
        const result = runPnl(await loadHistory(client, io), { method: options.method, since: options.since, until: options.until, lots: false });
        const html = await renderReport(result, { generatedAt: Math.floor(now / 1000), subtitle: fake ? 'Sample data (the embedded fake Kalshi)' : 'Your Kalshi account, every subaccount', explanation: PNL_EXPLAINED });
        await writeOut(options.out, html);
        if (io.stderr.isTTY) warn(io, `wrote ${options.out}`);
      });
    });
}

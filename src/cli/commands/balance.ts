import { Command } from 'commander';
import { serverCents, serverDollars } from '../amounts.js';
import { type Io, print, printJson, withConnection } from '../context.js';
import { type Pair, dollars, pairs, utc } from '../format.js';
import { jsonOption, subaccountOption, subaccountQuery } from '../options.js';
import { printable } from '../terminal.js';

export function balanceCommand(io: Io): Command {
  return new Command('balance')
    .description("cash and portfolio value of the primary account (Kalshi's default) or of --subaccount")
    .addOption(subaccountOption('0, the primary account'))
    .addOption(jsonOption())
    .action(async (options: { json?: boolean; subaccount?: number }, command: Command) =>
      withConnection(command, io, async ({ client }) => {
        const balance = await client.getBalance(subaccountQuery(options.subaccount), { signal: io.signal });
        if (options.json) return printJson(io, balance);
        const cash = serverDollars(balance.balance_dollars, 'balance_dollars');
        const positions = serverCents(balance.portfolio_value, 'portfolio_value');
        const lines: Pair[] = [{ label: 'Cash', value: dollars(cash) }];
        for (const shard of balance.balance_breakdown ?? []) {
          lines.push({ label: `  exchange ${shard.exchange_index}`, value: dollars(serverDollars(shard.balance, 'balance_breakdown[].balance')) });
        }
        lines.push({ label: 'Portfolio value', value: dollars(positions), note: 'open positions' });
        lines.push({ label: 'Total', value: dollars(cash + positions), note: 'cash + portfolio value', total: true });
        const whose = options.subaccount ? `subaccount ${options.subaccount}, ` : '';
        await print(io, `${pairs(lines, io.colors)}${io.colors.dim(`${whose}as of ${printable(utc(balance.updated_ts))} UTC`)}\n`);
      }),
    );
}

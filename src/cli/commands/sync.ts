import { Command, Option } from 'commander';
import { type Ledger, defaultLedgerPath, openLedger, sync } from '../../ledger/index.js';
import type { GlobalOptions } from '../connect.js';
import { type Io, print, printJson, withConnection } from '../context.js';
import { plural } from '../format.js';

interface SyncCommandOptions {
  db?: string;
  full?: boolean;
  json?: boolean;
}

/** `--db`'s value, or the default file for this environment and key (the fake's per seed). */
export function ledgerLocation(command: Command, db: string | undefined): string {
  if (db) return db;
  const options = command.optsWithGlobals<GlobalOptions>();
  return options.fake ? defaultLedgerPath(`fake-seed${options.fakeSeed}`, 'fake') : defaultLedgerPath(options.env, options.keyId ?? 'no-key');
}

/** The label a ledger records for the account it mirrors, so another account's sync is refused. */
function accountLabel(command: Command): string {
  const options = command.optsWithGlobals<GlobalOptions>();
  if (options.fake) return `fake:seed${options.fakeSeed}`;
  return `${options.baseUrl ?? options.env}:${options.keyId ?? ''}`;
}

export const dbOption = () =>
  new Option('--db <file-or-url>', 'the ledger: a SQLite file, or a postgres:// URL (default: a file per environment and key id, see docs/ledger.md)');

/** Opens the ledger for a command and closes it however `body` ends. */
export async function withLedger<T>(location: string, body: (ledger: Ledger) => Promise<T>): Promise<T> {
  const ledger = await openLedger(location);
  try {
    return await body(ledger);
  } finally {
    await ledger.close();
  }
}

export function syncCommand(io: Io): Command {
  return new Command('sync')
    .description('mirror the account into a local ledger: fills, orders, settlements, deposits, withdrawals, transfers, and a positions and balance snapshot')
    .addOption(dbOption())
    .addOption(new Option('--full', 'read every list since the last sync even when nothing seems to have changed'))
    .addOption(new Option('--json', 'print the sync report as JSON'))
    .addHelpText(
      'after',
      `
The first sync reads the whole history (archived fills and orders included) of every subaccount;
later ones read only what is new, and an unchanged account costs five requests. A sync stopped
at any point (Ctrl-C, a crash, a kill) leaves a consistent ledger and the next one carries on.
"watch --db" may append live fills to the same ledger at the same time.
The SQLite ledger needs the better-sqlite3 package and a postgres:// one the pg package
(npm install better-sqlite3, or npm install pg, beside kalshi-portfolio).`,
    )
    .action(async (options: SyncCommandOptions, command: Command) => {
      const location = ledgerLocation(command, options.db);
      return withConnection(command, io, async ({ client }) =>
        withLedger(location, async (ledger) => {
          const report = await sync(client, ledger, { account: accountLabel(command), signal: io.signal, ...(options.full ? { full: true } : {}) });
          if (options.json) return printJson(io, { ledger: ledger.location, ...report });
          const w = report.written;
          const summary = report.changed
            ? `wrote ${[
                plural(w.fills, 'fill'),
                plural(w.orders, 'order'),
                plural(w.settlements, 'settlement'),
                plural(w.deposits, 'deposit'),
                plural(w.withdrawals, 'withdrawal'),
                plural(w.subaccountTransfers, 'subaccount transfer'),
                plural(w.positions, 'position'),
              ].join(', ')} (new or changed)`
            : 'nothing changed since the last sync';
          return print(io, `Synced ${ledger.location}: ${summary}, in ${plural(report.requests, 'request')}.\n`);
        }),
      );
    });
}

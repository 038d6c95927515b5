/** Where the CLI keeps a ledger when --db is not given: one SQLite file per environment and key id. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `$XDG_DATA_HOME/kalshi-portfolio/<environment>-<key id>.sqlite` (XDG_DATA_HOME defaults to
 * ~/.local/share), or `%LOCALAPPDATA%\kalshi-portfolio\…` on Windows. Characters a file name
 * cannot safely hold become `_`.
 */
export function defaultLedgerPath(environment: string, keyId: string, env: NodeJS.ProcessEnv = process.env): string {
  const base =
    process.platform === 'win32'
      ? (env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'))
      : (env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share'));
  const safe = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');
  return join(base, 'kalshi-portfolio', `${safe(environment)}-${safe(keyId)}.sqlite`);
}

/** --help on every command, --version, and colour only on a terminal without NO_COLOR. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANSI, CLI, assertBuilt, cleanEnv, run, tempDir } from '../support/cli.js';

beforeAll(assertBuilt);

const GLOBAL_FLAGS = ['--key-id', '--key-file', '--env', '--fake', '--fake-seed', '--fake-fills', '--debug', 'KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY_PATH'];
const COMMANDS: Record<string, string[]> = {
  balance: ['--json'],
  positions: ['--json'],
  orders: ['--status', 'resting', 'canceled', 'executed', '--ticker', '--json', 'queue_position_fp', 'created_time', 'event_ticker', '(event not confirmed by Kalshi)'],
  fills: ['--limit', '--ticker', '--since', '--until', '--json'],
  settlements: ['--limit', '--ticker', '--since', '--until', '--json'],
  summary: ['--since', '--until', '--method', '--json', 'realized - fees', 'FIFO', 'netting off', 'fees_paid_dollars', 'estimated', 'unrealized'],
  pnl: ['--by', 'market', 'event', 'series', 'month', 'year', 'subaccount', '--method', 'fifo', 'average', '--since', '--until', '--json', '--csv', 'realized - fees'],
  report: ['--out', '--method', '--since', '--until', 'Content-Security-Policy'],
  export: ['<kind>', 'fills', 'settlements', 'positions', 'orders', '--format', 'csv', 'json', 'ndjson', '--out', '--ticker', '--since', '--until', '--open', 'lots', '--year', 'no tax is computed'],
  watch: [
    '--channels', 'fill', 'market_positions', 'user_orders', 'order_group_updates', '--ticker', '--json', 'NDJSON', '--fake-fills-per-second',
    'FILL', 'POSITION', 'ORDER', 'reconnecting', 'caught up', 'Ctrl-C (exit 130)', 'SIGTERM (exit 143)',
  ],
};

describe.concurrent('--help', () => {
  it('of the program lists every command and the exit codes', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const command of Object.keys(COMMANDS)) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    for (const flag of GLOBAL_FLAGS) expect(stdout).toContain(flag);
    expect(stdout).toContain('Exit codes: 0 ok, 1 API, network, auth or file error, 2 usage error, 130 interrupted');
  });

  it.each(Object.entries(COMMANDS))('of %s lists its flags and the global ones', async (command, flags) => {
    const { code, stdout } = await run([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: kalshi-portfolio ${command}`);
    for (const flag of [...flags, ...GLOBAL_FLAGS]) expect(stdout).toContain(flag);
    // Test hooks stay out of sight.
    expect(stdout).not.toContain('--base-url');
    expect(stdout).not.toContain('--fake-latency-ms');
    expect(stdout).not.toContain('--fake-stream-drop-ms');
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });
});

// `script` (util-linux) gives the CLI a terminal, to see what a person at a terminal sees.
const hasScript = spawnSync('script', ['--version']).status === 0;

function inTerminal(args: string[], env: Record<string, string | undefined> = {}): string {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  return execFileSync('script', ['-qec', command, '/dev/null'], { env: cleanEnv(env), encoding: 'utf8', timeout: 30_000 });
}

describe.concurrent('colour', () => {
  it('none when stdout is not a terminal, even with FORCE_COLOR', async () => {
    const { code, stdout } = await run(['positions', '--fake'], { env: { FORCE_COLOR: '1' } });
    expect(code).toBe(0);
    expect(stdout).not.toMatch(ANSI);
  });

  it.skipIf(!hasScript)('on a terminal: P&L in colour; with NO_COLOR: none', () => {
    const coloured = inTerminal(['settlements', '--fake']);
    expect(coloured).toMatch(/\u001b\[3[12]m[+-]\$/);
    const plain = inTerminal(['settlements', '--fake'], { NO_COLOR: '1' });
    expect(plain).not.toMatch(ANSI);
    expect(plain).toContain('Total: 20 settlements');
  });

  it.skipIf(!hasScript)('an export on a terminal shows its progress line (pages, items, items/s) on stderr', () => {
    const dir = tempDir();
    try {
      const out = inTerminal(['export', 'fills', '--fake', '--fake-fills', '3000', '--out', `${dir.path}/f.csv`]);
      expect(out).toMatch(/exporting fills: \d+ pages?, 3,000 items, [\d,]+ items\/s/);
      expect(out).toContain(`wrote 3,000 fills to ${dir.path}/f.csv (csv)`);
      expect(readFileSync(`${dir.path}/f.csv`, 'utf8').trimEnd().split('\n')).toHaveLength(3001);
    } finally {
      dir.remove();
    }
  });
});

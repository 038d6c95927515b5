/** export: complete, exact, streamed, and never a partial file under the target name. */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centsToMicros, directionOf, formatDollars, KalshiInputError, parseCount } from '../../src/index.js';
import type { FakeDataset } from '../../src/testing/index.js';
import { COLUMNS } from '../../src/cli/commands/export.js';
import { run, sharedFake, start, tempDir, waitFor } from '../support/cli.js';

const SEED = 5;
const FILLS = 1_500; // more than one page of 1000, live and archived
const FAKE = ['--fake', '--fake-seed', String(SEED), '--fake-fills', String(FILLS)];

// Most runs read one fake in the test's process (see sharedFake); a few use --fake, for that path.
const fixture = sharedFake({ seed: SEED, fills: FILLS });
let data: FakeDataset;
let CONNECT: string[];
const dirs: Array<ReturnType<typeof tempDir>> = [];
const dir = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};

beforeAll(() => {
  data = fixture.data;
  CONNECT = fixture.args;
});
afterAll(() => {
  for (const d of dirs) d.remove();
});

const csvRows = (text: string) => text.trimEnd().split('\n').map((line) => line.split(','));
const asCell = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The effective direction an export should carry, from outcome_side/book_side alone: '' for a pair Kalshi never sends. */
function expectedDirection(item: { outcome_side?: string; book_side?: string }): string {
  try {
    return directionOf(item);
  } catch (error) {
    if (error instanceof KalshiInputError) return '';
    throw error;
  }
}
/** A fill or order as exported: as received, plus its direction. */
const withDirection = (item: object & { outcome_side?: string; book_side?: string }): Record<string, unknown> => ({ ...item, direction: expectedDirection(item) });
/** A settlement as exported: whole cents in dollars. */
const settlementInDollars = ({ revenue, value, ...rest }: FakeDataset['settlements'][number]['settlement']): Record<string, unknown> => ({
  ...rest,
  revenue_dollars: formatDollars(centsToMicros(revenue), { decimals: 2 }),
  value_dollars: value === null || value === undefined ? value : formatDollars(centsToMicros(value), { decimals: 2 }),
});
/** The warning the CLI prints when some directions are unknown (a fake that pairs yes with ask), or ''. */
const directionWarning = (items: Array<{ outcome_side?: string; book_side?: string }>, noun: string) => {
  const unknown = items.filter((item) => expectedDirection(item) === '').length;
  return unknown === 0 ? '' : expect.stringMatching(new RegExp(`^kalshi-portfolio: warning: ${unknown} ${noun} carry an outcome_side and a book_side that Kalshi never pairs`));
};
const livePositions = () => data.liveMarketPositions.filter((e) => e.subaccount === 0).map((e) => e.position);

describe.concurrent('export', () => {
  it('fills --out FILE.csv: a header and one row per fill of the whole history, values as received, with the effective direction', async () => {
    const d = dir();
    const { code, stdout, stderr } = await run(['export', 'fills', '--out', 'fills.csv', ...CONNECT], { cwd: d.path });
    expect(stderr).toEqual(directionWarning(data.fills, 'fills'));
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(d.files()).toEqual(['fills.csv']);
    const text = readFileSync(join(d.path, 'fills.csv'), 'utf8');
    expect(text).not.toContain('"');
    const [header, ...rows] = csvRows(text);
    expect(header).toEqual([...COLUMNS.fills]);
    expect(data.historicalFills.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(data.fills.length);
    rows.forEach((row, i) => expect(row).toEqual(COLUMNS.fills.map((c) => asCell(withDirection(data.fills[i]!)[c]))));
    // The direction column is outcome_side's bit, whatever the legacy side/action say.
    const at = (name: string) => header!.indexOf(name);
    for (const row of rows) if (row[at('direction')] !== '') expect(row[at('direction')]).toBe(row[at('outcome_side')]);
  });

  it('fills --since/--until: only that window', async () => {
    const since = data.fills[400]!.ts;
    const until = data.fills[100]!.ts;
    const expected = data.fills.filter((f) => f.ts >= since && f.ts <= until);
    const args = ['--since', new Date(since * 1000).toISOString(), '--until', new Date(until * 1000).toISOString()];
    const { code, stdout } = await run(['export', 'fills', '--format', 'ndjson', ...args, ...CONNECT]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').map((l) => JSON.parse(l).fill_id)).toEqual(expected.map((f) => f.fill_id));
  });

  it('settlements --format json to stdout: one JSON array of every settlement', async () => {
    const { code, stdout } = await run(['export', 'settlements', '--format', 'json', ...CONNECT]);
    expect(code).toBe(0);
    expect(stdout.startsWith('[\n{')).toBe(true);
    expect(JSON.parse(stdout)).toEqual(data.settlements.map((e) => settlementInDollars(e.settlement)));
  });

  it('settlements as CSV: one row per settlement, revenue and value in dollars like the costs beside them', async () => {
    const { code, stdout } = await run(['export', 'settlements', ...CONNECT]);
    expect(code).toBe(0);
    const [header, ...rows] = csvRows(stdout);
    expect(header).toEqual([...COLUMNS.settlements]);
    expect(header).not.toContain('revenue');
    expect(rows).toHaveLength(data.settlements.length);
    rows.forEach((row, i) => expect(row).toEqual(COLUMNS.settlements.map((c) => asCell(settlementInDollars(data.settlements[i]!.settlement)[c]))));
    // A spreadsheet's sum of revenue_dollars is the dollars Kalshi paid out: 100 × fewer than its cents.
    const revenueCents = data.settlements.reduce((t, e) => t + BigInt(e.settlement.revenue), 0n);
    const revenueColumn = rows.reduce((t, row) => t + BigInt(row[header!.indexOf('revenue_dollars')]!.replace('.', '')), 0n);
    expect(revenueColumn).toBe(revenueCents);
  });

  it('positions: the format follows --out\'s extension (.ndjson), one object a line', async () => {
    const d = dir();
    const { code } = await run(['export', 'positions', '--out', join(d.path, 'positions.ndjson'), ...CONNECT]);
    expect(code).toBe(0);
    const lines = readFileSync(join(d.path, 'positions.ndjson'), 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(livePositions());
    expect(d.files()).toEqual(['positions.ndjson']);
  });

  it('positions --open as CSV: fields beyond the spec (resting_orders_count) become extra columns', async () => {
    const { code, stdout } = await run(['export', 'positions', '--open', ...CONNECT]);
    expect(code).toBe(0);
    const [header, ...rows] = csvRows(stdout);
    expect(header).toEqual([...COLUMNS.positions, 'resting_orders_count']);
    expect(rows).toHaveLength(livePositions().filter((p) => parseCount(p.position_fp) !== 0n).length);
  });

  it('orders as CSV: one row per order of the whole history (live and archived), each order_id once, values as received', async () => {
    const { code, stdout, stderr } = await run(['export', 'orders', ...CONNECT]);
    expect(stderr).toEqual(directionWarning(data.orders, 'orders'));
    expect(code).toBe(0);
    const [header, ...rows] = csvRows(stdout);
    expect(header).toEqual([...COLUMNS.orders]);
    expect(data.historicalOrders.length).toBeGreaterThan(0);
    expect(data.orders.length).toBeGreaterThan(1000); // more than a page of 1000 in all
    expect(rows).toHaveLength(data.liveOrders.length + data.historicalOrders.length);
    expect(rows).toHaveLength(data.orders.length);
    const ids = rows.map((row) => row[0]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(data.orders.map((o) => o.order_id)));
    const byId = new Map(data.orders.map((o) => [o.order_id, o]));
    for (const row of rows) expect(row).toEqual(COLUMNS.orders.map((c) => asCell(withDirection(byId.get(row[0]!)!)[c])));
  });

  it('orders --format ndjson --since/--until: the orders created in that window, live then archived', async () => {
    const sorted = [...data.orders].sort((a, b) => Date.parse(b.created_time!) - Date.parse(a.created_time!));
    const since = Math.floor(Date.parse(sorted[Math.floor(sorted.length * 0.9)]!.created_time!) / 1000);
    const until = Math.floor(Date.parse(sorted[Math.floor(sorted.length * 0.3)]!.created_time!) / 1000);
    const inWindow = (o: { created_time?: string | null }) => {
      const s = Math.floor(Date.parse(o.created_time!) / 1000);
      return s >= since && s <= until;
    };
    const args = ['--since', new Date(since * 1000).toISOString(), '--until', new Date(until * 1000).toISOString()];
    const { code, stdout } = await run(['export', 'orders', '--format', 'ndjson', ...args, ...CONNECT]);
    expect(code).toBe(0);
    const ids = stdout.trimEnd().split('\n').map((l) => JSON.parse(l).order_id as string);
    const live = data.liveOrders.filter(inWindow).map((o) => o.order_id);
    const archived = data.historicalOrders.filter(inWindow).map((o) => o.order_id);
    expect(archived.length).toBeGreaterThan(0);
    expect(ids).toEqual([...live, ...archived]);
  });

  it('replaces an existing target only once the export is complete', async () => {
    const d = dir();
    writeFileSync(join(d.path, 'out.json'), 'old');
    const { code } = await run(['export', 'settlements', '--out', 'out.json', ...CONNECT], { cwd: d.path });
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(d.path, 'out.json'), 'utf8'))).toHaveLength(data.settlements.length);
  });

  it('a failed export (archived fills refused mid-way) exits 1 and leaves the old target untouched, no temporary file', async () => {
    const d = dir();
    writeFileSync(join(d.path, 'fills.csv'), 'old');
    const { code, stderr } = await run(['export', 'fills', '--out', 'fills.csv', '--fake-forbidden', 'getFillsHistorical', ...FAKE], { cwd: d.path });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^kalshi-portfolio: GET \/trade-api\/v2\/historical\/fills failed with HTTP 403/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(d.files()).toEqual(['fills.csv']);
    expect(readFileSync(join(d.path, 'fills.csv'), 'utf8')).toBe('old');
  });

  it('an --out that cannot be written is a file error (exit 1) with the reason, and leaves nothing behind', async () => {
    const d = dir();
    const missing = await run(['export', 'fills', '--out', join(d.path, 'no', 'such', 'dir.csv'), ...CONNECT]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`kalshi-portfolio: cannot write --out ${join(d.path, 'no', 'such', 'dir.csv')}: directory ${join(d.path, 'no', 'such')} does not exist\n`);
    writeFileSync(join(d.path, 'file'), '');
    const underFile = await run(['export', 'fills', '--out', join(d.path, 'file', 'x.csv'), ...CONNECT]);
    expect(underFile.code).toBe(1);
    expect(underFile.stderr).toBe(`kalshi-portfolio: cannot write --out ${join(d.path, 'file', 'x.csv')}: ${join(d.path, 'file')} is not a directory\n`);
    const isDir = await run(['export', 'fills', '--out', d.path, ...CONNECT]);
    expect(isDir.code).toBe(1);
    expect(isDir.stderr).toBe(`kalshi-portfolio: --out ${d.path} is a directory; give a file name\n`);
    expect(d.files()).toEqual(['file']);
  });

  it('an --out in a directory without write permission: exit 1, "no permission"', async () => {
    const d = dir();
    const locked = join(d.path, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    // Permissions do not stop root, so as root the CLI runs as nobody (the scratch directory opened for it to enter).
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (asNobody.uid !== undefined) chmodSync(d.path, 0o755);
    const { code, stderr } = await run(['export', 'fills', '--out', join(locked, 'fills.csv'), ...FAKE], asNobody); // --fake: nobody cannot read root's key file
    chmodSync(locked, 0o700);
    expect(code).toBe(1);
    expect(stderr).toBe(`kalshi-portfolio: cannot write --out ${join(locked, 'fills.csv')}: no permission to create a file in ${locked}\n`);
  });

  it('--out with an extension that names no format is a usage error (exit 2) naming it; --format settles it', async () => {
    const d = dir();
    const xml = await run(['export', 'settlements', '--out', 'settlements.xml', ...CONNECT], { cwd: d.path });
    expect(xml.code).toBe(2);
    expect(xml.stderr).toBe(
      'kalshi-portfolio: --out settlements.xml: cannot tell the format from the extension ".xml"; use .csv, .json, .ndjson, .jsonl, or pass --format csv|json|ndjson\n',
    );
    expect(d.files()).toEqual([]);
    const forced = await run(['export', 'settlements', '--out', 'settlements.xml', '--format', 'json', ...CONNECT], { cwd: d.path });
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(d.path, 'settlements.xml'), 'utf8'))).toHaveLength(data.settlements.length);
    const jsonl = await run(['export', 'settlements', '--out', 'settlements.JSONL', ...CONNECT], { cwd: d.path });
    expect(jsonl.code).toBe(0);
    expect(readFileSync(join(d.path, 'settlements.JSONL'), 'utf8').trimEnd().split('\n')).toHaveLength(data.settlements.length);
    const bare = await run(['export', 'settlements', '--out', 'settlements', ...CONNECT], { cwd: d.path });
    expect(bare.code).toBe(0);
    expect(csvRows(readFileSync(join(d.path, 'settlements'), 'utf8'))[0]).toEqual([...COLUMNS.settlements]);
  });

  it("keeps an existing target's permissions (0600 stays 0600); a new file gets the usual ones", async () => {
    const d = dir();
    const secret = join(d.path, 'secret.csv');
    writeFileSync(secret, 'old');
    chmodSync(secret, 0o600);
    const kept = await run(['export', 'settlements', '--out', secret, ...CONNECT]);
    expect(kept.code).toBe(0);
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(csvRows(readFileSync(secret, 'utf8'))).toHaveLength(data.settlements.length + 1);
    // A mode the umask would not give a new file is kept too.
    const shared = join(d.path, 'shared.csv');
    writeFileSync(shared, 'old');
    chmodSync(shared, 0o664);
    expect((await run(['export', 'settlements', '--out', shared, ...CONNECT])).code).toBe(0);
    expect(statSync(shared).mode & 0o777).toBe(0o664);
    const fresh = await run(['export', 'settlements', '--out', join(d.path, 'new.csv'), ...CONNECT]);
    expect(fresh.code).toBe(0);
    writeFileSync(join(d.path, 'reference'), '');
    expect(statSync(join(d.path, 'new.csv')).mode & 0o777).toBe(statSync(join(d.path, 'reference')).mode & 0o777);
  });
});

describe('symlinks planted beside --out', () => {
  it('are never followed: the file they point to is unchanged, and the target is a regular file', async () => {
    const d = dir();
    const elsewhere = dir();
    const victim = join(elsewhere.path, 'precious.txt');
    writeFileSync(victim, 'precious');
    // The temporary file used to be .<name>.<pid>.tmp: pids come in sequence, so the CLI's is
    // among the next few thousand. A link at each of those names must make no difference.
    const { pid } = spawnSync(process.execPath, ['-e', '']);
    for (let next = pid + 1; next <= pid + 3_000; next++) symlinkSync(victim, join(d.path, `.fills.csv.${next}.tmp`));
    const { code, stderr } = await run(['export', 'fills', '--out', 'fills.csv', ...CONNECT], { cwd: d.path });
    expect(stderr).toEqual(directionWarning(data.fills, 'fills'));
    expect(code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(lstatSync(join(d.path, 'fills.csv')).isFile()).toBe(true);
    expect(csvRows(readFileSync(join(d.path, 'fills.csv'), 'utf8'))).toHaveLength(data.fills.length + 1);
    expect(d.files().filter((name) => !lstatSync(join(d.path, name)).isSymbolicLink())).toEqual(['fills.csv']);
  });
});

describe.concurrent('an export interrupted mid-way', () => {
  for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${signal}: exits ${exitCode}, says so, and leaves neither the target nor a temporary file`, async () => {
      const d = dir();
      const target = join(d.path, 'fills.csv');
      // 5,000 fills at 300 ms a page: 6 pages or more, about two seconds.
      const { child, done } = start(['export', 'fills', '--out', target, '--fake', '--fake-fills', '5000', '--fake-latency-ms', '300']);
      // Truly mid-way: rows are in the temporary file, and the target does not exist yet.
      const temp = () => d.files().find((f) => f.endsWith('.tmp'));
      await waitFor(() => temp() !== undefined && statSync(join(d.path, temp()!)).size > 0, 20_000, 'rows in the temporary file');
      // A name no one could have guessed in advance (so planted in advance).
      expect(temp()).toMatch(/^\.fills\.csv\.[0-9a-f]{24}\.tmp$/);
      expect(temp()).not.toContain(String(child.pid));
      expect(existsSync(target)).toBe(false);
      child.kill(signal);
      const result = await done;
      expect(result.code).toBe(exitCode);
      expect(result.stderr).toBe('kalshi-portfolio: interrupted\n');
      expect(d.files()).toEqual([]);
    });
  }

  it('a read command stops at once: in-flight requests are aborted, not retried or waited for', async () => {
    // Every answer takes 8 s; a Ctrl-C once requests are under way (--debug logs them) must not wait.
    const { child, done, stderr } = start(['summary', '--debug', '--fake', '--fake-latency-ms', '8000']);
    await waitFor(() => /debug: GET .*\/portfolio\//.test(stderr()), 20_000, 'the first request');
    const killedAt = Date.now();
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/debug: HTTP|debug: retry/);
    expect(result.stderr.endsWith('kalshi-portfolio: interrupted\n')).toBe(true);
    // Far below the 8 s an answer takes, with room for a loaded machine.
    expect(Date.now() - killedAt).toBeLessThan(4_000);
  });
});

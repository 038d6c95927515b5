/**
 * The ledger suite, run as it is on each engine: ledger.test.ts on SQLite files (the default
 * run), ledger.pg.test.ts on a PostgreSQL server (KALSHI_TEST_PG_URL). `fresh()` gives an empty
 * ledger location (a file path or a postgres:// URL of a new database).
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fill, type KalshiClient, KalshiConfigError, createKalshiClient } from '../../src/index.js';
import { SCHEMA_VERSION, openLedger, sync } from '../../src/ledger/index.js';
import type { OpenLedger } from '../../src/ledger/ledger.js';
import { restShapeOf, writeFills } from '../../src/ledger/records.js';
import { type FakeKalshi, startFakeKalshi } from '../../src/testing/index.js';
import { assertBuilt, start, tempDir } from '../support/cli.js';

export interface Engine {
  name: 'sqlite' | 'postgres';
  fresh(): Promise<string>;
}

const clientOf = (fake: FakeKalshi): Promise<KalshiClient> => createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl });

/** A market of the fake open at its clock now, for runtime trades. */
function openMarket(fake: FakeKalshi): string {
  const nowS = (fake.data.now + 60_000) / 1000;
  const market = fake.data.markets.find((m) => m.open_ts <= nowS && nowS + 3600 < m.close_ts);
  if (!market) throw new Error('the fake has no open market');
  return market.ticker;
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function ledgerSuite(engine: Engine): void {
  describe(`ledger on ${engine.name}`, () => {
    let fake: FakeKalshi;
    let client: KalshiClient;
    beforeAll(async () => {
      fake = await startFakeKalshi({ seed: 19, fills: 1_500 });
      client = await clientOf(fake);
    });
    afterAll(() => fake.close());

    it('mirrors every record of every subaccount, and reads them back as Kalshi sent them, in time order', async () => {
      const ledger = await openLedger(await engine.fresh());
      try {
        const report = await sync(client, ledger);
        expect(report.changed).toBe(true);
        const counts = await ledger.counts();
        expect(counts).toMatchObject({
          fills: fake.data.fills.length,
          orders: fake.data.orders.length,
          settlements: fake.data.settlements.length,
          deposits: fake.data.deposits.length,
          withdrawals: fake.data.withdrawals.length,
          subaccountTransfers: fake.state.subaccountTransfers.length,
          syncs: 1,
        });
        // Archived fills are there as well as live ones.
        expect(fake.data.historicalFills.length).toBeGreaterThan(0);
        const fills = await all(ledger.fills());
        const byId = new Map(fake.data.fills.map((f) => [f.trade_id, f]));
        for (const fill of fills) expect(fill).toEqual(byId.get(fill.trade_id));
        const times = fills.map((f) => f.created_time!);
        expect(times).toEqual([...times].sort());
        // Settlements carry the subaccount they were listed for.
        const settlements = await all(ledger.settlements());
        const expected = fake.data.settlements.map((e) => `${e.subaccount}:${e.settlement.ticker}`).sort();
        expect(settlements.map((s) => `${s.subaccount_number}:${s.ticker}`).sort()).toEqual(expected);
        // The snapshot: every subaccount's cash, every live market position of each.
        const snapshot = (await ledger.snapshot())!;
        expect(snapshot.balances.map((b) => [b.subaccount_number, b.exchange_index, b.balance])).toEqual(
          (await client.getSubaccountBalances()).subaccount_balances.map((b) => [b.subaccount_number, b.exchange_index, b.balance]).sort(([a, x], [b, y]) => (a as number) - (b as number) || (x as number) - (y as number)),
        );
        const live = fake.data.liveMarketPositions.map((e) => `${e.subaccount}:${e.position.ticker}`).sort();
        expect(snapshot.positions.filter((p) => !p.archived).map((p) => `${p.subaccount_number}:${p.ticker}`).sort()).toEqual(live);
        expect(snapshot.netting.length).toBeGreaterThan(0);
        // A period reads exactly the fills inside it.
        const middle = fills[Math.floor(fills.length / 2)]!.ts!;
        const inPeriod = await all(ledger.fills({ since: middle, until: middle + 86_400 }));
        expect(inPeriod.map((f) => f.trade_id).sort()).toEqual(fills.filter((f) => f.ts! >= middle && f.ts! <= middle + 86_400).map((f) => f.trade_id).sort());
      } finally {
        await ledger.close();
      }
    });

    it('syncs an unchanged account in at most five requests, and a new trade in the next sync', async () => {
      const ledger = await openLedger(await engine.fresh());
      try {
        await sync(client, ledger);
        const before = fake.requests.length;
        const second = await sync(client, ledger);
        expect(fake.requests.length - before).toBeLessThanOrEqual(5);
        expect(second).toMatchObject({ changed: false, requests: fake.requests.length - before });
        const fill = await fake.trade({ ticker: openMarket(fake), outcome_side: 'yes', book_side: 'bid', count_fp: '2.00', price_dollars: '0.4100' });
        const third = await sync(client, ledger);
        expect(third.changed).toBe(true);
        expect(third.written.fills).toBe(1);
        const stored = await all(ledger.fills({ since: fill.ts! }));
        expect(stored.map((f) => f.trade_id)).toContain(fill.trade_id);
        expect((await ledger.counts()).fills).toBe(fake.data.fills.length);
      } finally {
        await ledger.close();
      }
    });

    it('writes each record once however often it syncs, and keeps REST\'s record over the stream\'s', async () => {
      const ledger = await openLedger(await engine.fresh());
      try {
        const fill = await fake.trade({ ticker: openMarket(fake), outcome_side: 'no', book_side: 'ask', count_fp: '1.50', price_dollars: '0.3300' });
        // As watch --db would have written it first.
        expect(
          await ledger.appendStreamFill({
            trade_id: fill.trade_id, order_id: fill.order_id, market_ticker: fill.ticker, is_taker: true, side: 'no', action: 'buy',
            yes_price_dollars: fill.yes_price_dollars, count_fp: fill.count_fp, fee_cost: fill.fee_cost, ts: fill.ts!, ts_ms: fill.ts! * 1000,
            outcome_side: 'no', book_side: 'ask', subaccount: 0,
          }),
        ).toBe(true);
        await sync(client, ledger);
        await sync(client, ledger, { full: true });
        const counts = await ledger.counts();
        expect(counts.fills).toBe(fake.data.fills.length);
        expect(counts.orders).toBe(fake.data.orders.length);
        const stored = (await all(ledger.fills({ since: fill.ts!, until: fill.ts! }))).find((f) => f.trade_id === fill.trade_id);
        expect(stored).toEqual(fill);
      } finally {
        await ledger.close();
      }
    });

    it('replaces a streamed fill with REST\'s record even when REST\'s page holds just that fill', async () => {
      const ledger = await openLedger(await engine.fresh());
      try {
        const fill = fake.data.fills[0]!;
        await ledger.appendStreamFill({
          trade_id: fill.trade_id, order_id: fill.order_id, market_ticker: fill.ticker, is_taker: fill.is_taker, side: 'yes', action: 'buy',
          yes_price_dollars: fill.yes_price_dollars, count_fp: fill.count_fp, fee_cost: fill.fee_cost, ts: fill.ts!, ts_ms: fill.ts! * 1000 + 1,
          outcome_side: fill.outcome_side, book_side: fill.book_side, subaccount: fill.subaccount_number ?? 0,
        });
        const { store } = ledger as OpenLedger;
        await store.transaction(() => writeFills(store, [fill], 'rest'));
        expect(await all(ledger.fills())).toEqual([fill]);
      } finally {
        await ledger.close();
      }
    });

    it('opens a ledger written at schema 1 with the latest schema, keeping its records; refuses one from a newer version', async () => {
      const location = await engine.fresh();
      const old = (await openLedger(location, { schemaVersion: 1 })) as OpenLedger;
      expect(old.schemaVersion).toBe(1);
      // Rows as schema 1 holds them (its writer is gone): one streamed fill, and one of the fake's REST fills.
      const streamed = restShapeOf({
        trade_id: 't-1', order_id: 'o-1', market_ticker: 'M-1', is_taker: false, side: 'yes', action: 'buy', yes_price_dollars: '0.2500',
        count_fp: '3.00', fee_cost: '0.0100', ts: 1_790_000_000, ts_ms: 1_790_000_000_123, outcome_side: 'yes', book_side: 'bid',
      });
      const rest = fake.data.fills[0]!;
      for (const [fill, origin, createdUs] of [[streamed, 'stream', 1_790_000_000_123_000], [rest, 'rest', Date.parse(rest.created_time!) * 1000 + Number(rest.created_time!.slice(23, 26))]] as const) {
        await old.store.run(
          'INSERT INTO fills (trade_id, order_id, ticker, subaccount, exchange_index, created_us, count_hundredths, yes_price_micros, fee_micros, origin, wire) VALUES (?, ?, ?, 0, 0, ?, 0, 0, 0, ?, ?)',
          [fill.trade_id, fill.order_id, fill.ticker, createdUs, origin, JSON.stringify(fill)],
        );
      }
      await old.close();
      const current = await openLedger(location);
      try {
        expect(current.schemaVersion).toBe(SCHEMA_VERSION);
        expect(SCHEMA_VERSION).toBe(3);
        const fills = await all(current.fills());
        expect(fills.find((f) => f.trade_id === 't-1')).toMatchObject({ no_price_dollars: '0.7500', created_time: '2026-09-21T14:13:20.123Z', subaccount_number: 0 });
        expect(fills.find((f) => f.trade_id === rest.trade_id)).toEqual(rest);
        // The migrated rows keep each trade id once: a sync adds every other fill, and the stream's again is refused.
        expect((await sync(client, current)).changed).toBe(true);
        expect((await current.counts()).fills).toBe(fake.data.fills.length + 1);
        expect(await current.appendStreamFill({ trade_id: rest.trade_id, order_id: rest.order_id, market_ticker: rest.ticker, is_taker: rest.is_taker, yes_price_dollars: rest.yes_price_dollars, count_fp: rest.count_fp, fee_cost: rest.fee_cost, ts: rest.ts!, ts_ms: Date.parse(rest.created_time!), outcome_side: rest.outcome_side, book_side: rest.book_side })).toBe(false);
        await (current as OpenLedger).store.run("INSERT INTO ledger_migrations (version, name, applied_us) VALUES (99, 'from the future', 0)");
      } finally {
        await current.close();
      }
      await expect(openLedger(location)).rejects.toThrow(/schema version 99.*newer kalshi-portfolio/);
    });

    it('keeps a fill once when its records differ in time: archived without created_time, or streamed after REST wrote it', async () => {
      const ledger = (await openLedger(await engine.fresh())) as OpenLedger;
      try {
        const [a, b] = fake.data.fills as [Fill, Fill];
        const { store } = ledger;
        expect(await store.transaction(() => writeFills(store, [a, b], 'rest'))).toBe(2);
        // The same fills again, one as a record with only its second (an archive without created_time), in one page.
        const { created_time: _, ...secondOnly } = b;
        expect(await store.transaction(() => writeFills(store, [secondOnly, a], 'rest'))).toBe(0);
        // The stream's record of a fill REST already wrote (its time the stream's millisecond) adds nothing.
        expect(
          await ledger.appendStreamFill({
            trade_id: a.trade_id, order_id: a.order_id, market_ticker: a.ticker, is_taker: a.is_taker, yes_price_dollars: a.yes_price_dollars,
            count_fp: a.count_fp, fee_cost: a.fee_cost, ts: a.ts!, ts_ms: a.ts! * 1000 + 999, outcome_side: a.outcome_side, book_side: a.book_side,
          }),
        ).toBe(false);
        expect(await all(ledger.fills())).toEqual([a, b].sort((x, y) => (x.created_time! < y.created_time! ? -1 : 1)));
      } finally {
        await ledger.close();
      }
    });

    it('refuses to mix two accounts in one ledger', async () => {
      const ledger = await openLedger(await engine.fresh());
      try {
        await sync(client, ledger, { account: 'demo:key-a' });
        const refusal = sync(client, ledger, { account: 'production:key-b' });
        await expect(refusal).rejects.toBeInstanceOf(KalshiConfigError);
        await expect(refusal).rejects.toThrow(/mirrors demo:key-a, not production:key-b/);
      } finally {
        await ledger.close();
      }
    });

  });
}

/** The same ledger written by CLI processes: killed mid-sync, and sync beside watch --db. Slow (real processes, a few seconds each). */
export function processSuite(engine: Engine): void {
  describe(`ledger on ${engine.name}, in real processes`, () => {
    let fake: FakeKalshi;
    beforeAll(async () => {
      fake = await startFakeKalshi({ seed: 19, fills: 100 });
    });
    afterAll(() => fake.close());
    {
      const dir = tempDir();
      let keyFile: string;
      beforeAll(() => {
        assertBuilt();
        keyFile = join(dir.path, 'key.pem');
        writeFileSync(keyFile, fake.privateKeyPem);
        chmodSync(keyFile, 0o600);
      });
      afterAll(() => dir.remove());
      const cli = (target: FakeKalshi, ...args: string[]) => ['--base-url', target.baseUrl, '--key-id', target.keyId, '--key-file', keyFile, ...args];

      it('a sync killed with SIGKILL at several points and run again leaves every record exactly once', async () => {
        const slow = await startFakeKalshi({ seed: 23, fills: 6_000, faults: { latencyMs: 15 } });
        try {
          writeFileSync(keyFile, slow.privateKeyPem);
          const location = await engine.fresh();
          for (const afterRequests of [2, 6, 11]) {
            const from = slow.requests.length;
            const running = start(cli(slow, 'sync', '--db', location));
            const deadline = Date.now() + 20_000;
            while (slow.requests.length - from < afterRequests && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
            running.child.kill('SIGKILL');
            expect((await running.done).signal).toBe('SIGKILL');
          }
          const finished = await start(cli(slow, 'sync', '--db', location)).done;
          expect(finished.stderr).toBe('');
          expect(finished.code).toBe(0);
          const ledger = await openLedger(location);
          try {
            const counts = await ledger.counts();
            expect(counts).toMatchObject({ fills: slow.data.fills.length, orders: slow.data.orders.length, settlements: slow.data.settlements.length });
            const ids = (await all(ledger.fills())).map((f) => f.trade_id);
            expect(new Set(ids).size).toBe(ids.length);
            expect(new Set(ids)).toEqual(new Set(slow.data.fills.map((f) => f.trade_id)));
          } finally {
            await ledger.close();
          }
        } finally {
          writeFileSync(keyFile, fake.privateKeyPem);
          await slow.close();
        }
      }, 60_000);

      it('watch --db and sync write one ledger at the same time and lose or corrupt nothing', async () => {
        const busy = await startFakeKalshi({ seed: 29, fills: 2_000, activity: { fillsPerSecond: 40 } });
        try {
          writeFileSync(keyFile, busy.privateKeyPem);
          const location = await engine.fresh();
          const watching = start(cli(busy, 'watch', '--json', '--db', location));
          const syncs = [];
          for (let i = 0; i < 3; i++) syncs.push(await start(cli(busy, 'sync', '--db', location)).done);
          for (const run of syncs) expect(run.stderr).toBe('');
          watching.child.kill('SIGTERM');
          const watched = await watching.done;
          const streamed = watched.stdout.split('\n').filter((line) => line.includes('"type":"fill"')).map((line) => (JSON.parse(line) as { data: { trade_id: string } }).data.trade_id);
          expect(streamed.length).toBeGreaterThan(0);
          const ledger = await openLedger(location);
          try {
            const ids = (await all(ledger.fills())).map((f) => f.trade_id);
            expect(new Set(ids).size).toBe(ids.length);
            // Every fill the watch showed is in the ledger, and so is every fill the last sync saw.
            for (const id of streamed) expect(ids).toContain(id);
            // The fake keeps trading: every fill it had before a last sync must then be there, and nothing else.
            const before = busy.data.fills.map((f) => f.trade_id);
            await sync(await clientOf(busy), ledger, { account: `${busy.baseUrl}:${busy.keyId}` });
            const after = new Set(busy.data.fills.map((f) => f.trade_id));
            const synced = (await all(ledger.fills())).map((f) => f.trade_id);
            expect(new Set(synced).size).toBe(synced.length);
            for (const id of before) expect(synced).toContain(id);
            for (const id of synced) expect(after.has(id)).toBe(true);
            if (engine.name === 'sqlite') {
              const check = await (ledger as unknown as { store: { all(sql: string): Promise<Array<Record<string, unknown>>> } }).store.all('PRAGMA integrity_check');
              expect(check).toEqual([{ integrity_check: 'ok' }]);
            }
          } finally {
            await ledger.close();
          }
        } finally {
          writeFileSync(keyFile, fake.privateKeyPem);
          await busy.close();
        }
      }, 60_000);
    }
  });
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KalshiInputError } from '../../src/index.js';
import { defaultLedgerPath, openLedger } from '../../src/ledger/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as Record<string, Record<string, unknown>>;

describe('the ledger as a package', () => {
  it('leaves the database drivers to those who use the ledger: optional peers, never dependencies', () => {
    for (const driver of ['better-sqlite3', 'pg']) {
      expect(pkg['dependencies']![driver]).toBeUndefined();
      expect(pkg['peerDependencies']![driver]).toBeDefined();
      expect(pkg['peerDependenciesMeta']![driver]).toEqual({ optional: true });
    }
    expect(pkg['exports']!['./ledger']).toEqual({ types: './dist/src/ledger/index.d.ts', import: './dist/src/ledger/index.js' });
  });

  it('keeps one file per environment and key id, under XDG_DATA_HOME when set', () => {
    const env = { XDG_DATA_HOME: '/data' };
    expect(defaultLedgerPath('production', '0b1c-2d3e', env)).toBe('/data/kalshi-portfolio/production-0b1c-2d3e.sqlite');
    expect(defaultLedgerPath('demo', '0b1c-2d3e', env)).not.toBe(defaultLedgerPath('production', '0b1c-2d3e', env));
    // A key id is the user's input: nothing in it can climb out of the folder.
    expect(defaultLedgerPath('demo', '../../etc/passwd', env)).toBe('/data/kalshi-portfolio/demo-.._.._etc_passwd.sqlite');
  });

  it('refuses an empty location with a typed error', async () => {
    await expect(openLedger('  ')).rejects.toBeInstanceOf(KalshiInputError);
  });
});

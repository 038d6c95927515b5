/**
 * `npm run setup:test-all` (run first by `npm run test:all`): installs or checks what the extended
 * run needs beyond Node and npm, and says what is missing before any test starts.
 * - Node 22 and 24: pinned Linux x64 builds from the npm registry (about 370 MB, once), through
 *   node-versions/install.ts.
 * - Chromium, for the browser tests: not installed here (it needs the system's package manager);
 *   looked for at CHROMIUM_PATH or /usr/bin/chromium.
 * - PostgreSQL, for test/**\/*.pg.test.ts: a server at KALSHI_TEST_PG_URL.
 * Bun and Deno come with `npm ci` (devDependencies).
 */
import { existsSync } from 'node:fs';

const missing: string[] = [];

await import('./node-versions/install.js');

const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
if (existsSync(chromium)) console.log(`setup:test-all: Chromium at ${chromium}`);
else missing.push(`Chromium is not at ${chromium}: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH`);

if (process.env['KALSHI_TEST_PG_URL']) console.log('setup:test-all: PostgreSQL at KALSHI_TEST_PG_URL');
else missing.push('KALSHI_TEST_PG_URL is not set: the *.pg.test.ts tests need a PostgreSQL server (CI starts one)');

for (const line of missing) console.error(`setup:test-all: ${line}`);
if (missing.length > 0) {
  console.error('setup:test-all: the tests that need these will fail; `npm test` runs everything else with Node and npm alone');
}

/** The ledger suite on PostgreSQL: the server at KALSHI_TEST_PG_URL (scripts/ci/start-postgres.sh starts one), a new database per test. */
import pg from 'pg';
import { afterAll } from 'vitest';
import { ledgerSuite, processSuite } from './suite.js';

const url = process.env['KALSHI_TEST_PG_URL'];
if (!url) throw new Error('KALSHI_TEST_PG_URL is not set: run "source scripts/ci/start-postgres.sh" first');

const created: string[] = [];
const admin = async <T>(body: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
};

async function fresh(): Promise<string> {
  const name = `ledger_test_${process.pid}_${created.length + 1}_${Date.now() % 100_000}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  created.push(name);
  const location = new URL(url!);
  location.pathname = `/${name}`;
  return location.href;
}

afterAll(() => admin(async (client) => {
  for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}));

ledgerSuite({ name: 'postgres', fresh });
processSuite({ name: 'postgres', fresh });

/**
 * Runs the fake for demos: `npx tsx src/testing/cli.ts --seed 7 --port 8787`
 * (also --historical-cutoff-days N|none, --forbidden op1,op2).
 * Prints the base URL and key id, writes the private key to a file, and
 * serves until interrupted.
 */

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeKalshi } from './index.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    port: { type: 'string' },
    'key-file': { type: 'string' },
    'too-many-requests': { type: 'string' },
    'server-errors': { type: 'string' },
    'connection-resets': { type: 'string' },
    'latency-ms': { type: 'string' },
    'historical-cutoff-days': { type: 'string' },
    forbidden: { type: 'string' },
  },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const cutoffDays = values['historical-cutoff-days'];

const fake = await startFakeKalshi({
  seed: num(values.seed) ?? 1,
  port: num(values.port) ?? 0,
  faults: {
    tooManyRequests: num(values['too-many-requests']) ?? 0,
    serverErrors: num(values['server-errors']) ?? 0,
    connectionResets: num(values['connection-resets']) ?? 0,
    latencyMs: num(values['latency-ms']) ?? 0,
  },
  // "none" archives nothing.
  historicalCutoffDays: cutoffDays === 'none' ? null : num(cutoffDays),
  forbidden: values.forbidden?.split(',').filter((s) => s !== ''),
});
const keyFile = values['key-file'] ?? join(tmpdir(), `fake-kalshi-${fake.keyId}.key`);
writeFileSync(keyFile, fake.privateKeyPem, { mode: 0o600 });
console.log(`fake Kalshi listening: ${fake.baseUrl}`);
console.log(`KALSHI-ACCESS-KEY:     ${fake.keyId}`);
console.log(`private key (PKCS#1):  ${keyFile}`);
console.log(`data "now":            ${new Date(fake.data.now).toISOString()}`);
console.log(`historical cutoff:     ${fake.data.cutoff === null ? 'none' : new Date(fake.data.cutoff).toISOString()}`);

const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

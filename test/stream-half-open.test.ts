/**
 * Half-open connections leave no socket behind, counted from the handles of a process that holds
 * nothing but the stream, with the fake in another process (so the fake's own close cannot hide a
 * leak), and close() lets that process exit while the fake still runs.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { type RemoteFake, startFakeProcess } from './support/fake-process.js';

let fake: RemoteFake | undefined;
afterAll(async () => fake?.close());

describe('half-open connections', () => {
  it('20 half-open reconnects leave no socket behind, and close() lets the process exit', async () => {
    fake = await startFakeProcess({ seed: 3, fills: 20, faults: { streamStall: { afterMs: 60 } } });
    const script = join(import.meta.dirname, 'support', 'stream-exit.ts');
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, 'half-open', fake.baseUrl, fake.keyId, fake.privateKeyPem, '20'], { timeout: 40_000 });
    const counts = JSON.parse(stdout.trim().split('\n').at(-1)!) as { halfOpen: number; baseline: number; after: number; afterClose: number };
    expect(counts.halfOpen).toBe(20);
    // One stream socket at a time, beside the REST keep-alive ones the baseline already counts.
    expect(counts.after).toBeLessThanOrEqual(counts.baseline + 1);
    // At most an idle REST keep-alive socket, which does not hold the process (it exited).
    expect(counts.afterClose).toBeLessThanOrEqual(1);
    expect(Date.now() - started).toBeLessThan(40_000);
  }, 60_000);
});

/**
 * Runs a fake Kalshi in a child process, so a benchmark or load test measures the client alone (its CPU and its
 * memory) rather than the server sharing its event loop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeKalshiOptions } from '../../src/testing/index.js';

export interface RemoteFake {
  baseUrl: string;
  keyId: string;
  privateKeyPem: string;
  close(): Promise<void>;
}

const self = fileURLToPath(import.meta.url);

export async function startFakeProcess(options: FakeKalshiOptions): Promise<RemoteFake> {
  const child: ChildProcess = fork(self, ['--serve', JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await new Promise<Omit<RemoteFake, 'close'>>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Omit<RemoteFake, 'close'>));
    child.once('exit', (code) => reject(new Error(`fake process exited with ${code}`)));
  });
  return {
    ...info,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (process.argv[2] === '--serve') {
  const { startFakeKalshi } = await import('../../src/testing/index.js');
  const fake = await startFakeKalshi(JSON.parse(process.argv[3] ?? '{}'));
  process.send!({ baseUrl: fake.baseUrl, keyId: fake.keyId, privateKeyPem: fake.privateKeyPem });
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
  process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
}

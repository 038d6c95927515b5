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

/**
 * Forks `modulePath --serve ...args` (TypeScript, through tsx), waits for the first message it
 * sends (where it listens), and gives back that message and a way to stop it.
 */
export async function forkServer<Info>(modulePath: string, args: string[]): Promise<{ info: Info; close(): Promise<void> }> {
  const child: ChildProcess = fork(modulePath, ['--serve', ...args], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const info = await new Promise<Info>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Info));
    child.once('exit', (code) => reject(new Error(`${modulePath} exited with ${code} before it listened`)));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { info, close };
}

export async function startFakeProcess(options: FakeKalshiOptions): Promise<RemoteFake> {
  const { info, close } = await forkServer<Omit<RemoteFake, 'close'>>(self, [JSON.stringify(options)]);
  return { ...info, close };
}

// Only when this file is the child's entry point: modules that import forkServer must not serve.
if (process.argv[1] === self && process.argv[2] === '--serve') {
  const { startFakeKalshi } = await import('../../src/testing/index.js');
  const fake = await startFakeKalshi(JSON.parse(process.argv[3] ?? '{}'));
  process.send!({ baseUrl: fake.baseUrl, keyId: fake.keyId, privateKeyPem: fake.privateKeyPem });
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
  process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
}

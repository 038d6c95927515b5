/**
 * Runs `kalshi-portfolio watch …` (the built CLI) as a subprocess that never ends by itself: its
 * output so far, a wait for a condition on it, and a signal to end it. A watch a test leaves
 * behind (a failed wait) is killed, never orphaned.
 */
import { spawn } from 'node:child_process';
import { CLI, type Run, cleanEnv } from './cli.js';

export interface Watch {
  stdout(): string;
  stderr(): string;
  /** Resolves once `check` holds; throws (and kills the watch) after `timeoutMs` or if it exits first. */
  until(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Sends `signal` and resolves with the exit code. */
  interrupt(signal: NodeJS.Signals): Promise<number | null>;
  done: Promise<Run>;
}

const running = new Set<() => void>();
process.on('exit', () => {
  for (const kill of running) kill();
});

export function watch(args: string[], options: { closeStdoutAfterFirstLine?: boolean } = {}): Watch {
  const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = () => void child.kill('SIGKILL');
  running.add(kill);
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    // As `| head -1` does: read one line, then close the pipe's reading end.
    if (options.closeStdoutAfterFirstLine && stdout.includes('\n')) child.stdout.destroy();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => {
      exited = true;
      running.delete(kill);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  // Past the test's own timeout, a watch still running is a bug: never leave it behind.
  const guard = setTimeout(kill, 60_000);
  void done.then(() => clearTimeout(guard));

  return {
    stdout: () => stdout,
    stderr: () => stderr,
    async until(check, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (exited || Date.now() > deadline) {
          kill();
          throw new Error(`${exited ? 'the watch exited' : 'timed out'} waiting for ${what}; stdout:\n${stdout}\nstderr:\n${stderr}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async interrupt(signal) {
      child.kill(signal);
      return (await done).code;
    },
    done,
  };
}

/**
 * A short stream, run unchanged under Node 20, 22 and 24, Bun and Deno by test/runtimes/runtimes.test.ts: open
 * `client.stream()` on the fill channel, say when it has caught up, wait for one live fill, close.
 * In a browser the stream cannot start (its WebSocket cannot send the signed handshake):
 * `streamRefusal` reports the error `client.stream()` throws there.
 *
 *   KALSHI_PRIVATE_KEY_PEM="$(cat key.pem)" node --import tsx examples/stream-smoke.ts --base-url URL --key-id ID
 *
 * It prints `caught-up` once subscribed and caught up, then one line of JSON:
 * `{ "runtime", "version", "tradeId", "source" }`. Only web-standard APIs here.
 */
import { createKalshiClient } from 'kalshi-portfolio';
import { detectRuntime, isMainModule, optionsFromCommandLine, runtimeVersion, type RuntimeName, type SmokeOptions } from './runtime-smoke.ts'; // .ts: Deno does not map .js to .ts

export interface StreamSummary {
  runtime: RuntimeName;
  /** The runtime's own version (see `runtimeVersion` in runtime-smoke.ts). */
  version: string | null;
  tradeId: string;
  source: string;
}

/** Streams until the first live fill; `onCaughtUp` runs once the stream is subscribed and caught up. */
export async function streamSmoke(options: SmokeOptions, onCaughtUp: () => void): Promise<StreamSummary> {
  const client = await createKalshiClient({ keyId: options.keyId, privateKey: options.privateKeyPem, baseUrl: options.baseUrl });
  const stream = client.stream({ channels: ['fill'], signal: AbortSignal.timeout(20_000) });
  try {
    for await (const event of stream) {
      if (event.type === 'status' && event.status === 'caught-up') onCaughtUp();
      if (event.type === 'fill') return { runtime: detectRuntime(), version: runtimeVersion(), tradeId: event.data.trade_id, source: event.source };
    }
    throw new Error('the stream ended before a fill arrived');
  } finally {
    await stream.close();
  }
}

/** What `client.stream()` throws on this runtime, or null where it starts (and is closed again). */
export async function streamRefusal(options: SmokeOptions): Promise<{ name: string; message: string } | null> {
  const client = await createKalshiClient({ keyId: options.keyId, privateKey: options.privateKeyPem, baseUrl: options.baseUrl });
  try {
    await client.stream().close();
    return null;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
}

if (isMainModule(import.meta)) {
  console.log(JSON.stringify(await streamSmoke(optionsFromCommandLine(), () => console.log('caught-up'))));
}

/**
 * A program that streams from a fake Kalshi running in ANOTHER process (its address and key in
 * argv), where every connection goes half-open shortly after it opens. It waits for `reconnects`
 * half-open reconnects, prints how many TCP sockets the process holds (from its own handles)
 * before and after, closes the stream and returns: it must then exit by itself while the fake
 * keeps running (test/stream-half-open.test.ts runs it with a deadline).
 */
import { createKalshiClient } from '../../src/index.js';

const [baseUrl, keyId, privateKeyPem, wanted] = process.argv.slice(2) as [string, string, string, string];
const tcpSockets = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;

const started = Date.now();
const client = await createKalshiClient({ keyId, privateKey: privateKeyPem, baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 10 } });
const stream = client.stream({ channels: ['fill'], heartbeatMs: 60 });
let baseline: number | undefined;
let halfOpen = 0;
for await (const event of stream) {
  if (event.type !== 'status') continue;
  if (event.status === 'caught-up') baseline ??= tcpSockets();
  if (event.status === 'reconnecting' && /half-open|no answer/.test(event.reason) && ++halfOpen >= Number(wanted)) break;
}
const after = tcpSockets();
await stream.close();
console.log(JSON.stringify({ halfOpen, baseline, after, afterClose: tcpSockets(), ms: Date.now() - started }));

/**
 * Programs that stream and then must exit by themselves (the tests run them with a deadline): a
 * socket, timer or listener left behind would keep them alive.
 *
 *   (no arguments)   starts the fake, streams until caught up and one live fill arrived, then
 *                    closes the stream and the fake (test/stream.test.ts).
 *   half-open BASE_URL KEY_ID KEY_PEM N
 *                    streams from a fake running in ANOTHER process whose connections go
 *                    half-open; after N half-open reconnects prints the TCP sockets the process
 *                    holds (from its own handles) before and after, closes the stream, and returns
 *                    while the fake keeps running (test/stream-half-open.test.ts).
 */
import { createKalshiClient } from '../../src/index.js';
import { startFakeKalshi } from '../../src/testing/index.js';

if (process.argv[2] === 'half-open') await halfOpen(...(process.argv.slice(3) as [string, string, string, string]));
else await streamThenClose();

async function streamThenClose(): Promise<void> {
  const fake = await startFakeKalshi({ seed: 3, fills: 20 });
  const client = await createKalshiClient({ keyId: fake.keyId, privateKey: fake.privateKeyPem, baseUrl: fake.baseUrl });
  const stream = client.stream({ heartbeatMs: 500 });
  for await (const event of stream) {
    if (event.type === 'status' && event.status === 'caught-up') {
      const ticker = fake.data.marketPositions[0]!.position.ticker;
      await fake.trade({ ticker, outcome_side: 'yes', book_side: 'bid', count_fp: '1.00', price_dollars: '0.5000' });
    }
    if (event.type === 'fill') break;
  }
  await stream.close();
  await fake.close();
  console.log('closed');
}

async function halfOpen(baseUrl: string, keyId: string, privateKeyPem: string, wanted: string): Promise<void> {
  const tcpSockets = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPSocketWrap').length;
  const started = Date.now();
  const client = await createKalshiClient({ keyId, privateKey: privateKeyPem, baseUrl, retry: { baseDelayMs: 1, maxDelayMs: 10 } });
  const stream = client.stream({ channels: ['fill'], heartbeatMs: 60 });
  let baseline: number | undefined;
  let reconnects = 0;
  for await (const event of stream) {
    if (event.type !== 'status') continue;
    if (event.status === 'caught-up') baseline ??= tcpSockets();
    // A stall meets either the heartbeat or a command's deadline first; both are half-open.
    if (event.status === 'reconnecting' && /half-open|no answer/.test(event.reason) && ++reconnects >= Number(wanted)) break;
  }
  const after = tcpSockets();
  await stream.close();
  console.log(JSON.stringify({ halfOpen: reconnects, baseline, after, afterClose: tcpSockets(), ms: Date.now() - started }));
}

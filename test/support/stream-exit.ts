/**
 * A program that starts the fake, streams until caught up and one live fill arrived, then closes
 * the stream and the fake, and does nothing else: it must exit by itself (test/stream.test.ts
 * runs it with a deadline). A socket, timer or listener left behind would keep it alive.
 */
import { createKalshiClient } from '../../src/index.js';
import { startFakeKalshi } from '../../src/testing/index.js';

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

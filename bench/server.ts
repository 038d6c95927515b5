/**
 * The benchmark's server, in a child process of its own: answers the balance route and pages of
 * fills (from a fake Kalshi dataset) on loopback with keep-alive, and checks that the three
 * signing headers are present. It does not verify signatures — the contenders are checked
 * against the real fake before timing — so its own cost per request stays small and equal for all.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { forkServer } from '../test/support/fake-process.js';

export interface BenchServer {
  baseUrl: string;
  close(): Promise<void>;
}

const self = fileURLToPath(import.meta.url);

export async function startBenchServer(fills: number): Promise<BenchServer> {
  const { info, close } = await forkServer<string>(self, [String(fills)]);
  return { baseUrl: info, close };
}

async function serve(fillCount: number): Promise<void> {
  const { startFakeKalshi } = await import('../src/testing/index.js');
  // Borrow a realistic dataset from the fake, then serve it without the fake's per-request work.
  const fake = await startFakeKalshi({ seed: 7, fills: fillCount, settlements: 1, marketPositions: 1, historicalCutoffDays: null });
  const balance = JSON.stringify(fake.data.balance);
  const allFills = fake.data.fills;
  await fake.close();

  const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!req.headers['kalshi-access-signature'] || !req.headers['kalshi-access-timestamp'] || !req.headers['kalshi-access-key']) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"code":"signature_is_missing_from_headers","message":"missing"}}');
      return;
    }
    if (url.pathname === '/trade-api/v2/portfolio/balance') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(balance) }).end(balance);
      return;
    }
    if (url.pathname === '/trade-api/v2/portfolio/fills') {
      const limit = Number(url.searchParams.get('limit') ?? 100);
      const offset = Number(url.searchParams.get('cursor') || 0);
      const page = allFills.slice(offset, offset + limit);
      const next = offset + limit < allFills.length ? String(offset + limit) : '';
      const body = JSON.stringify({ fills: page, cursor: next });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  process.send!(`http://127.0.0.1:${port}/trade-api/v2`);
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

if (process.argv[1] === self && process.argv[2] === '--serve') await serve(Number(process.argv[3]));

import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type FakeKalshi, type FakeKalshiOptions, startFakeKalshi } from '../../src/testing/index.js';
import { getJson, signedFetch, signedHeaders, urlOf, withFake } from '../support/fake-http.js';


/** Status as the client sees it, or "reset" when the connection breaks. */
async function observe(fake: FakeKalshi, relative = '/portfolio/fills?limit=3'): Promise<number | 'reset'> {
  try {
    const res = await signedFetch(fake, relative);
    await res.text();
    return res.status;
  } catch {
    return 'reset';
  }
}

async function sequence(options: FakeKalshiOptions, n: number): Promise<Array<number | 'reset'>> {
  return withFake(options, async (fake) => {
    const seen: Array<number | 'reset'> = [];
    for (let i = 0; i < n; i++) seen.push(await observe(fake));
    return seen;
  });
}

const MIXED = { tooManyRequests: 0.2, serverErrors: 0.2, connectionResets: 0.1 };

describe('seeded faults', () => {
  it('are reproducible: the same seed gives the same statuses in the same order', async () => {
    const a = await sequence({ seed: 42, faults: MIXED }, 40);
    const b = await sequence({ seed: 42, faults: MIXED }, 40);
    const c = await sequence({ seed: 43, faults: MIXED }, 40);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
    for (const kind of [200, 429, 'reset'] as const) expect(a).toContain(kind);
    expect(a.some((s) => s === 500 || s === 502 || s === 503)).toBe(true);
  });

  it('records faulted requests with their status and outcome', async () => {
    await withFake({ seed: 42, faults: MIXED }, async (fake) => {
      const seen: Array<number | 'reset'> = [];
      for (let i = 0; i < 20; i++) seen.push(await observe(fake));
      expect(fake.requests).toHaveLength(20);
      fake.requests.forEach((r, i) => {
        if (seen[i] === 'reset') expect(r.outcome).toBe('connection_reset');
        else expect(r.status).toBe(seen[i]);
      });
      expect(fake.requests.map((r) => r.outcome)).toContain('too_many_requests');
      expect(fake.requests.map((r) => r.outcome)).toContain('server_error');
    });
  });

  it('429 carries {"error":"too many requests"} and no Retry-After', async () => {
    await withFake({ faults: { tooManyRequests: 1 } }, async (fake) => {
      const { status, body, headers } = await getJson(fake, '/portfolio/balance');
      expect(status).toBe(429);
      expect(body).toEqual({ error: 'too many requests' });
      expect(headers.get('retry-after')).toBeNull();
      expect([...headers.keys()].some((k) => k.startsWith('x-ratelimit'))).toBe(false);
    });
  });

  it('server errors rotate 500/502/503 over nested JSON, HTML and empty bodies', async () => {
    await withFake({ faults: { serverErrors: 1 } }, async (fake) => {
      const seen: string[] = [];
      for (let i = 0; i < 9; i++) {
        const res = await signedFetch(fake, '/portfolio/balance');
        const text = await res.text();
        const type = res.headers.get('content-type') ?? '';
        const shape = text === '' ? 'empty' : type.startsWith('text/html') ? 'html' : typeof JSON.parse(text).error?.code === 'string' ? 'json' : '?';
        seen.push(`${res.status}/${shape}`);
      }
      expect(new Set(seen).size).toBe(9);
      for (const status of [500, 502, 503]) for (const shape of ['json', 'html', 'empty']) expect(seen).toContain(`${status}/${shape}`);
    });
  });

  it('connection resets send headers and part of the body, then cut the socket', async () => {
    await withFake({ faults: { connectionResets: 1 } }, async (fake) => {
      const res = await signedFetch(fake, '/portfolio/fills');
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
      expect(fake.requests[0]).toMatchObject({ status: 200, outcome: 'connection_reset' });
    });
  });

  it('apply only after a valid signature', async () => {
    await withFake({ faults: { tooManyRequests: 1 } }, async (fake) => {
      const unsigned = await getJson(fake, '/portfolio/balance', { omit: ['KALSHI-ACCESS-SIGNATURE'] });
      expect(unsigned.status).toBe(401);
      const wrong = await getJson(fake, '/portfolio/balance', { signPath: '/portfolio/balance' });
      expect(wrong.status).toBe(401);
      expect((await getJson(fake, '/portfolio/balance')).status).toBe(429);
    });
  });

  it('latencyMs delays every answer', async () => {
    await withFake({ faults: { latencyMs: 150 } }, async (fake) => {
      const started = Date.now();
      expect(await observe(fake, '/portfolio/balance')).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      const before401 = Date.now();
      expect((await getJson(fake, '/portfolio/balance', { omit: ['KALSHI-ACCESS-KEY'] })).status).toBe(401);
      expect(Date.now() - before401).toBeGreaterThanOrEqual(140);
    });
  });
});

describe('rate limit', () => {
  it('answers 429 once the token bucket is empty and recovers as it refills', async () => {
    await withFake({ rateLimit: { tokensPerSecond: 10, capacity: 30 } }, async (fake) => {
      const burst: Array<number | 'reset'> = [];
      for (let i = 0; i < 5; i++) burst.push(await observe(fake, '/portfolio/balance'));
      // 30 tokens at 10 per request; refilling one request takes a whole second.
      expect(burst).toEqual([200, 200, 200, 429, 429]);
      const limited = fake.requests.filter((r) => r.status === 429);
      expect(limited.map((r) => r.outcome)).toEqual(['rate_limited', 'rate_limited']);
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await observe(fake, '/portfolio/balance')).toBe(200);
    });
  });

  it('honours costPerRequest', async () => {
    await withFake({ rateLimit: { tokensPerSecond: 0, capacity: 10, costPerRequest: 5 } }, async (fake) => {
      const seen: Array<number | 'reset'> = [];
      for (let i = 0; i < 3; i++) seen.push(await observe(fake, '/portfolio/balance'));
      expect(seen).toEqual([200, 200, 429]);
      const res = await signedFetch(fake, '/portfolio/balance');
      expect(await res.json()).toEqual({ error: 'too many requests' });
    });
  });
});

describe('queueResponses', () => {
  it('serves scripted answers in order to the next authenticated requests, then normal ones', async () => {
    await withFake({}, async (fake) => {
      fake.queueResponses(
        { status: 503, body: '<html><body>maintenance</body></html>', headers: { 'Content-Type': 'text/html' } },
        { status: 400, body: { code: 'bad_request', message: 'flat', details: 'x' } },
        { status: 200, body: { fills: [], cursor: '' }, headers: { 'X-Extra': 'yes' } },
      );
      // An unauthenticated request does not consume the queue.
      expect((await getJson(fake, '/portfolio/fills', { omit: ['KALSHI-ACCESS-KEY'] })).status).toBe(401);

      const first = await signedFetch(fake, '/portfolio/fills');
      expect(first.status).toBe(503);
      expect(first.headers.get('content-type')).toBe('text/html');
      expect(await first.text()).toContain('maintenance');

      const second = await getJson(fake, '/portfolio/balance');
      expect(second.status).toBe(400);
      expect(second.body).toEqual({ code: 'bad_request', message: 'flat', details: 'x' });
      expect(second.headers.get('content-type')).toBe('application/json; charset=utf-8');

      const third = await getJson(fake, '/portfolio/fills');
      expect(third.body).toEqual({ fills: [], cursor: '' });
      expect(third.headers.get('x-extra')).toBe('yes');

      const normal = await getJson(fake, '/portfolio/fills?limit=2');
      expect(normal.body.fills).toEqual(fake.data.liveFills.slice(0, 2));
      expect(fake.requests.slice(1).map((r) => r.outcome)).toEqual(['scripted', 'scripted', 'scripted', 'ok']);
    });
  });

  it('can cut the connection mid-response', async () => {
    await withFake({}, async (fake) => {
      fake.queueResponses({ status: 200, body: { fills: [{ fill_id: 'a' }, { fill_id: 'b' }], cursor: 'x' }, destroy: true });
      const res = await signedFetch(fake, '/portfolio/fills');
      await expect(res.text()).rejects.toThrow();
      expect((await getJson(fake, '/portfolio/balance')).status).toBe(200);
    });
  });

  it('an answer meant for one operation waits for it, and the others pass normally', async () => {
    await withFake({}, async (fake) => {
      fake.queueResponses({ status: 503, body: '', operation: 'getPositions' }, { status: 200, body: { any: true } });
      // The untargeted answer behind it is served first: the queue is searched in order per request.
      expect((await getJson(fake, '/portfolio/balance')).body).toEqual({ any: true });
      expect((await getJson(fake, '/portfolio/balance')).status).toBe(200);
      expect((await getJson(fake, '/portfolio/fills?limit=1')).status).toBe(200);
      expect((await getJson(fake, '/portfolio/positions')).status).toBe(503);
      expect((await getJson(fake, '/portfolio/positions')).status).toBe(200);
      expect(fake.requests.map((r) => r.outcome)).toEqual(['scripted', 'ok', 'ok', 'scripted', 'ok']);
    });
  });

  it('takes precedence over seeded faults', async () => {
    await withFake({ faults: { tooManyRequests: 1 } }, async (fake) => {
      fake.queueResponses({ status: 200, body: { ok: true } });
      expect((await getJson(fake, '/portfolio/balance')).body).toEqual({ ok: true });
      expect((await getJson(fake, '/portfolio/balance')).status).toBe(429);
    });
  });
});

describe('close()', () => {
  it('resolves promptly with an idle keep-alive connection open', async () => {
    const fake = await startFakeKalshi();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const relative = '/portfolio/balance';
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(urlOf(fake, relative), { agent, headers: signedHeaders(fake, relative) }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    await new Promise((r) => setTimeout(r, 20));
    const idle = Object.values(agent.freeSockets).flat();
    expect(idle).toHaveLength(1);
    const socketClosed = new Promise<void>((resolve) => idle[0]!.once('close', () => resolve()));

    const started = Date.now();
    await fake.close();
    expect(Date.now() - started).toBeLessThan(500);
    await socketClosed;
    agent.destroy();
  });

  it('resolves promptly while a delayed answer is pending, and twice', async () => {
    const fake = await startFakeKalshi({ faults: { latencyMs: 5_000 } });
    const pending = observe(fake, '/portfolio/balance');
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await fake.close();
    await fake.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await pending).toBe('reset');
  });
});

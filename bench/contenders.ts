/**
 * The clients the benchmark compares, each able to fetch the balance and to read every fill:
 *   fetch floor     global fetch, headers signed with a WebCrypto key imported once
 *   physical floor  undici's request() on a keep-alive pool, signed with a cached KeyObject
 *   sdk             this SDK with its defaults (the built package, as users load it: npm run bench builds it)
 *   sdk (undici)    this SDK with its Node transport (undici dispatcher), where it has one
 *   official        kalshi-typescript 3.30.0, Kalshi's SDK (axios; parses the PEM per request)
 */
import { constants, createPrivateKey, sign, webcrypto } from 'node:crypto';
import { Agent, request } from 'undici';
import { Configuration, PortfolioApi } from 'kalshi-typescript';

export interface Credentials {
  baseUrl: string;
  keyId: string;
  privateKeyPem: string;
}

export interface Contender {
  name: string;
  balance(): Promise<unknown>;
  /** Reads every fill, page by page; resolves to how many there were. */
  allFills(limit: number): Promise<number>;
  close?(): Promise<void>;
}

export const CONTENDERS = ['fetch floor', 'physical floor', 'sdk', 'sdk (undici)', 'official'] as const;
export type ContenderName = (typeof CONTENDERS)[number];

export async function makeContender(name: ContenderName, creds: Credentials): Promise<Contender> {
  switch (name) {
    case 'fetch floor':
      return fetchFloor(creds);
    case 'physical floor':
      return physicalFloor(creds);
    case 'sdk':
      return sdk(name, creds, 'fetch');
    case 'sdk (undici)':
      return sdk(name, creds, 'undici');
    case 'official':
      return official(creds);
  }
}

const pathOf = (url: string) => new URL(url).pathname;

async function fetchFloor(creds: Credentials): Promise<Contender> {
  const der = createPrivateKey(creds.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const key = await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
  const encoder = new TextEncoder();
  const get = async (url: string) => {
    const timestamp = String(Date.now());
    const signature = await webcrypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, encoder.encode(`${timestamp}GET${pathOf(url)}`));
    const response = await fetch(url, {
      headers: { 'KALSHI-ACCESS-KEY': creds.keyId, 'KALSHI-ACCESS-TIMESTAMP': timestamp, 'KALSHI-ACCESS-SIGNATURE': Buffer.from(signature).toString('base64') },
    });
    if (!response.ok) throw new Error(`fetch floor: HTTP ${response.status}`);
    return response.json() as Promise<{ fills?: unknown[]; cursor?: string }>;
  };
  return { name: 'fetch floor', balance: () => get(`${creds.baseUrl}/portfolio/balance`), allFills: (limit) => pageThrough(limit, (q) => get(`${creds.baseUrl}/portfolio/fills?${q}`)) };
}

async function physicalFloor(creds: Credentials): Promise<Contender> {
  const key = createPrivateKey(creds.privateKeyPem);
  const dispatcher = new Agent({ keepAliveTimeout: 60_000, connections: 32 });
  const get = async (url: string) => {
    const timestamp = String(Date.now());
    const signature = sign('sha256', Buffer.from(`${timestamp}GET${pathOf(url)}`), {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    }).toString('base64');
    const { statusCode, body } = await request(url, {
      dispatcher,
      headers: { 'KALSHI-ACCESS-KEY': creds.keyId, 'KALSHI-ACCESS-TIMESTAMP': timestamp, 'KALSHI-ACCESS-SIGNATURE': signature },
    });
    if (statusCode !== 200) throw new Error(`physical floor: HTTP ${statusCode}`);
    return body.json() as Promise<{ fills?: unknown[]; cursor?: string }>;
  };
  return {
    name: 'physical floor',
    balance: () => get(`${creds.baseUrl}/portfolio/balance`),
    allFills: (limit) => pageThrough(limit, (q) => get(`${creds.baseUrl}/portfolio/fills?${q}`)),
    close: () => dispatcher.close(),
  };
}

const SDK_ENTRY = new URL('../dist/src/index.js', import.meta.url).href;

async function sdk(name: ContenderName, creds: Credentials, transport: 'fetch' | 'undici'): Promise<Contender> {
  const { createKalshiClient } = (await import(SDK_ENTRY)) as typeof import('../src/index.js');
  const client = await createKalshiClient({ keyId: creds.keyId, privateKey: creds.privateKeyPem, baseUrl: creds.baseUrl, transport });
  return {
    name,
    balance: () => client.getBalance(),
    allFills: async (limit) => {
      let n = 0;
      for await (const _ of client.fills({ limit })) n++;
      return n;
    },
  };
}

async function official(creds: Credentials): Promise<Contender> {
  const api = new PortfolioApi(new Configuration({ apiKey: creds.keyId, privateKeyPem: creds.privateKeyPem, basePath: creds.baseUrl }));
  return {
    name: 'official',
    balance: async () => (await api.getBalance()).data,
    allFills: (limit) =>
      pageThrough(limit, async (q) => {
        const cursor = new URLSearchParams(q).get('cursor') ?? undefined;
        return (await api.getFills(undefined, undefined, undefined, undefined, limit, cursor)).data as { fills?: unknown[]; cursor?: string };
      }),
  };
}

async function pageThrough(limit: number, page: (query: string) => Promise<{ fills?: unknown[]; cursor?: string }>): Promise<number> {
  let count = 0;
  let cursor = '';
  do {
    const body = await page(`limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    count += body.fills?.length ?? 0;
    cursor = body.cursor ?? '';
  } while (cursor);
  return count;
}

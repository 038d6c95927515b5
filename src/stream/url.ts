const REST_PATH = '/trade-api/v2';
const STREAM_PATH = '/trade-api/ws/v2';

/** Kalshi's stream hosts by REST host: the WebSocket lives on a host of its own. */
const STREAM_HOSTS: Readonly<Record<string, string>> = {
  'external-api.kalshi.com': 'external-api-ws.kalshi.com',
  'api.elections.kalshi.com': 'external-api-ws.kalshi.com',
  'external-api.demo.kalshi.co': 'external-api-ws.demo.kalshi.co',
  'demo-api.kalshi.co': 'external-api-ws.demo.kalshi.co',
};

/**
 * The stream's URL for a REST base URL: Kalshi's own hosts map to their stream hosts; any other
 * (a fake, a proxy) keeps its host, with http→ws, https→wss and `/trade-api/v2` → `/trade-api/ws/v2`.
 */
export function streamUrlFor(baseUrl: string): string {
  const url = new URL(baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.host = STREAM_HOSTS[url.host] ?? url.host;
  url.pathname = url.pathname.endsWith(REST_PATH) ? url.pathname.slice(0, -REST_PATH.length) + STREAM_PATH : STREAM_PATH;
  return url.href;
}

/** Where Kalshi serves its WebSocket, beside the REST prefix (`/trade-api/v2`). */
export const STREAM_PATH = '/trade-api/ws/v2';

import { createRequire } from 'node:module';

/**
 * How many times Kalshi's SDK would sign each request in this process: once per `PortfolioApi`
 * ever built, since each adds a signing interceptor to the shared axios instance.
 */
export function officialSigners(): number {
  // The axios that kalshi-typescript (CommonJS) uses: its CommonJS build, not the ES module one.
  const axios = createRequire(import.meta.url)('axios') as { interceptors: { request: { handlers: unknown[] } } };
  return axios.interceptors.request.handlers.filter(Boolean).length;
}

/** Fails the run unless the official SDK signs each request exactly once: timing it otherwise would charge it extra signatures. */
export function requireOneOfficialSigner(when: string): void {
  const signers = officialSigners();
  if (signers !== 1) throw new Error(`the official SDK would sign each request ${signers} times ${when}: it must be built exactly once here`);
}

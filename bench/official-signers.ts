import { createRequire } from 'node:module';

/** The request interceptors of the axios kalshi-typescript (CommonJS) uses: its CommonJS build, not the ES module one. */
function officialAxiosRequests(): { handlers: unknown[]; clear(): void } {
  return (createRequire(import.meta.url)('axios') as { interceptors: { request: { handlers: unknown[]; clear(): void } } }).interceptors.request;
}

/**
 * How many times Kalshi's SDK would sign each request in this process: once per `PortfolioApi`
 * ever built, since each adds a signing interceptor to the shared axios instance.
 */
export function officialSigners(): number {
  return officialAxiosRequests().handlers.filter(Boolean).length;
}

/** Removes every official signer, as a fresh process has none (for a test that shares its process). */
export function clearOfficialSigners(): void {
  officialAxiosRequests().clear();
}

/** Fails the run unless the official SDK signs each request exactly once: timing it otherwise would charge it extra signatures. */
export function requireOneOfficialSigner(when: string): void {
  const signers = officialSigners();
  if (signers !== 1) throw new Error(`the official SDK would sign each request ${signers} times ${when}: it must be built exactly once here`);
}

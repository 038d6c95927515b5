import { type OperationId, operationTable } from '../../generated/operations.js';

/** What the request path needs to know about the operation a request is for. */
export interface Route {
  /** Undefined for a path outside the spec (reachable only by casting around `client.api`'s types). */
  operationId: OperationId | undefined;
  /** Kalshi's historical cutoff is public; everything else, and anything unknown, is signed. */
  signed: boolean;
  /** The body field that makes this write safe to repeat, if it has one. */
  idempotencyKey: string | null;
}

const UNKNOWN: Route = { operationId: undefined, signed: true, idempotencyKey: null };

/**
 * Finds the operation for a method and URL path, so the attempt pipeline judges a request by what
 * is actually sent, whoever built it (the client's methods, `client.api`, a user's middleware).
 */
export function createRouteLookup(basePath: string): (method: string, path: string) => Route {
  const exact = new Map<string, Route>();
  const templated: { method: string; pattern: RegExp; route: Route }[] = [];
  for (const [operationId, entry] of Object.entries(operationTable) as [OperationId, (typeof operationTable)[OperationId]][]) {
    const route: Route = { operationId, signed: entry.signed, idempotencyKey: entry.idempotencyKey };
    const fullPath = basePath + entry.path;
    if (!fullPath.includes('{')) exact.set(`${entry.method} ${fullPath}`, route);
    else templated.push({ method: entry.method, pattern: templatePattern(fullPath), route });
  }
  return (method, path) =>
    exact.get(`${method} ${path}`) ?? templated.find((t) => t.method === method && t.pattern.test(path))?.route ?? UNKNOWN;
}

function templatePattern(template: string): RegExp {
  const escaped = template.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}$`);
}

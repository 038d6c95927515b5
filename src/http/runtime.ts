interface RuntimeGlobals {
  process?: { version?: string; versions?: Record<string, string | undefined> };
  Deno?: unknown;
  Bun?: unknown;
}

const runtime = globalThis as RuntimeGlobals;

/** Node itself: not Bun or Deno, which also report a Node version. Feature detection, not a dependency. */
export function isNode(): boolean {
  return (
    typeof runtime.process?.versions?.['node'] === 'string' &&
    runtime.Deno === undefined &&
    runtime.Bun === undefined &&
    runtime.process.versions['bun'] === undefined
  );
}

/** Bun or Deno: server runtimes whose own WebSocket takes handshake headers. */
export function isBunOrDeno(): boolean {
  return runtime.Bun !== undefined || runtime.Deno !== undefined;
}

export function nodeVersion(): string {
  return runtime.process?.version ?? 'unknown';
}

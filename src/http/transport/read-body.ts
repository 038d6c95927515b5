/** A body read chunk by chunk: `next` resolves to undefined at the end; `cancel` drops the rest. */
export interface ChunkSource {
  next(): Promise<Uint8Array | undefined>;
  cancel(): void;
}

/**
 * Reads a whole body, but never more than `limit` bytes: a declared length over the limit is
 * refused before reading, and a body that grows past it is cancelled at that chunk, so a hostile
 * or broken server cannot make the client buffer without end.
 */
export async function readWithin(source: ChunkSource, declaredLength: string | null, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  if (declaredLength !== null && Number(declaredLength) > limit) {
    source.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await source.next(); chunk !== undefined; chunk = await source.next()) {
    total += chunk.byteLength;
    if (total > limit) {
      source.cancel();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A WHATWG stream as a chunk source (a `Response` body from any runtime's fetch). */
export function webChunks(body: ReadableStream<Uint8Array> | null): ChunkSource {
  if (body === null) return { next: () => Promise.resolve(undefined), cancel: () => undefined };
  const reader = body.getReader();
  return {
    next: () => reader.read().then((step) => (step.done ? undefined : step.value)),
    cancel: () => void reader.cancel().catch(() => undefined),
  };
}

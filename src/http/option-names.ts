import { KalshiConfigError, type KalshiError, describeValue } from '../errors.js';

/**
 * Refuses an option name that `known` lacks, suggesting the one probably meant: a TypeScript
 * caller is stopped by the types, a JavaScript caller's `privatekey` or `timeout` would otherwise
 * be ignored without a word. `where` names the options object, e.g. `createKalshiClient` or `retry`.
 * Client options are configuration (`KalshiConfigError`); a call's own options, such as the
 * stream's, are its input and pass `KalshiInputError`.
 */
export function refuseUnknownOptions(
  where: string,
  given: object,
  known: readonly string[],
  ErrorClass: new (message: string) => KalshiError = KalshiConfigError,
): void {
  for (const name of Object.keys(given)) {
    if (known.includes(name)) continue;
    const meant = closest(name, known);
    throw new ErrorClass(
      `${where} has no option ${describeValue(name)}${meant ? `: did you mean "${meant}"?` : ''} (it takes: ${known.join(', ')})`,
    );
  }
}

/** The known name `name` is a slip of: the same but for case or separators, a prefix of it, or at most two edits away. */
function closest(name: string, known: readonly string[]): string | undefined {
  const plain = (text: string) => text.toLowerCase().replace(/[-_\s]/g, '');
  const given = plain(name);
  if (given.length === 0) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const other = plain(candidate);
    const distance = other === given ? 0 : other.startsWith(given) && given.length >= 4 ? 1 : editDistance(given, other);
    if (distance <= Math.min(2, Math.floor(other.length / 3)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance, stopping early past 3: only near misses matter. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** What changed between two versions of the spec, as api-smart-diff classifies it. */
import { apiCompare } from 'api-smart-diff';

/** From most to least serious: the order `npm run spec:diff` reports them in. */
export const SEVERITIES = ['breaking', 'deprecated', 'non-breaking', 'annotation', 'unclassified'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface SpecChange {
  type: Severity;
  path: string;
  description: string;
}

/** Classifies every difference between two bundled OpenAPI documents. */
export function specChanges(before: object, after: object): SpecChange[] {
  const { diffs } = apiCompare(before, after);
  return diffs
    .filter((d) => d.description !== undefined)
    .map((d) => ({ type: d.type as Severity, path: d.path.join('/'), description: String(d.description) }));
}

/**
 * The one Ajv configuration for the spec's schemas, shared by the generator (to emit standalone
 * validators) and the contract tests (to check the spec's examples), so both judge alike.
 */
import ajv2020 from 'ajv/dist/2020.js';
import type { Options } from 'ajv';
import ajvFormats from 'ajv-formats';
import { OPENAPI_KEYWORDS } from './json-schema.js';

// Both are CommonJS modules whose class or function sits on `.default` under Node's ESM interop.
const Ajv2020 = ajv2020.default;
const addFormats = ajvFormats.default;

export function createAjv(options: Options = {}): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    ...options,
  } as Options);
  addFormats(ajv, ['date-time', 'date', 'uuid', 'uri']);
  // OpenAPI's integer formats are size hints for code generators, not constraints to check.
  ajv.addFormat('int64', true);
  ajv.addFormat('int32', true);
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  return ajv;
}

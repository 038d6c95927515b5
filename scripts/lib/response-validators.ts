import standalone from 'ajv/dist/standalone/index.js';
import { createAjv } from './ajv.js';
import { responseSchemaDocument, SCHEMA_ID } from './json-schema.js';

// Ajv's standalone code require()s the format checks; the generated ES module imports them instead.
const FORMATS_REQUIRE = 'require("ajv-formats/dist/formats").fullFormats';

/**
 * generated/validators.ts: every response schema of the spec compiled into standalone Ajv
 * validators, plain functions with no schema compilation (and so no eval) at run time, which
 * matters on edge runtimes that forbid it.
 */
export function renderValidators(spec: Record<string, any>, banner: string): string {
  const { document, entries } = responseSchemaDocument(spec);
  const ajv = createAjv({ code: { source: true, esm: true, lines: true }, inlineRefs: false, allErrors: false });
  ajv.addSchema(document);
  // One export per distinct schema: Ajv emits a function per export, and shared ones (the error
  // body) must appear once.
  const nameOf = (pointer: string) => pointer.slice(pointer.lastIndexOf('/') + 1);
  const exports = Object.fromEntries(entries.map((e) => [nameOf(e.pointer), `${SCHEMA_ID}${e.pointer}`]));
  let code = standalone.default(ajv, exports).replace('"use strict";', '');
  code = code.split(FORMATS_REQUIRE).join('ajvFormats');
  if (/\brequire\(/.test(code)) throw new Error('standalone validators still require() an Ajv runtime module');

  const table: Record<string, string[]> = {};
  for (const e of entries) (table[e.operationId] ??= []).push(`${JSON.stringify(e.status)}: ${nameOf(e.pointer)}`);
  const tableCode = Object.entries(table)
    .map(([operationId, rows]) => `  ${operationId}: { ${rows.join(', ')} },`)
    .join('\n');
  return `${banner}// @ts-nocheck — Ajv's standalone output, compiled from the spec's response schemas.
import { fullFormats as ajvFormats } from 'ajv-formats/dist/formats.js';
${code}

/** Validators for each operation's response bodies, by operationId and HTTP status. */
export const responseValidators = {
${tableCode}
};
`;
}

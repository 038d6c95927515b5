/**
 * generated/stream.ts: the stream's message types, from spec/asyncapi.yaml. openapi-typescript
 * reads OpenAPI, so the AsyncAPI document's schemas are handed to it as an OpenAPI document's
 * components; the types come out exactly as the REST ones do.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import type { Json } from './json-schema.js';

const MODULE_DOC =
  "/**\n * The types of Kalshi's portfolio stream (WebSocket), generated from spec/asyncapi.yaml by\n * openapi-typescript: commands, replies, errors and the four data messages.\n *\n * @module\n */\n";

export async function renderStreamTypes(asyncapi: Json, banner: string): Promise<string> {
  const schemas = (asyncapi['components']?.['schemas'] ?? {}) as Record<string, Json>;
  const asOpenApi = {
    openapi: '3.1.0',
    info: { title: asyncapi['info']?.['title'], version: asyncapi['info']?.['version'] },
    paths: {},
    components: { schemas: rewriteRefs(schemas) },
  };
  const ast = await openapiTS(asOpenApi as never, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    defaultNonNullable: false,
    alphabetize: false,
  });
  return banner + MODULE_DOC + documentTypes(astToString(ast), schemas);
}

/** The AsyncAPI document is bundled, so every $ref already points into components/schemas. */
function rewriteRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Only the schemas are wanted: the empty OpenAPI scaffolding around them is dropped, the rest documented. */
function documentTypes(source: string, schemas: Record<string, Json>): string {
  return source
    .replace(/^export type paths = Record<string, never>;\n/m, '')
    .replace(/^export type webhooks = Record<string, never>;\n/m, '')
    .replace(/^export type \$defs = Record<string, never>;\n/m, '')
    .replace(/^export type operations = Record<string, never>;\n/m, '')
    .replace(/^( *(?:\/\*)?\*) @description /gm, '$1 ')
    .replace(/^export interface components\b/m, '/** The named schemas of the stream. */\nexport interface components')
    .replace(/^export type (\w+) = components\['schemas'\]\['([^']+)'\];$/gm, (line, _alias, name: string) => {
      const description = schemas[name]?.['description'] as string | undefined;
      const first = description?.split(/(?<=\.)\s/)[0]?.replace(/\s+/g, ' ').replace(/\*\//g, '*\\/');
      return `/** ${first ?? `The ${name} schema.`} */\n${line}`;
    });
}

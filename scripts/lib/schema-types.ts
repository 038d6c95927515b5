/** generated/schema.ts: openapi-typescript's types for the spec, each export with a doc comment. */
import openapiTS, { astToString } from 'openapi-typescript';
import type { Json } from './json-schema.js';

const MODULE_DOC =
  "/**\n * The types of Kalshi's portfolio API, generated from spec/openapi.yaml by openapi-typescript:\n * `paths`, `components`, `operations`, and an alias for each named schema (`Fill`, `Settlement`, …).\n *\n * @module\n */\n";

export async function renderSchemaTypes(spec: Json, banner: string): Promise<string> {
  const ast = await openapiTS(spec as never, {
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
    defaultNonNullable: false,
    alphabetize: false,
  });
  return documentSchemaTypes(banner + MODULE_DOC + astToString(ast), spec);
}

const TOP_LEVEL_DOCS: Record<string, string> = {
  paths: 'Every path of the API, by URL template and HTTP method.',
  webhooks: 'Webhooks of the API (none).',
  components: 'The named schemas, parameters and responses of the spec.',
  $defs: 'JSON Schema definitions of the spec (none).',
  operations: 'Every operation of the API, by operationId: its parameters, request body and responses.',
};

/**
 * openapi-typescript writes the spec's descriptions as `@description` tags and leaves its
 * top-level types and convenience aliases bare; turn the tags into summaries and give every
 * export a sentence, so the API reference documents what the spec documents.
 */
function documentSchemaTypes(source: string, spec: Json): string {
  const kinds: Record<string, string> = { schemas: 'schema', parameters: 'parameter', responses: 'response', requestBodies: 'request body', headers: 'header' };
  return source
    .replace(/^( *(?:\/\*)?\*) @description /gm, '$1 ')
    .replace(/^export (?:interface|type) (\w+|\$defs)\b/gm, (line, name: string) =>
      TOP_LEVEL_DOCS[name] ? `/** ${TOP_LEVEL_DOCS[name]} */\n${line}` : line,
    )
    .replace(/^export type (\w+) = components\['(\w+)'\]\['([^']+)'\];$/gm, (line, _alias, kind: string, name: string) => {
      const description = spec['components']?.[kind]?.[name]?.['description'] as string | undefined;
      const firstSentence = description?.split(/(?<=\.)\s/)[0]?.replace(/\s+/g, ' ').replace(/\*\//g, '*\\/');
      return `/** ${firstSentence ?? `The spec's \`${name}\` ${kinds[kind] ?? kind}.`} */\n${line}`;
    });
}

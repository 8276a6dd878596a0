/**
 * graphql-codegen: resolver types for every subgraph in mesh.manifest.json (federation-aware) and typed
 * documents for the operations that tests and example clients run through the gateway.
 * `npm run codegen` regenerates; `npm run codegen:check` fails when generated files are stale (CI).
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

interface ManifestEntry {
  name: string;
  schema: string;
  /** Resolver parents: the subgraph's documents/views (`../store/models.js#Doc`), declared in its manifest entry. */
  mappers?: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(new URL('./mesh.manifest.json', import.meta.url), 'utf8')) as {
  subgraphs: ManifestEntry[];
};

const scalars = { DateTime: 'string' };

const generates: CodegenConfig['generates'] = {};
for (const subgraph of manifest.subgraphs) {
  // The workspace is the folder of the schema file, so adding a subgraph needs no edit here.
  generates[`${dirname(subgraph.schema)}/src/generated/graphql.ts`] = {
    schema: subgraph.schema,
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      scalars,
      contextType: '../context.js#Context',
      mapperTypeSuffix: 'Model',
      mappers: subgraph.mappers ?? {},
      enumsAsTypes: true,
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      maybeValue: 'T | null',
    },
  };
}

generates['test/generated/'] = {
  schema: 'gateway/api-schema.graphql',
  documents: ['test/operations/**/*.graphql'],
  preset: 'client',
  presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
  config: { scalars, enumsAsTypes: true, useTypeImports: true },
};

// The console's typed documents: every `graphql(...)` call in console/src, checked against the API schema.
generates['console/src/gql/'] = {
  schema: 'gateway/api-schema.graphql',
  documents: ['console/src/**/*.{ts,tsx}', '!console/src/gql/**'],
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: { scalars, enumsAsTypes: true, useTypeImports: true },
};

const config: CodegenConfig = { overwrite: true, generates, hooks: {} };
export default config;

/**
 * graphql-codegen: resolver types for every subgraph in mesh.manifest.json (federation-aware) and typed
 * documents for the operations that tests and example clients run through the gateway.
 * `npm run codegen` regenerates; `npm run codegen:check` fails when generated files are stale (CI).
 */
import { readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

interface ManifestEntry {
  name: string;
  schema: string;
}
const manifest = JSON.parse(readFileSync(new URL('./mesh.manifest.json', import.meta.url), 'utf8')) as { subgraphs: ManifestEntry[] };

const scalars = { DateTime: 'string' };

const generates: CodegenConfig['generates'] = {};
for (const subgraph of manifest.subgraphs) {
  generates[`subgraphs/${subgraph.name}/src/generated/graphql.ts`] = {
    schema: subgraph.schema,
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useTypeImports: true,
      scalars,
      contextType: '../context.js#Context',
      mapperTypeSuffix: 'Model',
      mappers: mappersFor(subgraph.name),
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

/** Resolver parents are the subgraph's documents/views, declared in each subgraph's `src/models.ts`. */
function mappersFor(name: string): Record<string, string> {
  const models: Record<string, Record<string, string>> = {
    catalog: { Product: '../models.js#ProductDoc' },
    inventory: { InventoryChange: 'InventoryChangeInput', Location: '../models.js#LocationDoc', InventoryPosition: '../models.js#PositionDoc', Product: '../models.js#ProductRef', Availability: '../models.js#AvailabilityView', LocationAvailability: '../models.js#LocationAvailabilityView' },
    orders: { OrderStatusChange: 'OrderStatusChangeInput', Order: '../models.js#OrderDoc', OrderLine: '../models.js#OrderLineDoc' },
    shipments: { ShipmentUpdate: 'ShipmentUpdateInput', Shipment: '../models.js#ShipmentDoc', ShipmentLine: '../models.js#ShipmentLineDoc', Order: '../models.js#OrderRef' },
  };
  return models[name] ?? {};
}

const config: CodegenConfig = { overwrite: true, generates, hooks: {} };
export default config;

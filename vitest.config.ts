import { defineConfig } from 'vitest/config';

/** One vitest project per workspace (unit tests next to the code) plus the cross-supergraph e2e suite. */
const workspaces = {
  runtime: 'packages/runtime',
  events: 'packages/events',
  access: 'packages/access',
  connectors: 'packages/connectors',
  'seed-data': 'tools/seed-data',
  catalog: 'subgraphs/catalog',
  inventory: 'subgraphs/inventory',
  orders: 'subgraphs/orders',
  shipments: 'subgraphs/shipments',
  operations: 'subgraphs/operations',
  gateway: 'gateway',
} as const;

// Workspace packages export `source` (TypeScript) next to `default` (built JS): tests run the sources directly.
const conditions = ['source', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      ...Object.entries(workspaces).map(([name, dir]) => ({
        extends: true as const,
        test: { name, include: [`${dir}/test/**/*.test.ts`] },
      })),
      { extends: true as const, test: { name: 'e2e', include: ['test/**/*.test.ts'] } },
      // The console in Debian's Chromium against a whole mesh (needs `npm run build` first: it serves console/dist).
      { extends: true as const, test: { name: 'console', include: ['console/test/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});

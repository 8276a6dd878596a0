import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * One vitest project per workspace (unit tests next to the code) plus the cross-supergraph e2e suite. Subgraph
 * workspaces come from mesh.manifest.json (the folder of each schema file), shared ones from packages/ and
 * tools/; the project name is the folder's name (`npx vitest run --project inventory`).
 */
const manifest = JSON.parse(readFileSync(new URL('./mesh.manifest.json', import.meta.url), 'utf8')) as {
  subgraphs: { name: string; schema: string }[];
};
const shared = ['packages', 'tools'].flatMap((parent) =>
  readdirSync(new URL(`./${parent}/`, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${parent}/${entry.name}`)
    .filter((dir) => existsSync(new URL(`./${dir}/test/`, import.meta.url))),
);
const workspaces: [string, string][] = [
  ...shared.map((dir): [string, string] => [basename(dir), dir]),
  ...manifest.subgraphs.map((s): [string, string] => [s.name, dirname(s.schema)]),
  ['gateway', 'gateway'],
];

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
      ...workspaces.map(([name, dir]) => ({
        extends: true as const,
        test: { name, include: [`${dir}/test/**/*.test.ts`] },
      })),
      // The fault suite (test/faults/, separate processes) runs on its own: npm run test:faults.
      { extends: true as const, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: ['test/faults/**'] } },
      // The console in Debian's Chromium against a whole mesh (needs `npm run build` first: it serves console/dist).
      {
        extends: true as const,
        test: { name: 'console', include: ['console/test/**/*.test.ts'], testTimeout: 60_000 },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

// Workspace packages export `source` (TypeScript) next to `default` (built JS); the services under test run as
// separate processes from their dist entry points, so `npm run build` comes first (npm run test:faults does it).
const conditions = ['source', 'node', 'import', 'default'];

/**
 * The fault suite (`npm run test:faults`): private redis-server processes and separate service processes that are
 * killed, restarted and signalled. One file at a time (each starts a whole topology on a shared 2-core machine);
 * every test bounds its own waits, the whole suite stays under 5 minutes.
 */
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: 'faults',
    include: ['test/faults/**/*.faults.test.ts'],
    reporters: ['default'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

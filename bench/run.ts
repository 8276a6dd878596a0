/**
 * Runs the benchmarks (`npm run bench`, or `npm run bench -- events reservations` for some of them). Each one
 * talks only to 127.0.0.1, stops by itself and writes its figures to bench/results/<name>.{json,md}.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHMARKS: Record<string, string> = {
  events: 'bench/events/run.ts', // publish → consume on Redis Streams, 1 and 3 consumer groups
  gateway: 'bench/gateway/run.ts', // ours vs bare @apollo/gateway vs Hive Gateway (± caches) vs direct; stale reads
  imports: 'bench/imports/run.ts', // 10k/50k/100k-row ERP item master jobs: rows/s, storefront p99 during the import
  reservations: 'subgraphs/inventory/bench/reservations.ts', // reservations/s on the embedded store, oversell count
  subscriptions: 'bench/subscriptions/run.ts', // 1k/5k/10k graphql-ws subscribers on one gateway
  channels: 'bench/channels/run.ts', // inventory change → ATP request at a fake Shopify, p95 incl. the coalescing window
  observability: 'bench/observability/run.ts', // gateway req/s of the storefront query, tracing off vs on (OTLP)
};

const root = fileURLToPath(new URL('..', import.meta.url));
const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(BENCHMARKS);
let failed = 0;
for (const name of wanted) {
  const script = BENCHMARKS[name];
  if (!script) {
    console.error(`unknown benchmark "${name}"; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== ${name} (${script})`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', script], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) failed += 1;
}
process.exit(failed > 0 ? 1 : 0);

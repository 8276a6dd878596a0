import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { createMetricsRegistry } from '@fulfillment-mesh/connectors';
import { createLogger, envString, openStore } from '@fulfillment-mesh/runtime';
import { createErpItemsAdapter, type ErpImportSummary } from './erp-items.js';
import { createProductUpdates } from '../workflows/product-updates.js';
import { createProductStore, openConflictLog } from '../store/index.js';

const USAGE = 'usage: catalog import-items <file.csv> [--run <adapter run id>]';

/**
 * The catalog's command line. `import-items <file>` imports an ERP item master CSV on demand (what a cron job
 * runs), writing through the same mastered operation as the HTTP adapter, and prints the summary as JSON.
 * Reads `MONGODB_URI` / `DATA_DIR` like the server. Events land in the products' outbox; the running catalog
 * publishes them. (The embedded store is one process's file: with it, stop the server or POST the file instead.)
 * Returns the exit code: 0 when every row was applied or already applied, 1 when some were refused or invalid.
 */
export async function runCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = console.log,
): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command !== 'import-items' || !file) {
    out(USAGE);
    return 2;
  }
  const runFlag = rest.indexOf('--run');
  const adapterRun = runFlag >= 0 ? rest[runFlag + 1] : undefined;
  const logger = createLogger({ service: 'catalog-cli', level: envString(env, 'LOG_LEVEL') ?? 'warn' });
  const store = await openStore({
    subgraph: 'catalog',
    mongodbUri: envString(env, 'MONGODB_URI'),
    dataDir: envString(env, 'DATA_DIR'),
  });
  try {
    const summary = await importItemsFile(store, file, adapterRun, logger);
    out(JSON.stringify(summary, null, 2));
    return summary.conflicts + summary.invalid === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** Imports one item master file into `store`; the CLI's whole job, separate so tests run it on any store. */
export async function importItemsFile(
  store: Parameters<typeof createProductStore>[0],
  file: string,
  adapterRun: string | undefined,
  logger: ReturnType<typeof createLogger>,
): Promise<ErpImportSummary> {
  const products = await createProductStore(store);
  const updates = createProductUpdates({
    collection: products.collection,
    conflicts: await openConflictLog(store),
    now: () => new Date(),
    published: () => {},
  });
  const erp = createErpItemsAdapter({ updates, metrics: createMetricsRegistry().connector('erp-items'), logger });
  return erp.importErpItems(await readFile(file, 'utf8'), adapterRun ? { adapterRun } : {});
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exitCode = await runCli(process.argv.slice(2));

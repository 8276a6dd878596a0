/**
 * `npm run bench -- imports`: ERP item master imports of 10k, 50k and 100k rows through the catalog's upload
 * route and background job (embedded store on disk, as `npm start` runs it), rows per second per size (linear
 * time: the three within 30% of each other), and the p99 of a storefront query (`product(sku)`, the signed
 * storefront identity) while idle and while the 100k-row import runs (goal: at most 3× idle). Each size runs on
 * a fresh catalog process and data directory; the query figures come from one more 100k run with queries alongside. Talks only to 127.0.0.1 and stops by itself: a job that has not
 * ended within JOB_LIMIT_MS is recorded as timed out. Results: bench/results/imports.{json,md}.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signIdentity, IDENTITY_HEADER, type Client } from '@fulfillment-mesh/access';

const here = fileURLToPath(new URL('.', import.meta.url));
const SIZES = [10_000, 50_000, 100_000];
const SEED_PRODUCTS = 1_000;
const JOB_LIMIT_MS = 180_000; // 3 minutes per import at most
const IDLE_QUERIES = 2_000;
const identitySecret = `bench-identity-${randomUUID()}`;
const erpSecret = `bench-erp-${randomUUID()}`;
let resets = 0;
const storefront: Client = { id: 'anonymous', kind: 'storefront', scopes: ['catalog:read'], anonymous: true };
const operator: Client = { id: 'bench-ops', kind: 'operator', scopes: ['operations:read'] };

interface Catalog {
  url: string;
  base: string;
  child: ChildProcess;
  dir: string;
}

async function startCatalog(): Promise<Catalog> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-imports-'));
  const child = fork(join(here, 'catalog-process.ts'), {
    execArgv: ['--import', 'tsx', '--conditions=source'],
    env: {
      ...process.env,
      BENCH_DATA_DIR: dir,
      BENCH_IDENTITY_SECRET: identitySecret,
      BENCH_ERP_SECRET: erpSecret,
      BENCH_SEED_PRODUCTS: String(SEED_PRODUCTS),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ url: string; base: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the catalog did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the catalog exited with ${code}`)));
    child.on('message', (m: { type: string; url: string; base: string }) => {
      if (m.type !== 'ready') return;
      clearTimeout(timer);
      resolve(m);
    });
  });
  return { ...ready, child, dir };
}

/** The catalog process's CPU time so far, in seconds (user + system). */
function cpuSeconds(catalog: Catalog): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string; usage: { user: number; system: number } }) => {
      if (m.type !== 'cpu') return;
      catalog.child.off('message', onMessage);
      resolve((m.usage.user + m.usage.system) / 1e6);
    };
    catalog.child.on('message', onMessage);
    catalog.child.send({ type: 'cpu' });
  });
}

interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Asks the catalog process for `type` (`delay` or `delay-reset`) and waits for its answer. */
function ask<T>(catalog: Catalog, type: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (m.type !== type) return;
      catalog.child.off('message', onMessage);
      resolve(m[key] as T);
    };
    catalog.child.on('message', onMessage);
    catalog.child.send({ type });
  });
}

async function stopCatalog(catalog: Catalog): Promise<void> {
  const exited = new Promise<void>((resolve) => catalog.child.once('exit', () => resolve()));
  catalog.child.send({ type: 'stop' });
  const timer = setTimeout(() => catalog.child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
  rmSync(catalog.dir, { recursive: true, force: true });
}

async function graphql(
  catalog: Catalog,
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  retried = false,
): Promise<Record<string, unknown>> {
  const requestId = randomUUID();
  let response: Response;
  try {
    response = await fetch(catalog.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        [IDENTITY_HEADER]: signIdentity(client, { secret: identitySecret, requestId }),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    // A kept-alive socket the server closed just as it was reused: once, send again on a new one.
    if (retried || (error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    resets++;
    return graphql(catalog, client, query, variables, true);
  }
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
  return body.data ?? {};
}

/** One storefront read; resolves with its latency in ms. */
async function storefrontQuery(catalog: Catalog): Promise<number> {
  const sku = `SEED-${Math.floor(Math.random() * SEED_PRODUCTS)}`;
  const started = performance.now();
  const data = await graphql(
    catalog,
    storefront,
    'query ($sku: ID!) { product(sku: $sku) { name price { amount currencyCode } } }',
    { sku },
  );
  if (!data.product) throw new Error(`product ${sku} missing`);
  return performance.now() - started;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!.toFixed(2));
}

function itemMaster(rows: number): string {
  const lines = ['sku,price,currency,uom,status,version,observed_at'];
  for (let n = 0; n < rows; n++) lines.push(`BENCH-${n},${(n % 500) + 1}.25,USD,EA,ACTIVE,1,2026-11-02T08:00:00Z`);
  return `${lines.join('\n')}\n`;
}

interface JobState {
  status: string;
  processed: number;
  total: number | null;
  errorCount: number;
}

/** Uploads `rows` rows and waits for the job to end; `whileRunning` runs alongside until then. */
async function importOnce(catalog: Catalog, rows: number, whileRunning?: (running: () => boolean) => Promise<void>) {
  const csv = itemMaster(rows);
  const cpuBefore = await cpuSeconds(catalog);
  const started = performance.now();
  const answer = await fetch(`${catalog.base}/imports/erp-items`, {
    method: 'POST',
    body: csv,
    headers: {
      'content-type': 'text/csv',
      'X-ERP-Signature': createHmac('sha256', erpSecret).update(csv).digest('hex'),
    },
  });
  const accepted = (await answer.json()) as { jobId?: string };
  if (answer.status !== 202 || !accepted.jobId)
    throw new Error(`upload answered ${answer.status}: ${JSON.stringify(accepted)}`);
  const acceptedMs = performance.now() - started;
  let running = true;
  const load = whileRunning?.(() => running);
  let job: JobState | undefined;
  try {
    for (;;) {
      job = (
        await graphql(
          catalog,
          operator,
          'query ($id: ID!) { importJob(id: $id) { status processed total errorCount } }',
          { id: accepted.jobId },
        )
      ).importJob as JobState;
      if (job.status === 'SUCCEEDED' || job.status === 'FAILED') break;
      if (performance.now() - started > JOB_LIMIT_MS) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    running = false;
    await load;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = (await cpuSeconds(catalog)) - cpuBefore;
  const timedOut = job?.status !== 'SUCCEEDED';
  const processed = job?.processed ?? 0;
  return {
    rows,
    status: job?.status ?? 'unknown',
    timedOut,
    acceptedMs: Number(acceptedMs.toFixed(1)),
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(processed / seconds),
    catalogCpuSeconds: Number(cpu.toFixed(2)),
    rowsPerCpuSecond: Math.round(processed / cpu),
    errorCount: job?.errorCount ?? 0,
  };
}

const loadBefore = loadavg()[0];
const runs: Awaited<ReturnType<typeof importOnce>>[] = [];
let idle: number[] = [];
const during: number[] = [];
let loopDelayIdle: LoopDelay | undefined;
let loopDelayDuringImport: LoopDelay | undefined;
// Rates first, each size alone (no query load, so the figures compare the import's own cost per row) ...
for (const rows of SIZES) {
  const catalog = await startCatalog();
  try {
    await storefrontQuery(catalog); // warm-up
    const run = await importOnce(catalog, rows);
    runs.push(run);
    console.log(`${rows} rows: ${run.rowsPerSecond} rows/s in ${run.seconds} s (${run.status})`);
  } finally {
    await stopCatalog(catalog);
  }
}
// ... then the largest again, with a storefront reading all along: idle p99 before, p99 while it runs.
const loaded = await startCatalog();
let underLoad: Awaited<ReturnType<typeof importOnce>>;
try {
  await storefrontQuery(loaded);
  idle = [];
  await ask(loaded, 'delay-reset', 'type');
  for (let i = 0; i < IDLE_QUERIES; i++) idle.push(await storefrontQuery(loaded));
  loopDelayIdle = await ask<LoopDelay>(loaded, 'delay', 'delay');
  await ask(loaded, 'delay-reset', 'type');
  underLoad = await importOnce(loaded, SIZES.at(-1)!, async (running) => {
    while (running()) during.push(await storefrontQuery(loaded));
  });
  loopDelayDuringImport = await ask<LoopDelay>(loaded, 'delay', 'delay');
  console.log(
    `${underLoad.rows} rows with queries: ${underLoad.rowsPerSecond} rows/s in ${underLoad.seconds} s (${underLoad.status})`,
  );
} finally {
  await stopCatalog(loaded);
}

const rowsPerSecond = Object.fromEntries(runs.map((r) => [String(r.rows), r.rowsPerSecond]));
const rowsPerCpuSecond = Object.fromEntries(runs.map((r) => [String(r.rows), r.rowsPerCpuSecond]));
const spread = (rates: number[]) => Number(((Math.max(...rates) / Math.min(...rates) - 1) * 100).toFixed(1));
const spreadPercent = spread(runs.map((r) => r.rowsPerSecond));
const cpuSpreadPercent = spread(runs.map((r) => r.rowsPerCpuSecond));
const queryP99IdleMs = percentile(idle, 99);
const queryP99DuringImportMs = percentile(during, 99);
const queryP99Ratio = Number((queryP99DuringImportMs / queryP99IdleMs).toFixed(2));
const environment = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: `${cpus()[0]?.model ?? 'unknown'} x ${cpus().length}`,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  // The machine is shared with other work: a high load average means these figures understate the catalog.
  loadAverage1m: { before: Number(loadBefore?.toFixed(2)), after: Number(loadavg()[0]?.toFixed(2)) },
};
const config = {
  sizes: SIZES,
  seedProducts: SEED_PRODUCTS,
  jobLimitMs: JOB_LIMIT_MS,
  idleQueries: IDLE_QUERIES,
  batchRows: 200,
  store: 'embedded (disk)',
  bus: 'in-process',
};
const result = {
  environment,
  config,
  rowsPerSecond,
  rowsPerSecondSpreadPercent: spreadPercent,
  rowsPerCpuSecond,
  rowsPerCpuSecondSpreadPercent: cpuSpreadPercent,
  linear: spreadPercent <= 30 && runs.every((r) => !r.timedOut),
  linearInCpuTime: cpuSpreadPercent <= 30 && runs.every((r) => !r.timedOut),
  queryP99IdleMs,
  queryP99DuringImportMs,
  queryP99Ratio,
  queryP50IdleMs: percentile(idle, 50),
  queryP50DuringImportMs: percentile(during, 50),
  queriesDuringImport: during.length,
  // The catalog's own event-loop delay (monitorEventLoopDelay, 5 ms resolution): how long work waits for a turn.
  eventLoopDelayIdle: loopDelayIdle,
  eventLoopDelayDuringImport: loopDelayDuringImport,
  connectionResetsRetried: resets,
  runs,
  runWithQueries: underLoad,
};
const outDir = join(here, '..', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'imports.json'), `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  join(outDir, 'imports.md'),
  `# Import benchmark

Node ${environment.node}, ${environment.cpu}, ${environment.date}; 1-minute load average ${environment.loadAverage1m.before}
before and ${environment.loadAverage1m.after} after (shared machine). One catalog process (embedded store on disk,
in-process bus with its outbox relay publishing every row's event), seeded with ${SEED_PRODUCTS} products; each size on a
fresh process and data directory, uploaded to \`POST /imports/erp-items\` and run as a background job (time from the
upload to SUCCEEDED, read through \`importJob\`), without other load. Then the ${SIZES.at(-1)}-row import once more on a fresh
catalog while a storefront reads \`product(sku)\` (signed storefront identity, one query at a time, from this separate
process), after ${IDLE_QUERIES} idle queries. Reproduce: \`npm run bench -- imports\`.

| rows | rows/s (wall) | seconds | catalog CPU s | rows per CPU-second | status |
| ---: | ---: | ---: | ---: | ---: | --- |
${runs.map((r) => `| ${r.rows} | ${r.rowsPerSecond} | ${r.seconds} | ${r.catalogCpuSeconds} | ${r.rowsPerCpuSecond} | ${r.status} |`).join('\n')}

Spread of rows/s: ${spreadPercent}% wall, ${cpuSpreadPercent}% per CPU-second (goal ≤ 30%: linear time). On a shared
machine the wall-clock rate follows the load of the moment; the CPU-time rate is the catalog's own work per row.

| storefront \`product(sku)\` | p50 ms | p99 ms | queries |
| --- | ---: | ---: | ---: |
| idle | ${result.queryP50IdleMs} | ${queryP99IdleMs} | ${idle.length} |
| during the ${SIZES.at(-1)}-row import (${underLoad.rowsPerSecond} rows/s, ${underLoad.status}) | ${result.queryP50DuringImportMs} | ${queryP99DuringImportMs} | ${during.length} |

p99 during / idle: ${queryP99Ratio}× (goal ≤ 3×).

Event-loop delay of the catalog process (monitorEventLoopDelay, 5 ms resolution; its own figure, less dependent on
the machine's other load): idle p99 ${loopDelayIdle?.p99Ms} ms (max ${loopDelayIdle?.maxMs}); during the import p99
${loopDelayDuringImport?.p99Ms} ms (max ${loopDelayDuringImport?.maxMs}).
`,
);
console.log(
  JSON.stringify({
    rowsPerSecond,
    spreadPercent,
    rowsPerCpuSecond,
    cpuSpreadPercent,
    queryP99IdleMs,
    queryP99DuringImportMs,
    queryP99Ratio,
    loopDelayIdle,
    loopDelayDuringImport,
  }),
);
process.exit(0);

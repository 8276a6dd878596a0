import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSubgraphGuard, IDENTITY_HEADER, signIdentity, type Client } from '@fulfillment-mesh/access';
import { createMemoryEventBus } from '@fulfillment-mesh/events';
import { directoryOf, openStore, serveSubgraph, type HttpService, type Logger } from '@fulfillment-mesh/runtime';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERP_SIGNATURE_HEADER } from '../src/adapters/erp-items.js';
import { policies } from '../src/schema/policies.js';
import { createCatalogSubgraph } from '../src/server.js';
import type { ProductDoc } from '../src/store/models.js';
import { products } from './fixtures.js';
import { ERP_SECRET, hexSignature, itemMaster, silent } from './support.js';

const secret = 'catalog-import-jobs-identity-secret-0123456789';
const operator: Client = { id: 'ops-1', kind: 'operator', scopes: ['catalog:read', 'operations:read'] };
const storefront: Client = { id: 'anonymous', kind: 'storefront', scopes: ['catalog:read'], anonymous: true };
const JOB =
  'query Job($id: ID!) { importJob(id: $id) { status processed total errorCount errors(first: 10) { row field reason } } }';

interface Job {
  status: string;
  processed: number;
  total: number | null;
  errorCount: number;
  errors: { row: number; field: string | null; reason: string }[];
}

/** `rows` item master rows `JOB-<n>` (n from 0); `bad(n)` rows get a negative price. */
function generated(rows: number, bad: (n: number) => boolean = () => false): string {
  const lines: string[] = [];
  for (let n = 0; n < rows; n++)
    lines.push(`JOB-${n},${bad(n) ? '-1.00' : '2.50'},USD,EA,ACTIVE,1,2026-11-02T08:00:00Z`);
  return itemMaster(...lines);
}

/** A catalog served over HTTP on a data directory that outlives it (so a test can restart it). */
async function catalogOn(dataDir: string, logger: Logger = silent) {
  const store = await openStore({ subgraph: 'catalog', dataDir });
  const collection = store.collection<ProductDoc>('products');
  if ((await collection.countDocuments()) === 0) await collection.insertMany(products);
  const bus = createMemoryEventBus({ logger: silent });
  // 64 KiB: a file of about 1,200 rows or more is a job.
  const adapters = { erpWebhookSecret: [ERP_SECRET], importJobThresholdBytes: 64 * 1024 };
  const subgraph = await createCatalogSubgraph({ store, logger, bus, services: directoryOf({}), adapters });
  const service: HttpService = await serveSubgraph(
    subgraph,
    { port: 0, host: '127.0.0.1' },
    createSubgraphGuard({ secret, policies }),
  );
  const base = `http://127.0.0.1:${service.port}`;
  const graphql = async (client: Client, query: string, variables: Record<string, unknown> = {}) => {
    const requestId = randomUUID();
    const response = await fetch(service.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-request-id': requestId,
        [IDENTITY_HEADER]: signIdentity(client, { secret, requestId }),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  return {
    subgraph,
    base,
    graphql,
    upload: async (csv: string) => {
      const response = await fetch(`${base}/imports/erp-items`, {
        method: 'POST',
        body: csv,
        headers: { 'content-type': 'text/csv', [ERP_SIGNATURE_HEADER]: hexSignature(ERP_SECRET, csv) },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    job: async (id: string) => (await graphql(operator, JOB, { id })).data?.importJob as Job | null,
    async close() {
      await service.close();
      await bus.close();
    },
  };
}

/** Polls `read` until `done` holds for its value, at most `ms`; returns that value. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a 100,000-row item master upload', () => {
  let dir: string;
  let catalog: Awaited<ReturnType<typeof catalogOn>>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'catalog-jobs-'));
    catalog = await catalogOn(dir);
  });
  afterAll(async () => {
    await catalog?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is accepted as a job (202), shows its progress, refuses a resend with 409 naming the job, and /healthz and queries keep answering', async () => {
    const csv = generated(100_000);
    const accepted = await catalog.upload(csv);
    expect(accepted).toMatchObject({
      status: 202,
      body: { status: 'accepted', documentId: expect.stringMatching(/^sha256:/) },
    });
    const jobId = accepted.body.jobId as string;
    expect(jobId).toMatch(/^imp-/);

    expect(await catalog.upload(csv)).toMatchObject({ status: 409, body: { status: 'running', jobId } });

    const started = await until(
      () => catalog.job(jobId),
      (j) => j !== null && j.processed > 0,
      'the first batch',
    );
    expect(started).toMatchObject({ status: 'RUNNING', total: 100_000, errorCount: 0 });

    // Each answer arrives while the job is still running: the import does not hold the event loop.
    for (let i = 0; i < 3; i++) {
      const health = await fetch(`${catalog.base}/healthz`);
      expect(health.status).toBe(200);
      const product = await catalog.graphql(storefront, '{ product(sku: "SKU-2") { name price { amount } } }');
      expect(product).toEqual({ data: { product: { name: 'Trash Liner 33gal', price: { amount: '42.10' } } } });
      const now = await catalog.job(jobId);
      expect(now?.status).toBe('RUNNING');
      expect(now!.processed).toBeLessThan(100_000);
    }
    const later = await until(
      () => catalog.job(jobId),
      (j) => j !== null && j.processed > started.processed,
      'more progress',
    );
    expect(later.processed).toBeGreaterThan(started.processed);
  });
});

describe('an item master job', () => {
  let dir: string;
  let catalog: Awaited<ReturnType<typeof catalogOn>> | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'catalog-jobs-'));
  });
  afterAll(async () => {
    await catalog?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the rows it could not import with row number, field and reason, applies every other row, and logs every 10%', async () => {
    const lines: { msg: string; importJob?: string; percent?: number }[] = [];
    catalog = await catalogOn(
      dir,
      pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) }),
    );
    // Data row n is on line n + 2 (the header is line 1).
    const csv = generated(3_000, (n) => n === 1 || n === 2_500).replace('JOB-10,2.50,USD', 'JOB-10,2.50,DOLLARS');
    const accepted = await catalog.upload(csv);
    expect(accepted.status).toBe(202);
    const jobId = accepted.body.jobId as string;
    const done = await until(
      () => catalog!.job(jobId),
      (j) => j?.status === 'SUCCEEDED',
      'the job to end',
    );

    expect(done).toMatchObject({ processed: 3_000, total: 3_000, errorCount: 3 });
    expect(done.errors).toEqual([
      { row: 3, field: 'price', reason: 'price must be a non-negative decimal such as 12.50' },
      { row: 12, field: 'currency', reason: 'currency must be an ISO-4217 code such as USD' },
      { row: 2_502, field: 'price', reason: 'price must be a non-negative decimal such as 12.50' },
    ]);
    const collection = catalog.subgraph.products.collection;
    expect(await collection.countDocuments({ _id: /^JOB-/ })).toBe(2_997);
    expect(await collection.findOne({ _id: 'JOB-2999' })).toMatchObject({
      price: { amount: '2.50' },
      provenance: { price: { source: 'erp', adapterRun: `erp-items:job:${jobId}` } },
    });
    expect(await collection.findOne({ _id: 'JOB-1' })).toBeNull();
    const progress = lines.filter((l) => l.importJob === jobId && l.percent !== undefined);
    expect(progress.map((l) => [l.percent, l.msg])).toEqual(
      [10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((p) => [p, `import job ${p}% done`]),
    );

    // Applied once: the same file again is a duplicate, as after a synchronous import.
    expect(await catalog.upload(csv)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
  });

  it('is null for an unknown id and refused to a storefront', async () => {
    catalog ??= await catalogOn(dir);
    expect(await catalog.job('imp-unknown')).toBeNull();
    const denied = await catalog.graphql(storefront, JOB, { id: 'imp-unknown' });
    expect(denied).toMatchObject({ data: { importJob: null }, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
  });

  it('resumes after a restart from its last committed batch and ends with every row applied once', async () => {
    await catalog?.close();
    catalog = await catalogOn(dir);
    const csv = generated(12_000).replaceAll('JOB-', 'RES-');
    const jobId = (await catalog.upload(csv)).body.jobId as string;
    await until(
      () => catalog!.job(jobId),
      (j) => j !== null && j.processed > 0,
      'the first batch',
    );
    await catalog.close();

    catalog = undefined;
    const paused = (await openJobs(dir)).find((j) => j._id === jobId);
    expect(paused).toMatchObject({ status: 'RUNNING' });
    expect(paused!.processed).toBeGreaterThan(0);
    expect(paused!.processed).toBeLessThan(12_000);

    catalog = await catalogOn(dir);
    const done = await until(
      () => catalog!.job(jobId),
      (j) => j?.status === 'SUCCEEDED',
      'the resumed job to end',
      45_000,
    );
    expect(done).toMatchObject({ processed: 12_000, total: 12_000, errorCount: 0 });
    expect(await catalog.subgraph.products.collection.countDocuments({ _id: /^RES-/ })).toBe(12_000);
  }, 60_000);
});

/** The job documents as stored, read with the catalog stopped. */
async function openJobs(dataDir: string) {
  const store = await openStore({ subgraph: 'catalog', dataDir });
  try {
    return await store.collection<{ _id: string; status: string; processed: number }>('import_jobs').find({});
  } finally {
    await store.close();
  }
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEmbeddedStore, subgraphTester } from '@fulfillment-mesh/runtime';
import type { ImportJob } from '@fulfillment-mesh/connectors';
import { harness, stocked } from './harness.js';
import { serveRoutes, WMS_SECRET, wmsDocument } from './adapter-support.js';

type Env = Awaited<ReturnType<typeof harness>>;
let env: Env;
let http: Awaited<ReturnType<typeof serveRoutes>>;

const SNAPSHOT = '/adapters/wms/snapshots';

/** Snapshots over 2 KiB run as jobs in these tests (the default threshold is 1 MiB). */
async function setup() {
  env = await harness({
    positions: stocked('A', { 'DC-EAST': 10 }),
    adapters: { wms: { secrets: [WMS_SECRET] }, importJobThresholdBytes: 2_048 },
  });
  http = await serveRoutes(env.subgraph.adapters.routes);
}
afterEach(async () => {
  await http.close().catch(() => undefined);
  await env.subgraph.adapters.stop();
  await env.close().catch(() => undefined);
});

/** A whole-warehouse count of `n` SKUs at DC-EAST: SKU-0 … SKU-(n-1), each counted `7`. */
const lines = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ sku: `SKU-${i}`, locationId: 'DC-EAST', onHand: 7 }));

/** Reads the job until `done` holds for it, at most 20 s. */
async function until(id: string, done: (job: ImportJob) => boolean, what: string): Promise<ImportJob> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = await env.subgraph.adapters.jobs.get(id);
    if (job && done(job)) return job;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a large WMS snapshot', () => {
  it('is accepted as a job (202 with its id), and a resend while it runs is 409 naming the running job', async () => {
    await setup();
    const doc = wmsDocument(7, lines(5_000));
    const accepted = await http.post(SNAPSHOT, doc);
    expect(accepted).toMatchObject({
      status: 202,
      body: { status: 'accepted', documentId: 'wms:dc-east#7', jobId: expect.stringMatching(/^imp-/) },
    });
    const jobId = accepted.body.jobId as string;
    expect(await http.post(SNAPSHOT, doc)).toMatchObject({
      status: 409,
      body: { status: 'running', jobId, documentId: 'wms:dc-east#7' },
    });

    const done = await until(jobId, (j) => j.status === 'SUCCEEDED', 'the job to end');
    expect(done).toMatchObject({ connector: 'wms-snapshots', processed: 5_000, total: 5_000, errorCount: 0 });
    expect(done.counters).toMatchObject({ applied: 5_000, refused: 0 });
    expect(await env.position('SKU-4999@DC-EAST')).toMatchObject({
      onHand: 7,
      provenance: { onHand: { source: 'wms:dc-east', sourceVersion: '7', adapterRun: `snapshot-job:${jobId}` } },
    });
    // Applied once: the same snapshot again is a duplicate, as after an inline one.
    expect(await http.post(SNAPSHOT, doc)).toEqual({
      status: 200,
      body: { status: 'duplicate', documentId: 'wms:dc-east#7' },
    });
  });

  it('collects each bad line as a row error with its number, field and rule, and applies every other line', async () => {
    await setup();
    const body = lines(300);
    body[9] = { sku: 'SKU-9', locationId: 'DC-EAST', onHand: -3 };
    body[99] = { sku: 'SKU-99', locationId: 'DC-NOWHERE', onHand: 1 };
    body[199] = { sku: 'SKU-0', locationId: 'DC-EAST', onHand: 2 };
    const accepted = await http.post(SNAPSHOT, wmsDocument(8, body));
    expect(accepted.status).toBe(202);
    const jobId = accepted.body.jobId as string;
    await until(jobId, (j) => j.status === 'SUCCEEDED', 'the job to end');

    const tester = await subgraphTester(env.subgraph);
    const read = await tester.run(
      `query ($id: ID!) { inventoryImportJob(id: $id) { status processed total errorCount errors { row field reason } } }`,
      { id: jobId },
    );
    const unknown = await tester.run(`{ inventoryImportJob(id: "imp-unknown") { status } }`);
    await tester.stop();
    expect(read.data?.inventoryImportJob).toEqual({
      status: 'SUCCEEDED',
      processed: 300,
      total: 300,
      errorCount: 3,
      errors: [
        { row: 10, field: 'onHand', reason: expect.stringContaining('>=0') },
        { row: 100, field: 'locationId', reason: 'unknown location DC-NOWHERE' },
        { row: 200, field: 'sku', reason: 'SKU-0@DC-EAST already counted on row 1' },
      ],
    });
    expect(unknown.data?.inventoryImportJob).toBeNull();
    expect(await env.position('SKU-0@DC-EAST')).toMatchObject({ onHand: 7 });
    expect(await env.position('SKU-299@DC-EAST')).toMatchObject({ onHand: 7 });
    expect(await env.subgraph.inventory.positions.findOne({ _id: 'SKU-9@DC-EAST' })).toBeNull();
  });

  it('with a broken header is not a job: it is kept as a dead letter with the reason, like a small one', async () => {
    await setup();
    const answer = await http.post(SNAPSHOT, { ...wmsDocument(9, lines(200)), source: 'erp' });
    expect(answer).toMatchObject({ status: 202, body: { status: 'dead-lettered', stage: 'parse' } });
    expect(answer.body.reason).toContain('wms:<locationId> or pos:<locationId>');
  });

  it('resumes after a restart from its last committed batch and applies every line exactly once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wms-jobs-'));
    const adapters = { wms: { secrets: [WMS_SECRET] }, importJobThresholdBytes: 2_048 };
    try {
      env = await harness({ store: openEmbeddedStore({ dir }), positions: [], adapters });
      http = await serveRoutes(env.subgraph.adapters.routes);
      const accepted = await http.post(SNAPSHOT, wmsDocument(11, lines(6_000)));
      const jobId = accepted.body.jobId as string;
      await until(jobId, (j) => j.processed >= 500, 'the first batch');
      // A stop in the middle: the batch in progress commits, the job stays RUNNING for the next start.
      await env.subgraph.adapters.stop();
      const paused = (await env.subgraph.adapters.jobs.get(jobId))!;
      expect(paused.status).toBe('RUNNING');
      expect(paused.processed).toBeLessThan(6_000);
      await http.close();
      await env.close();

      env = await harness({ store: openEmbeddedStore({ dir }), positions: [], locations: [], adapters });
      http = await serveRoutes(env.subgraph.adapters.routes);
      await env.subgraph.adapters.start();
      const done = await until(jobId, (j) => j.status === 'SUCCEEDED', 'the resumed job to end');
      expect(done).toMatchObject({ processed: 6_000, total: 6_000, errorCount: 0 });
      expect((done.counters.applied ?? 0) + (done.counters.duplicates ?? 0)).toBe(6_000);
      expect(await env.subgraph.inventory.positions.countDocuments({ onHand: 7 })).toBe(6_000);
      // Written once each: a replayed batch is a duplicate by source version and moves no position again.
      const { version } = await env.position('SKU-0@DC-EAST');
      expect(await env.subgraph.inventory.positions.countDocuments({ version })).toBe(6_000);
      await http.close();
      await env.close();
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importItemsFile } from '../src/adapters/cli.js';
import { ERP_SIGNATURE_HEADER } from '../src/adapters/erp-items.js';
import { catalogHarness, ERP_SECRET, hexSignature, itemMaster, post, silent } from './support.js';

describe('ERP item master import', () => {
  let h: Awaited<ReturnType<typeof catalogHarness>>;
  beforeEach(async () => {
    h = await catalogHarness();
  });
  afterEach(() => h.close());

  const doc = (sku: string) => h.subgraph.products.collection.findOne({ _id: sku });

  it('applies price, unit of measure and status with provenance erp and the run id', async () => {
    const summary = await h.subgraph.adapters.erpItems.importErpItems(
      itemMaster('SKU-1,2.40,usd,bx,discontinued,7,2026-11-02T08:00:00Z'),
      { adapterRun: 'run-1' },
    );

    expect(summary).toMatchObject({ adapterRun: 'run-1', rows: 1, applied: 1, conflicts: 0, invalid: 0, created: 0 });
    const product = await doc('SKU-1');
    expect(product).toMatchObject({
      price: { amount: '2.40', currencyCode: 'USD' },
      unitOfMeasure: 'BX',
      status: 'DISCONTINUED',
      name: 'Hex Bolt M8',
    });
    const erp = { source: 'erp', sourceVersion: '7', observedAt: '2026-11-02T08:00:00.000Z', adapterRun: 'run-1' };
    expect(product?.provenance).toMatchObject({ price: erp, uom: erp, status: erp });
  });

  it('assigns the business unit of the optional business_unit column, and keeps it when a later file has none', async () => {
    const erp = h.subgraph.adapters.erpItems;
    const summary = await erp.importErpItems(
      'sku,price,currency,uom,status,version,observed_at,business_unit\n' +
        'SKU-1,2.40,USD,EA,ACTIVE,7,2026-11-02T08:00:00Z,bu-east\n' +
        'NEW-2,1.00,USD,EA,ACTIVE,1,2026-11-02T08:00:00Z,bu-west\n' +
        'NEW-3,1.00,USD,EA,ACTIVE,1,2026-11-02T08:00:00Z,bad unit!\n',
    );
    expect(summary).toMatchObject({ rows: 3, applied: 2, invalid: 1 });
    expect(summary.errors).toEqual([
      { row: 4, message: expect.stringContaining('businessUnit: a business unit is 1-64 letters') },
    ]);
    expect(await doc('SKU-1')).toMatchObject({ businessUnit: 'bu-east' });
    expect(await doc('NEW-2')).toMatchObject({ businessUnit: 'bu-west', name: 'NEW-2' });
    await erp.importErpItems(itemMaster('SKU-1,2.50,USD,EA,ACTIVE,8,2026-11-03T08:00:00Z'));
    expect(await doc('SKU-1')).toMatchObject({ businessUnit: 'bu-east', price: { amount: '2.50' } });
  });

  it('creates an unknown SKU with placeholder content and no content provenance', async () => {
    const summary = await h.subgraph.adapters.erpItems.importErpItems(
      itemMaster('NEW-1,9.99,USD,EA,ACTIVE,1,2026-11-02T08:00:00Z'),
    );

    expect(summary).toMatchObject({ applied: 1, created: 1 });
    const product = await doc('NEW-1');
    expect(product).toMatchObject({
      sku: 'NEW-1',
      name: 'NEW-1',
      category: 'uncategorized',
      attributes: [],
      status: 'ACTIVE',
      price: { amount: '9.99' },
    });
    expect(Object.keys(product?.provenance ?? {}).sort()).toEqual(['price', 'status', 'uom']);
  });

  it('refuses a stale row (lower version) as a conflict and keeps the newer values', async () => {
    const erp = h.subgraph.adapters.erpItems;
    await erp.importErpItems(itemMaster('SKU-1,3.00,USD,EA,ACTIVE,10,2026-11-02T08:00:00Z'));
    // Version 9 arrives later with a newer timestamp: the ERP's own sequence decides, not the clock.
    const summary = await erp.importErpItems(itemMaster('SKU-1,1.00,USD,CS,DISCONTINUED,9,2026-11-03T08:00:00Z'));

    expect(summary).toMatchObject({ applied: 0, conflicts: 1 });
    expect(summary.refusals.map((r) => [r.row, r.fieldGroup, r.code])).toEqual([
      [2, 'price', 'stale'],
      [2, 'uom', 'stale'],
      [2, 'status', 'stale'],
    ]);
    expect(summary.refusals[0]?.reason).toBe('stale: version 9 ≤ applied 10');
    expect(await doc('SKU-1')).toMatchObject({
      price: { amount: '3.00' },
      unitOfMeasure: 'EA',
      status: 'ACTIVE',
      provenance: { price: { sourceVersion: '10' } },
    });
    expect(await h.subgraph.updates.conflicts.count({ entityId: 'SKU-1', code: 'stale' })).toBe(3);
  });

  it('reports malformed rows with their line numbers and imports the others', async () => {
    const csv = itemMaster(
      'SKU-1,1.50,USD,EA,ACTIVE,2,2026-11-02T08:00:00Z',
      'SKU-2,12,5,USD,EA,ACTIVE,2,2026-11-02T08:00:00Z',
      'SKU-3,-4.00,USD,EA,ACTIVE,2,2026-11-02T08:00:00Z',
      'SKU-4,4.00,USD,EA,SOLD_OUT,v2,yesterday',
      'SKU-5,5.00,USD,EA,ACTIVE,2,2026-11-02T08:00:00Z',
    );
    const summary = await h.subgraph.adapters.erpItems.importErpItems(csv);

    expect(summary).toMatchObject({ rows: 5, applied: 2, invalid: 3, created: 1 });
    expect(summary.errors.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(summary.errors[0]?.message).toBe('expected 7 fields, found 8');
    expect(summary.errors[1]?.message).toContain('price must be a non-negative decimal');
    expect(summary.errors[2]?.message).toMatch(
      /status must be ACTIVE or DISCONTINUED.*version must be an integer.*observed_at must be an ISO-8601 time/s,
    );
    expect(await doc('SKU-3')).toMatchObject({ price: { amount: '1.25' } });
  });

  it('changes nothing, and logs no conflict, when the same rows are imported again', async () => {
    const csv = itemMaster('SKU-2,40.00,USD,CS,ACTIVE,3,2026-11-02T08:00:00Z');
    await h.subgraph.adapters.erpItems.importErpItems(csv, { adapterRun: 'first' });
    const before = await doc('SKU-2');
    const again = await h.subgraph.adapters.erpItems.importErpItems(csv, { adapterRun: 'second' });

    expect(again).toMatchObject({ applied: 0, duplicates: 1, conflicts: 0 });
    expect(await doc('SKU-2')).toEqual(before);
    expect(await h.subgraph.updates.conflicts.count()).toBe(0);
  });

  it('refuses a file whose header lacks a column, naming it', async () => {
    await expect(h.subgraph.adapters.erpItems.importErpItems('sku,price,currency\nSKU-1,1.00,USD\n')).rejects.toThrow(
      'Invalid ERP item master header: missing columns: uom, status, version, observed at',
    );
  });

  it('imports a file from the command line into the store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'catalog-cli-'));
    const store = openEmbeddedStore();
    try {
      const file = join(dir, 'items.csv');
      await writeFile(
        file,
        itemMaster(
          'CLI-1,1.00,USD,EA,ACTIVE,1,2026-11-02T08:00:00Z',
          'CLI-2,oops,USD,EA,ACTIVE,1,2026-11-02T08:00:00Z',
        ),
      );
      const summary = await importItemsFile(store, file, 'nightly-2026-11-02', silent);
      expect(summary).toMatchObject({ adapterRun: 'nightly-2026-11-02', applied: 1, invalid: 1, errors: [{ row: 3 }] });
      expect(await store.collection('products').findOne({ _id: 'CLI-1' })).toMatchObject({
        provenance: { price: { adapterRun: 'nightly-2026-11-02' } },
      });
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('POST /imports/erp-items', () => {
  let h: Awaited<ReturnType<typeof catalogHarness>>;
  let base: string;
  beforeEach(async () => {
    h = await catalogHarness();
    base = await h.serve();
  });
  afterEach(() => h.close());

  const upload = (csv: string, signature = hexSignature(ERP_SECRET, csv)) =>
    post(`${base}/imports/erp-items`, csv, { 'content-type': 'text/csv', [ERP_SIGNATURE_HEADER]: signature });

  it('imports a signed upload and answers with the summary; the same file again is a duplicate', async () => {
    const csv = itemMaster('SKU-1,2.00,USD,EA,ACTIVE,5,2026-11-02T08:00:00Z');
    const first = await upload(csv);
    expect(first).toMatchObject({ status: 200, body: { status: 'applied', summary: { rows: 1, applied: 1 } } });
    const second = await upload(csv);
    expect(second).toMatchObject({ status: 200, body: { status: 'duplicate' } });
    expect(h.subgraph.adapters.metrics()['erp-items']).toMatchObject({
      received: 2,
      applied: 1,
      duplicates: 1,
      rowsApplied: 1,
    });
  });

  it('refuses a wrong signature with 401 and counts it', async () => {
    const csv = itemMaster('SKU-1,0.01,USD,EA,ACTIVE,5,2026-11-02T08:00:00Z');
    const answer = await upload(csv, hexSignature('not-the-secret', csv));
    expect(answer).toEqual({ status: 401, body: { error: 'invalid signature' } });
    expect(h.subgraph.adapters.metrics()['erp-items']?.invalidSignature).toBe(1);
    expect(await h.subgraph.products.collection.findOne({ _id: 'SKU-1' })).toMatchObject({ price: { amount: '1.25' } });
  });

  it('refuses an upload that is not CSV with 415 naming the types it accepts, before reading it', async () => {
    const csv = itemMaster('SKU-1,0.01,USD,EA,ACTIVE,5,2026-11-02T08:00:00Z');
    const answer = await post(`${base}/imports/erp-items`, csv, {
      'content-type': 'application/json',
      [ERP_SIGNATURE_HEADER]: hexSignature(ERP_SECRET, csv),
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error).toContain('"application/json" is not supported; send one of text/csv');
    expect(h.subgraph.adapters.metrics()['erp-items']?.unsupportedMediaType).toBe(1);
    expect(await h.subgraph.products.collection.findOne({ _id: 'SKU-1' })).toMatchObject({ price: { amount: '1.25' } });
  });

  it('keeps a file with a broken header as a dead letter with the reason', async () => {
    const answer = await upload('sku;price;currency\nSKU-1;1.00;USD\n');
    expect(answer).toMatchObject({ status: 422, body: { status: 'dead-lettered', stage: 'apply' } });
    expect(answer.body.reason).toContain('missing column');
    const letter = await h.subgraph.adapters.stores.deadLetters.get(answer.body.deadLetterId as string);
    expect(letter).toMatchObject({
      connector: 'erp-items',
      status: 'open',
      body: 'sku;price;currency\nSKU-1;1.00;USD\n',
    });
  });
});

describe('unconfigured adapters', () => {
  it('answer 503 "adapter not configured" instead of accepting unsigned data', async () => {
    const h = await catalogHarness({});
    try {
      const base = await h.serve();
      expect(await post(`${base}/imports/erp-items`, itemMaster())).toEqual({
        status: 503,
        body: { error: 'adapter not configured' },
      });
      expect(await post(`${base}/webhooks/pim`, '{}')).toEqual({
        status: 503,
        body: { error: 'adapter not configured' },
      });
    } finally {
      await h.close();
    }
  });
});

describe('scheduled item master import', () => {
  it('fetches <ERP_URL>/items.csv from the ERP and imports it once, however often it is fetched', async () => {
    const csv = itemMaster('SKU-3,8.00,USD,EA,ACTIVE,2,2026-11-02T08:00:00Z');
    const requests: string[] = [];
    const erp = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/csv' }).end(csv);
    });
    await new Promise<void>((resolve) => erp.listen(0, '127.0.0.1', resolve));
    const h = await catalogHarness({ erpUrl: `http://127.0.0.1:${(erp.address() as AddressInfo).port}/erp` });
    try {
      expect(await h.subgraph.adapters.importFromErp()).toMatchObject({ status: 'applied', result: { applied: 1 } });
      expect(await h.subgraph.adapters.importFromErp()).toMatchObject({ status: 'duplicate' });
      expect(requests).toEqual(['GET /erp/items.csv', 'GET /erp/items.csv']);
      expect(await h.subgraph.products.collection.findOne({ _id: 'SKU-3' })).toMatchObject({
        price: { amount: '8.00' },
      });
    } finally {
      await h.close();
      await new Promise((resolve) => erp.close(resolve));
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { subgraphTester } from '@fulfillment-mesh/runtime';
import { location } from './fixtures.js';
import { expectConsistent, harness, request, stocked } from './harness.js';
import { serveRoutes, WMS_SECRET, wmsDocument } from './adapter-support.js';

type Env = Awaited<ReturnType<typeof harness>>;
let env: Env;
let http: Awaited<ReturnType<typeof serveRoutes>>;

async function setup(adapters = { wms: { secrets: [WMS_SECRET] } }) {
  env = await harness({ positions: stocked('A', { 'DC-EAST': 10, 'STORE-EAST': 6 }), adapters });
  http = await serveRoutes(env.subgraph.adapters.routes);
}
afterEach(async () => {
  await http.close();
  await env.close();
});

const ADJUST = '/adapters/wms/adjustments';
const SNAPSHOT = '/adapters/wms/snapshots';
const conflicts = () => env.subgraph.services.conflicts.list({ first: 50 });

describe('WMS adjustments', () => {
  it('applies a signed adjustment through the position writer with provenance wms:dc-east', async () => {
    await setup();
    const res = await http.post(
      ADJUST,
      wmsDocument(1, [{ sku: 'A', locationId: 'DC-EAST', delta: -2, reason: 'damaged' }]),
    );
    expect(res).toEqual({
      status: 200,
      body: {
        status: 'applied',
        documentId: 'wms:dc-east#1',
        result: { applied: 1, duplicates: 0, refused: 0, shortfalls: 0 },
      },
    });
    const position = await env.position('A@DC-EAST');
    expect(position).toMatchObject({ onHand: 8, version: 2 });
    expect(position.provenance.onHand).toEqual({
      source: 'wms:dc-east',
      sourceVersion: '1',
      observedAt: '2026-11-26T11:59:00.000Z',
      adapterRun: 'adjustment:wms:dc-east#1',
    });
    const [entry] = (await env.events()).filter((e) => e.type === 'inventory.position.adjusted').map((e) => e.data);
    expect(entry).toMatchObject({
      reason: 'DAMAGED',
      source: 'wms:dc-east',
      actor: 'wms:dc-east',
      reference: { type: 'WMS_ADJUSTMENT', id: 'wms:dc-east#1' },
      delta: { onHand: -2 },
    });

    const tester = await subgraphTester(env.subgraph);
    const read = await tester.run(
      `{ inventoryPosition(sku: "A", locationId: "DC-EAST") { onHand provenance { field source sourceVersion observedAt adapterRun } } }`,
    );
    await tester.stop();
    expect(read.data?.inventoryPosition).toEqual({
      onHand: 8,
      provenance: [
        {
          field: 'onHand',
          source: 'wms:dc-east',
          sourceVersion: '1',
          observedAt: '2026-11-26T11:59:00.000Z',
          adapterRun: 'adjustment:wms:dc-east#1',
        },
      ],
    });
  });

  it('refuses an out-of-order sequence as stale and records a conflict queryable through inventoryConflicts', async () => {
    await setup();
    await http.post(ADJUST, wmsDocument(5, [{ sku: 'A', locationId: 'DC-EAST', onHand: 20 }]));
    const late = await http.post(
      ADJUST,
      wmsDocument(4, [{ sku: 'A', locationId: 'DC-EAST', delta: 3 }], { observedAt: '2026-11-26T11:59:30Z' }),
    );
    expect(late.status).toBe(200);
    expect(await env.position('A@DC-EAST')).toMatchObject({
      onHand: 20,
      version: 2,
      provenance: { onHand: { source: 'wms:dc-east', sourceVersion: '5' } },
    });

    const tester = await subgraphTester(env.subgraph);
    const read = await tester.run(
      `{ inventoryConflicts(first: 5) { totalCount pageInfo { hasNextPage } nodes { entityId fieldGroup source sourceVersion reason currentSource currentSourceVersion } } }`,
    );
    await tester.stop();
    expect(read.data?.inventoryConflicts).toEqual({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      nodes: [
        {
          entityId: 'A@DC-EAST',
          fieldGroup: 'onHand',
          source: 'wms:dc-east',
          sourceVersion: '4',
          reason: 'stale: version 4 ≤ applied 5',
          currentSource: 'wms:dc-east',
          currentSourceVersion: '5',
        },
      ],
    });
    expect(env.subgraph.adapters.metrics()['wms-adjustments']).toMatchObject({ applied: 2, conflicts: 1 });
  });

  it('ignores a duplicate delivery: one change, one ledger entry, no conflict', async () => {
    await setup();
    const doc = wmsDocument(7, [{ sku: 'A', locationId: 'DC-EAST', delta: 4, reason: 'RECEIVED' }]);
    expect((await http.post(ADJUST, doc)).body.status).toBe('applied');
    expect((await http.post(ADJUST, doc)).body).toEqual({
      status: 'duplicate',
      documentId: 'wms:dc-east#7',
      result: { applied: 1, duplicates: 0, refused: 0, shortfalls: 0 },
      appliedAt: expect.any(String),
    });
    expect(await env.position('A@DC-EAST')).toMatchObject({ onHand: 14, version: 2 });
    expect((await env.events()).filter((e) => e.type === 'inventory.position.adjusted')).toHaveLength(1);
    expect((await conflicts()).nodes).toEqual([]);
  });

  it('refuses a POS write at a DC as non-authoritative and leaves quantities and provenance unchanged', async () => {
    await setup();
    await http.post(ADJUST, wmsDocument(1, [{ sku: 'A', locationId: 'DC-EAST', onHand: 12 }]));
    const before = await env.position('A@DC-EAST');
    const res = await http.post(
      ADJUST,
      wmsDocument(99, [{ sku: 'A', locationId: 'DC-EAST', onHand: 3 }], { source: 'pos:dc-east' }),
    );
    expect(res.body.status).toBe('applied'); // the document was processed; its one write was refused
    expect(await env.position('A@DC-EAST')).toEqual(before);
    const [conflict] = (await conflicts()).nodes;
    expect(conflict).toMatchObject({
      entityId: 'A@DC-EAST',
      code: 'non-authoritative',
      incoming: { source: 'pos:dc-east', sourceVersion: '99' },
      current: { source: 'wms:dc-east', sourceVersion: '1' },
      context: { locationKind: 'DC' },
    });
    expect(conflict?.reason).toContain('pos:dc-east does not master onHand at DC');
  });

  it("refuses a WMS writing another location's stock, and a POS writing its own store", async () => {
    await setup();
    await http.post(ADJUST, wmsDocument(1, [{ sku: 'A', locationId: 'DC-EAST', delta: 1 }], { source: 'wms:dc-west' }));
    await http.post(
      ADJUST,
      wmsDocument(1, [{ sku: 'A', locationId: 'STORE-EAST', onHand: 4 }], { source: 'pos:store-east' }),
    );
    expect((await env.position('A@DC-EAST')).onHand).toBe(10);
    expect(await env.position('A@STORE-EAST')).toMatchObject({
      onHand: 4,
      provenance: { onHand: { source: 'pos:store-east' } },
    });
    expect((await conflicts()).nodes.map((c) => c.reason)).toEqual([
      'non-authoritative source: wms:dc-west is the WMS of dc-west, not of DC-EAST',
    ]);
  });

  it('refuses signature failures with 401 and counts them; nothing is applied', async () => {
    await setup();
    const doc = wmsDocument(1, [{ sku: 'A', locationId: 'DC-EAST', delta: 1 }]);
    expect(await http.post(ADJUST, doc, { secret: 'not-the-secret' })).toEqual({
      status: 401,
      body: { error: 'invalid signature' },
    });
    expect((await http.post(ADJUST, doc, { secret: null })).status).toBe(401);
    expect((await http.post(ADJUST, doc, { signature: 'zz' })).status).toBe(401);
    expect(env.subgraph.adapters.metrics()['wms-adjustments']).toMatchObject({ received: 3, invalidSignature: 3 });
    expect((await env.position('A@DC-EAST')).version).toBe(1);
  });

  it('dead-letters an unknown location with the reason, and applies it on re-drive once the location exists', async () => {
    await setup();
    const res = await http.post(
      ADJUST,
      wmsDocument(3, [{ sku: 'A', locationId: 'DC-NORTH', delta: 5, reason: 'RECEIVED' }], { source: 'wms:dc-north' }),
    );
    expect(res).toMatchObject({
      status: 202,
      body: { status: 'dead-lettered', stage: 'map', reason: 'unknown location: DC-NORTH' },
    });
    await env.store.collection('locations').insertOne(location('DC-NORTH'));
    const outcome = await env.subgraph.adapters.redrive('wms-adjustments', String(res.body.deadLetterId));
    expect(outcome).toMatchObject({ status: 'applied', documentId: 'wms:dc-north#3', result: { applied: 1 } });
    expect(await env.position('A@DC-NORTH')).toMatchObject({
      onHand: 5,
      provenance: { onHand: { source: 'wms:dc-north', sourceVersion: '3' } },
    });
  });

  it('dead-letters malformed JSON and documents that break the contract, saying why', async () => {
    await setup();
    const malformed = await http.post(ADJUST, '{"source": "wms:dc-east",', { contentType: 'application/json' });
    expect(malformed.body).toMatchObject({ status: 'dead-lettered', stage: 'parse' });
    const both = await http.post(ADJUST, wmsDocument(1, [{ sku: 'A', locationId: 'DC-EAST', delta: 1, onHand: 3 }]));
    expect(both.body).toMatchObject({ status: 'dead-lettered', stage: 'parse' });
    expect(String(both.body.reason)).toContain('exactly one of delta and onHand');
    const erp = await http.post(
      ADJUST,
      wmsDocument(1, [{ sku: 'A', locationId: 'DC-EAST', delta: 1 }], { source: 'erp' }),
    );
    expect(String(erp.body.reason)).toContain('wms:<locationId> or pos:<locationId>');
  });

  it('answers 503 "adapter not configured" without a secret', async () => {
    await setup({} as never);
    expect(await http.post(ADJUST, wmsDocument(1, [{ sku: 'A', locationId: 'DC-EAST', delta: 1 }]))).toEqual({
      status: 503,
      body: { error: 'adapter not configured', adapter: 'wms-adjustments' },
    });
  });
});

describe('WMS snapshots', () => {
  it('sets onHand absolutely and orders a snapshot after adjustments by the shared sequence', async () => {
    await setup();
    await http.post(ADJUST, wmsDocument(1, [{ sku: 'A', locationId: 'DC-EAST', delta: -1 }]));
    const res = await http.post(
      SNAPSHOT,
      wmsDocument(2, [
        { sku: 'A', locationId: 'DC-EAST', onHand: 30 },
        { sku: 'NEW', locationId: 'DC-EAST', onHand: 4 },
      ]),
    );
    expect(res.body.status).toBe('applied');
    expect(await env.position('A@DC-EAST')).toMatchObject({
      onHand: 30,
      provenance: { onHand: { sourceVersion: '2', adapterRun: 'snapshot:wms:dc-east#2' } },
    });
    expect((await env.position('NEW@DC-EAST')).onHand).toBe(4);
    const ledger = (await env.events())
      .filter((e) => e.type === 'inventory.position.adjusted')
      .map((e) => e.data as { reason: string; delta: { onHand: number } });
    expect(ledger.map((e) => [e.reason, e.delta.onHand])).toEqual([
      ['ADJUSTED', -1],
      ['COUNTED', 21],
      ['COUNTED', 4],
    ]);
  });

  it('never drops onHand below reserved: the shortfall becomes a conflict for review', async () => {
    await setup();
    const reserved = await env.reserve(request('k1', [['L1', 'A', 6]]));
    expect(reserved.reservation.status).toBe('ACTIVE');
    await http.post(SNAPSHOT, wmsDocument(1, [{ sku: 'A', locationId: 'DC-EAST', onHand: 4 }]));
    const position = await env.position('A@DC-EAST');
    expect(position).toMatchObject({
      onHand: 6,
      reserved: 6,
      provenance: { onHand: { source: 'wms:dc-east', sourceVersion: '1' } },
    });
    expectConsistent(await env.positions());
    const [conflict] = (await conflicts()).nodes;
    expect(conflict).toMatchObject({ code: 'needs-review', entityId: 'A@DC-EAST' });
    expect(conflict?.reason).toContain('reported 4 on hand but 6 are reserved');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { defineMasteringRules } from '@fulfillment-mesh/connectors';
import { subgraphTester } from '@fulfillment-mesh/runtime';
import { beyondTolerance } from '../src/domain/index.js';
import { inventoryMastering } from '../src/mastering.js';
import { position } from './fixtures.js';
import { harness } from './harness.js';
import { ERP_SECRET, serveRoutes } from './adapter-support.js';

let env: Awaited<ReturnType<typeof harness>>;
afterEach(() => env.close());

// Seeded drift: A@DC-EAST is 3 below the ERP, B@3PL-SOUTH 1 above, A@STORE-EAST agrees, A@DC-WEST is unknown to the mesh.
const seeded = () => [
  position('A', 'DC-EAST', { onHand: 10 }),
  position('A', 'STORE-EAST', { onHand: 6 }),
  position('B', '3PL-SOUTH', { onHand: 50 }),
];
const CSV = [
  'sku,location_id,on_hand,version,observed_at,in_transit,expected_at',
  'A,DC-EAST,13,100,2026-11-26T10:00:00Z,,',
  'A,STORE-EAST,6,100,2026-11-26T10:00:00Z,,',
  'B,3PL-SOUTH,49,100,2026-11-26T10:00:00Z,40,2026-12-03',
  'A,DC-WEST,5,100,2026-11-26T10:00:00Z,,',
  'X,NOWHERE,1,100,2026-11-26T10:00:00Z,,',
  'A,STORE-EAST,many,100,2026-11-26T10:00:00Z,,',
].join('\n');

describe('ERP on-hand reconciliation', () => {
  it('reports drift beyond the tolerance and corrects only the fields the ERP masters', async () => {
    env = await harness({ positions: seeded() });
    const run = await env.subgraph.services.reconciler.reconcileErpSnapshot(CSV, {
      tolerance: { units: 2 },
      runId: 'run-1',
    });

    expect(run).toMatchObject({
      _id: 'run-1',
      source: 'erp',
      tolerance: { units: 2, percent: 0 },
      rows: 6,
      compared: 4,
      corrected: 1,
      reported: 2,
    });
    expect(run.discrepancies.map((d) => [d.sku, d.locationId, d.field, d.erpValue, d.meshValue, d.action])).toEqual([
      ['A', 'DC-EAST', 'onHand', 13, 10, 'REPORTED'],
      ['B', '3PL-SOUTH', 'incoming', 40, 0, 'CORRECTED'],
      ['A', 'DC-WEST', 'onHand', 5, 0, 'REPORTED'],
    ]);
    expect(run.discrepancies[0]?.reason).toBe(
      'non-authoritative source: erp does not master onHand at DC (authoritative: wms:*)',
    );
    expect(run.errors).toEqual([
      { row: 6, message: 'unknown location "NOWHERE"' },
      { row: 7, message: expect.stringContaining('onHand') },
    ]);

    // On-hand stays the WMS's; in-transit is the ERP's, with its provenance.
    expect(await env.position('A@DC-EAST')).toMatchObject({ onHand: 10, version: 1 });
    expect(await env.position('B@3PL-SOUTH')).toMatchObject({
      onHand: 50,
      incoming: { quantity: 40, expectedAt: '2026-12-03T00:00:00.000Z' },
      provenance: {
        incoming: { source: 'erp', sourceVersion: '100', observedAt: '2026-11-26T10:00:00Z', adapterRun: 'run-1' },
      },
    });
    expect(await env.subgraph.inventory.positions.findOne({ _id: 'A@DC-WEST' })).toBeNull();
    // A report is not a conflict: fields the ERP does not master are reported without filling the conflict log.
    expect(await env.subgraph.services.conflicts.count()).toBe(0);
  });

  it('announces each run with the SKUs it found on-hand drift for and those it compared without any', async () => {
    env = await harness({ positions: [...seeded(), position('C', 'DC-EAST', { onHand: 4 })] });
    await env.subgraph.services.reconciler.reconcileErpSnapshot(CSV + '\nC,DC-EAST,4,100,2026-11-26T10:00:00Z,,', {
      tolerance: { units: 2 },
      runId: 'run-9',
    });
    const stored = (await env.subgraph.inventory.reconciliationRuns.findOne({ _id: 'run-9' })) as unknown as {
      outbox: { type: string; subject: string; data: unknown }[];
    };
    expect(stored.outbox).toHaveLength(1);
    expect(stored.outbox[0]).toMatchObject({
      type: 'inventory.reconciliation.completed',
      subject: 'run-9',
      data: {
        runId: 'run-9',
        source: 'erp',
        drifted: [
          { sku: 'A', locationId: 'DC-EAST', difference: 3, action: 'REPORTED' },
          { sku: 'A', locationId: 'DC-WEST', difference: 5, action: 'REPORTED' },
        ],
        // B's on-hand is within the tolerance (its in-transit differs, which is not drift of on-hand).
        clean: ['B', 'C'],
      },
    });
  });

  it('applies on-hand where the rules make the ERP authoritative, through the ledger', async () => {
    const rules = defineMasteringRules({
      ...inventoryMastering,
      fieldGroups: {
        ...inventoryMastering.fieldGroups,
        onHand: {
          policy: 'source-wins',
          authorities: [
            ...inventoryMastering.fieldGroups.onHand!.authorities,
            { sources: ['erp'], locationKinds: ['STORE'] },
          ],
        },
      },
    });
    env = await harness({ positions: seeded(), mastering: rules });
    const csv =
      'sku,location_id,on_hand,version,observed_at\nA,STORE-EAST,9,7,2026-11-26T10:00:00Z\nA,DC-EAST,20,7,2026-11-26T10:00:00Z\n';
    const run = await env.subgraph.services.reconciler.reconcileErpSnapshot(csv, {
      tolerance: { percent: 10 },
      runId: 'run-2',
    });
    expect(run.discrepancies.map((d) => [d.locationId, d.action])).toEqual([
      ['STORE-EAST', 'CORRECTED'],
      ['DC-EAST', 'REPORTED'],
    ]);
    expect(await env.position('A@STORE-EAST')).toMatchObject({
      onHand: 9,
      version: 2,
      provenance: { onHand: { source: 'erp', sourceVersion: '7', adapterRun: 'run-2' } },
    });
    const [entry] = (await env.events()).map((e) => e.data);
    expect(entry).toMatchObject({
      reason: 'COUNTED',
      source: 'erp',
      actor: 'system:reconciliation',
      reference: { type: 'RECONCILIATION', id: 'run-2' },
      delta: { onHand: 3 },
    });

    // The same file again finds nothing to correct at the store: the values agree now.
    const again = await env.subgraph.services.reconciler.reconcileErpSnapshot(csv, { tolerance: { percent: 10 } });
    expect(again.discrepancies.map((d) => d.locationId)).toEqual(['DC-EAST']);
  });

  it('stores each report and answers the newest first through reconciliationRuns', async () => {
    env = await harness({ positions: seeded() });
    await env.subgraph.services.reconciler.reconcileErpSnapshot(CSV, { tolerance: { units: 2 }, runId: 'older' });
    env.clock.advance(60_000);
    await env.subgraph.services.reconciler.reconcileErpSnapshot(
      'sku,location_id,on_hand,version,observed_at\nA,DC-EAST,10,101,2026-11-26T11:00:00Z\n',
      { tolerance: {}, runId: 'newer' },
    );
    const tester = await subgraphTester(env.subgraph);
    const read = await tester.run(
      `{ reconciliationRuns(first: 5) { id compared corrected reported tolerance { units percent } errors { row } discrepancies { sku location { id kind } field erpValue meshValue difference action } } }`,
    );
    await tester.stop();
    expect(read.errors).toBeUndefined();
    const runs = read.data?.reconciliationRuns as { id: string; discrepancies: unknown[] }[];
    expect(runs.map((r) => r.id)).toEqual(['newer', 'older']);
    expect(runs[1]?.discrepancies[0]).toEqual({
      sku: 'A',
      location: { id: 'DC-EAST', kind: 'DC' },
      field: 'onHand',
      erpValue: 13,
      meshValue: 10,
      difference: 3,
      action: 'REPORTED',
    });
  });

  it('imports a signed CSV over HTTP, refusing a bad signature with 401', async () => {
    env = await harness({ positions: seeded(), adapters: { erp: { secrets: [ERP_SECRET], tolerance: { units: 2 } } } });
    const http = await serveRoutes(env.subgraph.adapters.routes);
    try {
      const ok = await http.post('/imports/erp-onhand', CSV, { header: 'x-erp-signature', secret: ERP_SECRET });
      expect(ok).toMatchObject({ status: 200, body: { compared: 4, corrected: 1, reported: 2 } });
      expect((await http.post('/imports/erp-onhand', CSV, { header: 'x-erp-signature', secret: 'wrong' })).status).toBe(
        401,
      );
      const json = await http.post('/imports/erp-onhand', CSV, {
        header: 'x-erp-signature',
        secret: ERP_SECRET,
        contentType: 'application/x-www-form-urlencoded',
      });
      expect(json.status).toBe(415);
      expect(json.body.error).toContain('"application/x-www-form-urlencoded" is not supported');
      const headerless = await http.post('/imports/erp-onhand', 'item,qty\nA,1\n', {
        header: 'x-erp-signature',
        secret: ERP_SECRET,
      });
      expect(headerless).toMatchObject({
        status: 422,
        body: { compared: 0, errors: [{ row: 1, message: expect.stringContaining('missing columns') }] },
      });
      expect(env.subgraph.adapters.metrics()['erp-onhand']).toMatchObject({
        received: 4,
        invalidSignature: 1,
        unsupportedMediaType: 1,
        corrected: 1,
      });
    } finally {
      await http.close();
    }
  });
});

describe('beyondTolerance', () => {
  it('tolerates a difference within either the unit or the percent limit', () => {
    expect(beyondTolerance(13, 10, { units: 2, percent: 0 })).toBe(true);
    expect(beyondTolerance(12, 10, { units: 2, percent: 0 })).toBe(false);
    expect(beyondTolerance(105, 100, { units: 0, percent: 5 })).toBe(false);
    expect(beyondTolerance(106, 100, { units: 0, percent: 5 })).toBe(true);
    expect(beyondTolerance(1, 0, { units: 0, percent: 50 })).toBe(true);
    expect(beyondTolerance(4, 4, { units: 0, percent: 0 })).toBe(false);
  });
});

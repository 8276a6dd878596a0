import { afterEach, describe, expect, it } from 'vitest';
import { hexSignature, servedShipments, WMS_SECRET } from './adapter-support.js';

const PATH = '/adapters/wms/ship-confirmations';

type Served = Awaited<ReturnType<typeof servedShipments>>;

function confirmation(shipmentId: string, overrides: Record<string, unknown> = {}) {
  return JSON.stringify({
    source: 'wms:DC-EAST',
    sequence: 41,
    shipmentId,
    lines: [{ lineId: 'L1', quantity: 2 }],
    carrier: 'UPS',
    service: 'GROUND',
    trackingNumber: '1Z-WMS-1',
    shippedAt: '2026-11-10T09:30:00-05:00',
    ...overrides,
  });
}
const signed = (body: string) => ({ 'x-wms-signature': hexSignature(WMS_SECRET, body) });

describe('WMS ship confirmations', () => {
  let served: Served;
  afterEach(() => served.close());

  it('confirms the shipment through confirmShipment, with the WMS and its sequence as provenance', async () => {
    served = await servedShipments({ wmsSecret: WMS_SECRET });
    const id = await served.release('O-1', 'DC-EAST', ['L1', 'SKU-1', 2]);
    const body = confirmation(id);
    const res = await served.post(PATH, body, signed(body));
    expect(res).toMatchObject({ status: 200, json: { status: 'applied', documentId: 'wms:DC-EAST#41' } });
    const doc = await served.subgraph.shipments.get(id);
    expect(doc).toMatchObject({
      status: 'LABEL_CREATED',
      trackingNumber: '1Z-WMS-1',
      confirmedAt: '2026-11-10T14:30:00.000Z',
    });
    expect(doc?.provenance.confirmation).toEqual({
      source: 'wms:DC-EAST',
      sourceVersion: '41',
      observedAt: '2026-11-10T14:30:00.000Z',
      adapterRun: 'wms-ship-confirmations:wms:DC-EAST#41',
    });
    expect(doc?.outbox?.map((e) => e.type)).toContain('shipments.shipment.confirmed');
  });

  it('changes nothing when the same confirmation is delivered again', async () => {
    served = await servedShipments({ wmsSecret: WMS_SECRET });
    const id = await served.release('O-1', 'DC-EAST', ['L1', 'SKU-1', 2]);
    const body = confirmation(id);
    await served.post(PATH, body, signed(body));
    const before = await served.subgraph.shipments.get(id);
    expect(await served.post(PATH, body, signed(body))).toMatchObject({ status: 200, json: { status: 'duplicate' } });
    expect(await served.subgraph.shipments.get(id)).toEqual(before);
    expect(served.subgraph.adapters.metrics()['wms-ship-confirmations']).toMatchObject({ applied: 1, duplicates: 1 });
  });

  it('refuses a bad signature with 401 and counts it', async () => {
    served = await servedShipments({ wmsSecret: WMS_SECRET });
    const id = await served.release('O-1', 'DC-EAST', ['L1', 'SKU-1', 2]);
    const body = confirmation(id);
    expect((await served.post(PATH, body, { 'x-wms-signature': hexSignature('not-the-secret', body) })).status).toBe(
      401,
    );
    expect((await served.post(PATH, body)).status).toBe(401);
    expect(served.subgraph.adapters.metrics()['wms-ship-confirmations']).toMatchObject({ invalidSignature: 2 });
    expect((await served.subgraph.shipments.get(id))?.status).toBe('PENDING');
  });

  it("refuses a confirmation from another location's WMS: provenance unchanged, conflict queryable", async () => {
    served = await servedShipments({ wmsSecret: WMS_SECRET });
    const id = await served.release('O-1', 'DC-EAST', ['L1', 'SKU-1', 2]);
    const before = await served.subgraph.shipments.get(id);
    const body = confirmation(id, { source: 'wms:DC-WEST', sequence: 7 });
    expect(await served.post(PATH, body, signed(body))).toMatchObject({ status: 200 });
    expect(await served.subgraph.shipments.get(id)).toEqual(before);
    const result =
      await served.graphql(`{ shipmentsConflicts(first: 5) { totalCount nodes { entityId fieldGroup source sourceVersion reason currentSource } }
      shipment(id: "${id}") { status provenance { field source } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.shipmentsConflicts).toEqual({
      totalCount: 1,
      nodes: [
        {
          entityId: id,
          fieldGroup: 'confirmation',
          source: 'wms:DC-WEST',
          sourceVersion: '7',
          reason: 'non-authoritative source: wms:DC-WEST does not master confirmation (authoritative: wms:DC-EAST)',
          currentSource: null,
        },
      ],
    });
    expect(result.data?.shipment).toEqual({ status: 'PENDING', provenance: [{ field: 'plan', source: 'orders' }] });
    expect(served.subgraph.adapters.metrics()['wms-ship-confirmations']).toMatchObject({ refused: 1 });
  });

  it('records an older confirmation arriving after a newer one as stale, keeping the newer', async () => {
    served = await servedShipments({ wmsSecret: WMS_SECRET });
    const id = await served.release('O-1', 'DC-EAST', ['L1', 'SKU-1', 2]);
    const newer = confirmation(id, { sequence: 42, trackingNumber: '1Z-NEW' });
    const older = confirmation(id, { sequence: 40, trackingNumber: '1Z-OLD' });
    await served.post(PATH, newer, signed(newer));
    expect(await served.post(PATH, older, signed(older))).toMatchObject({ status: 200 });
    expect(await served.subgraph.shipments.get(id)).toMatchObject({
      trackingNumber: '1Z-NEW',
      provenance: { confirmation: { sourceVersion: '42' } },
    });
    expect(await served.subgraph.conflicts.list()).toMatchObject({
      nodes: [{ code: 'stale', reason: 'stale: version 40 ≤ applied 42' }],
    });
  });

  it('keeps a confirmation that arrives before its shipment as a dead letter and applies it on re-drive', async () => {
    served = await servedShipments({ wmsSecret: WMS_SECRET });
    const body = confirmation('shp-O-9-DC-EAST');
    const res = await served.post(PATH, body, signed(body));
    expect(res).toMatchObject({
      status: 202,
      json: { status: 'dead-lettered', stage: 'apply', reason: 'Shipment "shp-O-9-DC-EAST" was not found' },
    });
    await served.release('O-9', 'DC-EAST', ['L1', 'SKU-1', 2]);
    expect(
      await served.subgraph.adapters.redrive('wms-ship-confirmations', String(res.json?.deadLetterId)),
    ).toMatchObject({ status: 'applied' });
    expect(await served.subgraph.shipments.get('shp-O-9-DC-EAST')).toMatchObject({
      status: 'LABEL_CREATED',
      trackingNumber: '1Z-WMS-1',
    });
  });

  it('keeps a malformed confirmation as a dead letter with the reason', async () => {
    served = await servedShipments({ wmsSecret: WMS_SECRET });
    const body = JSON.stringify({ source: 'DC-EAST', sequence: 1 });
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ status: 'dead-lettered', stage: 'parse' });
    expect(String(res.json?.reason)).toMatch(/^invalid document: source: /);
  });

  it('answers 503 "adapter not configured" without a secret', async () => {
    served = await servedShipments({});
    const res = await served.post(PATH, '{}');
    expect(res).toMatchObject({ status: 503, json: { error: 'adapter not configured' } });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { easyPostVerifier } from '@fulfillment-mesh/connectors';
import { hasSharedFixtures, needsShared, servedShipments, sharedFixture } from './adapter-support.js';

const PATH = '/webhooks/easypost';
// Our own secret spelt decomposed (e + U+0301): the verifier NFKD-normalises, so the composed form must match too.
const SECRET = 'se\u0301cret-test';

type Served = Awaited<ReturnType<typeof servedShipments>>;

/** A small tracker.updated Event of our own: `details` as `[status, datetime, city]`. */
function trackerEvent(id: string, trackingCode: string, carrier: string, details: [string, string, string | null][]) {
  return JSON.stringify({
    id,
    object: 'Event',
    description: 'tracker.updated',
    result: {
      object: 'Tracker',
      tracking_code: trackingCode,
      carrier,
      weight: 12,
      tracking_details: details.map(([status, datetime, city]) => ({
        status,
        datetime,
        message: `${status} scan`,
        tracking_location: { city, state: city ? 'TN' : null },
      })),
    },
  });
}

/** A served subgraph holding shipment `shp-O-1-DC` confirmed with `carrier` / `trackingNumber`, shipped at 14:00 on 31 July 2024. */
async function withConfirmed(carrier: string, trackingNumber: string): Promise<Served> {
  const served = await servedShipments({ easyPostSecret: SECRET });
  const id = await served.release('O-1', 'DC', ['L1', 'SKU-1', 1]);
  await served.subgraph.workflows.confirmShipment(
    { shipmentId: id, carrier, service: 'GROUND', trackingNumber, lines: [{ lineId: 'L1', quantity: 1 }] },
    { source: 'wms:DC', sourceVersion: '1', observedAt: '2024-07-31T14:00:00Z', shippedAt: '2024-07-31T14:00:00Z' },
  );
  return served;
}

const sign = (body: string) => easyPostVerifier(SECRET.normalize('NFC')).sign(body);

describe('EasyPost tracking webhooks', () => {
  let served: Served | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it(`reproduces EasyPost's golden HMAC vector${needsShared}`, { skip: !hasSharedFixtures }, () => {
    const vector = JSON.parse(sharedFixture('easypost/webhook-hmac-vector.json')) as {
      secret: string;
      expectedHeader: string;
    };
    const body = JSON.stringify(JSON.parse(sharedFixture('easypost/event-body.json')));
    expect(easyPostVerifier(vector.secret).sign(body)).toEqual({ 'x-hmac-signature': vector.expectedHeader });
  });

  it(
    `records the seven FedEx details of EasyPost's sample event as milestones, in transit${needsShared}`,
    { skip: !hasSharedFixtures },
    async () => {
      const vector = JSON.parse(sharedFixture('easypost/webhook-hmac-vector.json')) as {
        secret: string;
        expectedHeader: string;
      };
      served = await servedShipments({ easyPostSecret: vector.secret });
      const id = await served.release('O-1', 'DC', ['L1', 'SKU-1', 1]);
      // The sample's tracking code is "1": a shipment carrying it, confirmed before the first scan.
      await served.subgraph.workflows.confirmShipment(
        {
          shipmentId: id,
          carrier: 'FedEx',
          service: 'GROUND',
          trackingNumber: '1',
          lines: [{ lineId: 'L1', quantity: 1 }],
        },
        { source: 'wms:DC', sourceVersion: '1', observedAt: '2024-07-31T14:00:00Z', shippedAt: '2024-07-31T14:00:00Z' },
      );
      const body = JSON.stringify(JSON.parse(sharedFixture('easypost/event-body.json')));
      const res = await served.post(PATH, body, { 'x-hmac-signature': vector.expectedHeader });
      expect(res).toMatchObject({ status: 200, json: { status: 'applied', documentId: 'evt_1' } });
      const doc = await served.subgraph.shipments.get(id);
      expect(doc?.status).toBe('IN_TRANSIT');
      // LABEL_CREATED from the WMS is already held at 14:00; pre_transit at 15:00 is a second label scan.
      expect(doc?.milestones.map((m) => [m.status, m.carrierCode ?? null])).toEqual([
        ['LABEL_CREATED', null],
        ['LABEL_CREATED', 'pre_transit'],
        ...Array.from({ length: 6 }, () => ['IN_TRANSIT', 'in_transit']),
      ]);
      expect(doc?.milestones[2]).toMatchObject({ location: 'ORLANDO, FL', description: 'Picked up' });
      expect(doc?.provenance.tracking).toEqual({
        source: 'carrier:fedex',
        sourceVersion: '2024-08-02T18:50:00.000Z',
        observedAt: '2024-08-02T18:50:00.000Z',
        adapterRun: 'easypost-trackers:evt_1',
      });
    },
  );

  it('ignores details it already holds and a re-delivered event, publishing nothing more', async () => {
    served = await withConfirmed('UPS', '1Z-EP-1');
    const first = trackerEvent('evt_a', '1Z-EP-1', 'UPS', [['in_transit', '2024-08-01T10:00:00Z', 'Memphis']]);
    await served.post(PATH, first, sign(first));
    const before = await served.subgraph.shipments.get('shp-O-1-DC');
    expect(await served.post(PATH, first, sign(first))).toMatchObject({ status: 200, json: { status: 'duplicate' } });
    // A new event repeating the same detail (EasyPost sends the whole history every time).
    const again = trackerEvent('evt_b', '1Z-EP-1', 'UPS', [['in_transit', '2024-08-01T10:00:00Z', 'Memphis']]);
    expect(await served.post(PATH, again, sign(again))).toMatchObject({ status: 200, json: { status: 'applied' } });
    expect(await served.subgraph.shipments.get('shp-O-1-DC')).toEqual(before);
    expect(served.subgraph.adapters.metrics()['easypost-trackers']).toMatchObject({
      'milestones.duplicate': 1,
      'milestones.applied': 1,
    });
  });

  it('keeps a late, older detail as history without moving the status or the provenance back', async () => {
    served = await withConfirmed('UPS', '1Z-EP-2');
    const delivered = trackerEvent('evt_1', '1Z-EP-2', 'UPS', [['delivered', '2024-08-03T10:00:00Z', 'Nashville']]);
    const late = trackerEvent('evt_2', '1Z-EP-2', 'UPS', [['out_for_delivery', '2024-08-03T07:00:00Z', 'Nashville']]);
    await served.post(PATH, delivered, sign(delivered));
    await served.post(PATH, late, sign(late));
    const doc = await served.subgraph.shipments.get('shp-O-1-DC');
    expect(doc?.status).toBe('DELIVERED');
    expect(doc?.milestones.map((m) => m.status)).toEqual(['LABEL_CREATED', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(doc?.provenance.tracking?.sourceVersion).toBe('2024-08-03T10:00:00.000Z');
    expect(served.subgraph.adapters.metrics()['easypost-trackers']).toMatchObject({ 'milestones.history': 1 });
  });

  it('refuses a tracker from a carrier that does not carry the shipment, recording one conflict', async () => {
    served = await withConfirmed('UPS', '1Z-EP-3');
    const before = await served.subgraph.shipments.get('shp-O-1-DC');
    const body = trackerEvent('evt_x', '1Z-EP-3', 'FedEx', [
      ['in_transit', '2024-08-01T10:00:00Z', null],
      ['delivered', '2024-08-02T10:00:00Z', null],
    ]);
    expect(await served.post(PATH, body, sign(body))).toMatchObject({ status: 200 });
    expect(await served.subgraph.shipments.get('shp-O-1-DC')).toEqual(before);
    const conflicts = await served.subgraph.conflicts.list();
    expect(conflicts.nodes).toHaveLength(1);
    expect(conflicts.nodes[0]).toMatchObject({
      fieldGroup: 'tracking',
      code: 'non-authoritative',
      incoming: { source: 'carrier:fedex' },
      current: { source: 'wms:DC' },
    });
  });

  it('refuses a bad signature with 401 and counts it', async () => {
    served = await withConfirmed('UPS', '1Z-EP-4');
    const body = trackerEvent('evt_s', '1Z-EP-4', 'UPS', [['in_transit', '2024-08-01T10:00:00Z', null]]);
    expect((await served.post(PATH, body, { 'x-hmac-signature': 'hmac-sha256-hex=' + '0'.repeat(64) })).status).toBe(
      401,
    );
    expect(served.subgraph.adapters.metrics()['easypost-trackers']).toMatchObject({ invalidSignature: 1 });
  });

  it('dead-letters an event with a status outside the carrier table, and re-drives it once the shipment exists', async () => {
    served = await withConfirmed('UPS', '1Z-EP-5');
    const unmappable = trackerEvent('evt_u', '1Z-EP-5', 'UPS', [['teleported', '2024-08-01T10:00:00Z', null]]);
    const res = await served.post(PATH, unmappable, sign(unmappable));
    expect(res).toMatchObject({ status: 202, json: { stage: 'map' } });
    expect(String(res.json?.reason)).toContain('tracking_details[0].status');

    const early = trackerEvent('evt_e', '1Z-EP-LATER', 'UPS', [['in_transit', '2024-08-01T10:00:00Z', null]]);
    const dead = await served.post(PATH, early, sign(early));
    expect(dead).toMatchObject({ status: 202, json: { stage: 'apply' } });
    const id = await served.release('O-2', 'DC', ['L1', 'SKU-1', 1]);
    await served.subgraph.workflows.confirmShipment({
      shipmentId: id,
      carrier: 'UPS',
      service: 'GROUND',
      trackingNumber: '1Z-EP-LATER',
      lines: [{ lineId: 'L1', quantity: 1 }],
    });
    expect(await served.subgraph.adapters.redrive('easypost-trackers', String(dead.json?.deadLetterId))).toMatchObject({
      status: 'applied',
    });
    expect((await served.subgraph.shipments.get(id))?.milestones.map((m) => m.status)).toContain('IN_TRANSIT');
  });
});

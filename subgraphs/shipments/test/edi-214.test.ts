import { afterEach, describe, expect, it } from 'vitest';
import {
  buildInterchange,
  createControlNumberAllocator,
  openInboundStores,
  type SegmentInput,
} from '@fulfillment-mesh/connectors';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { EDI_SECRET, hexSignature, servedShipments } from './adapter-support.js';

const PATH = '/edi/inbound/214';
// The carrier's own control numbers: every interchange it sends gets a new ISA13.
const carrierCounter = createControlNumberAllocator({
  collection: openEmbeddedStore().collection('edi_control_numbers'),
});
type Served = Awaited<ReturnType<typeof servedShipments>>;

/** A 214 from carrier `UPSN` with B10 `[pro, shipmentId]` and one LX/AT7/MS1 loop per status `[code, CCYYMMDD, HHMM, city]`. */
async function edi214(
  refs: [pro: string | null, shipmentId: string | null],
  ...statuses: [string, string, string, string][]
) {
  const segments: SegmentInput[] = [['B10', refs[0], refs[1], 'UPSN']];
  statuses.forEach(([code, date, time, city], i) => {
    segments.push(['LX', i + 1], ['AT7', code, 'NS', null, null, date, time, 'UT'], ['MS1', city, 'NJ', 'US']);
  });
  const { text } = await buildInterchange({
    sender: { qualifier: '02', id: 'UPSN' },
    receiver: { qualifier: 'ZZ', id: 'FULFILLMESH' },
    transactions: [{ setId: '214', functionalId: 'QM', segments }],
    allocator: carrierCounter,
  });
  return text;
}
const signed = (body: string) => ({
  'content-type': 'application/edi-x12',
  'x-edi-signature': hexSignature(EDI_SECRET, body),
});
async function deadLetters(served: Served) {
  return (await (await openInboundStores(served.store)).deadLetters.list({ connector: 'edi-214', status: 'open' }))
    .nodes;
}

/** A shipment at THREE_PL-1 confirmed by the 3PL with carrier UPSN and tracking number 1Z-214. */
async function confirmed(served: Served) {
  const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3]);
  await served.subgraph.workflows.confirmShipment({
    shipmentId: id,
    lines: [{ lineId: 'L1', quantity: 3 }],
    carrier: 'UPSN',
    service: 'GROUND',
    trackingNumber: '1Z-214',
  });
  return id;
}

describe('EDI 214 carrier shipment status', () => {
  let served: Served;
  afterEach(() => served.close());

  it('records AT7 statuses as normalised milestones from carrier:<scac>, answering with an accepting 997', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET });
    const id = await confirmed(served);
    const body = await edi214(
      [null, id],
      ['X3', '20261110', '1300', 'Edison'], // at the dock: no milestone
      ['AF', '20261110', '1400', 'Edison'],
      ['X6', '20261111', '0800', 'Trenton'],
      ['D1', '20261112', '0930', 'Newark'],
    );
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-edi-outcomes')).toBe('applied');
    expect(res.text).toMatch(/AK1\*QM\*\d+~/);
    expect(res.text).toMatch(/AK9\*A\*1\*1\*1/);
    const doc = await served.subgraph.shipments.get(id);
    expect(doc?.status).toBe('DELIVERED');
    expect(doc?.milestones.slice(1).map((m) => [m.status, m.carrierCode, m.at, m.location])).toEqual([
      ['PICKED_UP', 'AF', '2026-11-10T14:00:00.000Z', 'Edison, NJ'],
      ['IN_TRANSIT', 'X6', '2026-11-11T08:00:00.000Z', 'Trenton, NJ'],
      ['DELIVERED', 'D1', '2026-11-12T09:30:00.000Z', 'Newark, NJ'],
    ]);
    expect(doc?.milestones.at(-1)?.description).toBe('Completed Unloading at Delivery Location');
    expect(doc?.provenance.tracking).toMatchObject({
      source: 'carrier:upsn',
      sourceVersion: '2026-11-12T09:30:00.000Z',
    });
  });

  it('finds the shipment by its tracking number (B1001) and treats an identical re-send as a duplicate', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET });
    const id = await confirmed(served);
    const statuses: [string, string, string, string][] = [
      ['X6', '20261111', '0800', 'Trenton'],
      ['SD', '20261111', '1015', 'Trenton'],
    ];
    const first = await edi214(['1Z-214', null], ...statuses);
    const applied = await served.post(PATH, first, signed(first));
    expect(applied.headers.get('x-edi-reasons')).toBe('[]');
    expect(applied.status).toBe(200);
    const again = await edi214(['1Z-214', null], ...statuses); // a new interchange, the same statuses
    const res = await served.post(PATH, again, signed(again));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-edi-outcomes')).toBe('duplicate');
    const doc = await served.subgraph.shipments.get(id);
    expect(doc?.status).toBe('EXCEPTION');
    expect(doc?.milestones.filter((m) => m.carrierCode === 'SD')).toHaveLength(1);
  });

  it('dead-letters a 214 whose AT7 code the table does not know, naming the code, and answers 422', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET });
    const id = await confirmed(served);
    const body = await edi214([null, id], ['Q7', '20261111', '1015', 'Trenton']);
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(422);
    expect(res.headers.get('x-edi-outcomes')).toBe('dead-lettered');
    expect(JSON.parse(res.headers.get('x-edi-reasons')!)[0]).toContain('unknown AT7 shipment status code "Q7"');
    const [letter] = await deadLetters(served);
    expect(letter).toMatchObject({ stage: 'map' });
    expect(letter?.reason).toContain('"Q7"');
    expect((await served.subgraph.shipments.get(id))?.status).toBe('LABEL_CREATED');
  });

  it('dead-letters a 214 for a shipment we do not know (neither id nor tracking number)', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET });
    const body = await edi214(['1Z-NOPE', 'shp-nope'], ['X6', '20261111', '0800', 'Trenton']);
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(422);
    const [letter] = await deadLetters(served);
    expect(letter?.reason).toBe('214 for unknown shipment (shipment id "shp-nope", tracking number "1Z-NOPE")');
    expect(served.subgraph.adapters.metrics()['edi-214']).toMatchObject({ unknownShipment: 1 });
  });

  it('refuses a file without a valid X-EDI-Signature', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET });
    const body = await edi214(['1Z-214', null], ['X6', '20261111', '0800', 'Trenton']);
    const res = await served.post(PATH, body, { 'content-type': 'application/edi-x12', 'x-edi-signature': 'bad' });
    expect(res.status).toBe(401);
  });
});

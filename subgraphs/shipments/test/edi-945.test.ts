import { afterEach, describe, expect, it } from 'vitest';
import { build945, buildInterchange, createControlNumberAllocator } from '@fulfillment-mesh/connectors';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { shipmentDocs } from '../src/seed.js';
import { EDI_SECRET, hexSignature, servedShipments } from './adapter-support.js';

const PATH = '/edi/inbound/945';
type Served = Awaited<ReturnType<typeof servedShipments>>;

/** A 945 from warehouse `WH3PL` for `shipmentId`: line L1 (SKU-1) 3 of 3 shipped, line L2 (SKU-2) 1 of 2. */
async function edi945(
  shipmentId: string,
  options: { sender?: string; tamper?: (text: string) => string; control?: number; tracking?: string } = {},
) {
  const counter = createControlNumberAllocator({ collection: openEmbeddedStore().collection('edi_control_numbers') });
  const allocator =
    options.control === undefined
      ? counter
      : { next: async (kind: string) => (kind === 'interchange' ? options.control! : 1) };
  const advice = build945({
    depositorOrderNumber: 'O-1',
    shipmentId,
    shippedAt: '2026-11-09',
    carrier: { scac: 'UPSN', trackingNumber: options.tracking ?? '1Z-945-1' },
    lines: [
      { lineNumber: '1', sku: 'SKU-1', uom: 'EA', quantityOrdered: 3, quantityShipped: 3 },
      { lineNumber: '2', sku: 'SKU-2', uom: 'EA', quantityOrdered: 2, quantityShipped: 1 },
    ],
  });
  const { text } = await buildInterchange({
    sender: { qualifier: 'ZZ', id: options.sender ?? 'WH3PL' },
    receiver: { qualifier: 'ZZ', id: 'FULFILLMESH' },
    transactions: [advice],
    allocator,
  });
  return options.tamper ? options.tamper(text) : text;
}
const signed = (body: string) => ({
  'content-type': 'application/edi-x12',
  'x-edi-signature': hexSignature(EDI_SECRET, body),
});

describe('EDI 945 warehouse shipping advice', () => {
  let served: Served;
  afterEach(() => served.close());

  it('confirms the shipment named in W06 as its warehouse WMS, answering with an accepting 997', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id);
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/edi-x12');
    expect(res.headers.get('x-edi-outcomes')).toBe('applied');
    expect(res.text).toContain('ST*997*');
    expect(res.text).toMatch(/AK9\*A\*1\*1\*1/);
    const doc = await served.subgraph.shipments.get(id);
    expect(doc).toMatchObject({
      status: 'LABEL_CREATED',
      carrier: 'UPSN',
      service: 'STANDARD',
      trackingNumber: '1Z-945-1',
      confirmedAt: '2026-11-09T00:00:00.000Z',
    });
    expect(doc?.lines).toEqual([
      { lineId: 'L1', sku: 'SKU-1', quantity: 3 },
      { lineId: 'L2', sku: 'SKU-2', quantity: 1 },
    ]);
    expect(doc?.provenance.confirmation).toMatchObject({ source: 'wms:THREE_PL-1', sourceVersion: '000000001' });
    // The unit that did not leave stays behind as the next shipment.
    expect(await served.subgraph.shipments.get(`${id}-B`)).toMatchObject({
      status: 'PENDING',
      lines: [{ lineId: 'L2', sku: 'SKU-2', quantity: 1 }],
    });
  });

  it('answers a resent interchange with the very same 997 bytes, applying nothing and keeping no dead letter', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id);
    const first = await served.post(PATH, body, signed(body));
    const before = await served.subgraph.shipments.get(id);
    const again = await served.post(PATH, body, signed(body));
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('x-edi-repeated-interchanges')).toBe('000000001');
    expect(await served.subgraph.shipments.get(id)).toEqual(before);
    expect(await deadLetters(served)).toEqual([]);
    expect(served.subgraph.adapters.metrics()['edi-945']).toMatchObject({ applied: 1, repeatedInterchanges: 1 });
  });

  it('changes nothing when the same 945 comes again in a new interchange', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id, { control: 1 });
    await served.post(PATH, body, signed(body));
    const before = await served.subgraph.shipments.get(id);
    const next = await edi945(id, { control: 2 });
    const again = await served.post(PATH, next, signed(next));
    expect(again.status).toBe(200);
    expect(again.headers.get('x-edi-outcomes')).toBe('duplicate');
    expect(await served.subgraph.shipments.get(id)).toEqual(before);
  });

  it('rejects a reused ISA13 with different content with TA1 note 025 (422), applying nothing', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const other = await served.release('O-2', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id, { control: 7 });
    expect((await served.post(PATH, body, signed(body))).status).toBe(200);
    const reused = await edi945(other, { control: 7, tracking: '1Z-945-2' });
    const res = await served.post(PATH, reused, signed(reused));
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/TA1\*000000007\*\d{6}\*\d{4}\*R\*025~/);
    expect(JSON.parse(res.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringMatching(
        /^ISA13 000000007 from ZZ:WH3PL to ZZ:FULFILLMESH was already used by a different interchange/,
      ),
    ]);
    expect((await served.subgraph.shipments.get(other))?.status).toBe('PENDING');
    expect(await deadLetters(served)).toEqual([]);
  });

  it('rejects an interchange with mismatched control numbers with 422 and the reason, applying nothing', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id, { tamper: (text) => text.replace(/SE\*(\d+)\*0001~/, 'SE*$1*0002~') });
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(422);
    expect(res.headers.get('x-edi-outcomes')).toBe('none');
    expect(JSON.parse(res.headers.get('x-edi-reasons')!)).toEqual([
      'transaction 945 0001: ST02 0001 does not match SE02 0002',
    ]);
    expect(res.text).toMatch(/AK5\*R\*3/);
    expect((await served.subgraph.shipments.get(id))?.status).toBe('PENDING');
    expect(served.subgraph.adapters.metrics()['edi-945']).toMatchObject({ rejectedEnvelopes: 1 });
  });

  it('gives the reasons as JSON to a client that asks for application/json', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: {} });
    const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id, { sender: 'NEWWH' });
    const res = await served.post(PATH, body, { ...signed(body), accept: 'application/json' });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      status: 'rejected',
      outcomes: ['dead-lettered'],
      reasons: [
        expect.stringMatching(
          /^unknown warehouse "NEWWH": map it to a location in EDI_945_WAREHOUSES \(dead letter .+, stage map\)$/,
        ),
      ],
      ack: expect.stringContaining('ST*997*'),
    });
  });

  it('answers a 945 shipping 1e9 units or a tracking number with a bidi override with 422 naming the element', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const huge = await edi945(id, {
      control: 1,
      tamper: (text) => text.replace(/W12\*CC\*3\*3\*/, 'W12*CC*3*1000000000*'),
    });
    expect(huge).toContain('1000000000');
    const res = await served.post(PATH, huge, signed(huge));
    expect(res.status).toBe(422);
    expect(JSON.parse(res.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringContaining(`Invalid 945 ${id} W1203 (shipped quantity) of line 1: expected at most 100000`),
    ]);
    const bidi = await edi945(id, { control: 2, tracking: '1Z\u202e945' });
    const refused = await served.post(PATH, bidi, signed(bidi));
    expect(refused.status).toBe(422);
    expect(JSON.parse(refused.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringContaining(
        `Invalid 945 ${id} N902 (tracking number): expected no bidirectional override characters (found U+202E)`,
      ),
    ]);
    expect((await served.subgraph.shipments.get(id))?.status).toBe('PENDING');
  });

  it('confirms a seeded PENDING shipment that already carries a tracking number', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const seeded = {
      id: 'shp-seeded-1',
      orderId: 'ord-seeded-1',
      locationId: 'THREE_PL-1',
      carrier: 'UPSN',
      service: 'GROUND',
      trackingNumber: '1Z-PRE-PRINTED',
      status: 'PENDING',
      lines: [
        { lineId: '1', sku: 'SKU-1', quantity: 3 },
        { lineId: '2', sku: 'SKU-2', quantity: 1 },
      ],
      milestones: [],
      createdAt: '2026-11-01T00:00:00Z',
    };
    await served.subgraph.shipments.insertMany(shipmentDocs({ shipments: [seeded] }, '2026-11-01T00:00:00.000Z'));
    expect(await served.subgraph.shipments.get(seeded.id)).toMatchObject({
      status: 'PENDING',
      trackingNumber: '1Z-PRE-PRINTED',
    });
    const body = await edi945(seeded.id);
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-edi-outcomes')).toBe('applied');
    expect(await served.subgraph.shipments.get(seeded.id)).toMatchObject({
      status: 'LABEL_CREATED',
      trackingNumber: '1Z-945-1',
      confirmedAt: '2026-11-09T00:00:00.000Z',
    });
  });

  it('confirms a seeded PENDING shipment with the very tracking number it was seeded with', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const seeded = {
      id: 'shp-seeded-2',
      orderId: 'ord-seeded-2',
      locationId: 'THREE_PL-1',
      carrier: 'UPSN',
      service: 'GROUND',
      trackingNumber: '1Z-945-1',
      status: 'PENDING',
      lines: [
        { lineId: '1', sku: 'SKU-1', quantity: 3 },
        { lineId: '2', sku: 'SKU-2', quantity: 1 },
      ],
      milestones: [],
      createdAt: '2026-11-01T00:00:00Z',
    };
    await served.subgraph.shipments.insertMany(shipmentDocs({ shipments: [seeded] }, '2026-11-01T00:00:00.000Z'));
    const body = await edi945(seeded.id);
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(200);
    expect(await served.subgraph.shipments.get(seeded.id)).toMatchObject({
      status: 'LABEL_CREATED',
      trackingNumber: '1Z-945-1',
    });
  });

  it('keeps a 945 from an unmapped warehouse as a dead letter and applies it on re-drive once mapped', async () => {
    const warehouses: Record<string, string> = {};
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: warehouses });
    const id = await served.release('O-1', 'THREE_PL-2', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id, { sender: 'NEWWH' });
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(422);
    expect(res.headers.get('x-edi-outcomes')).toBe('dead-lettered');
    const [letter] = await deadLetters(served);
    // The same file again is answered as before and adds no second dead letter.
    const again = await served.post(PATH, body, signed(body));
    expect([again.status, again.text]).toEqual([422, res.text]);
    expect(await deadLetters(served)).toHaveLength(1);
    expect(letter).toMatchObject({
      connector: 'edi-945',
      stage: 'map',
      reason: 'unknown warehouse "NEWWH": map it to a location in EDI_945_WAREHOUSES',
    });
    warehouses.NEWWH = 'THREE_PL-2';
    expect(await served.subgraph.adapters.redrive('edi-945', letter!._id)).toMatchObject({ status: 'applied' });
    expect(await served.subgraph.shipments.get(id)).toMatchObject({
      status: 'LABEL_CREATED',
      provenance: { confirmation: { source: 'wms:THREE_PL-2' } },
    });
  });

  it('refuses a 945 from the WMS of another location, recording the conflict', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'DC-EAST', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id);
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(422);
    expect(res.headers.get('x-edi-outcomes')).toBe('refused');
    expect(JSON.parse(res.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringMatching(/refused by the mastering rules: /),
    ]);
    expect((await served.subgraph.shipments.get(id))?.status).toBe('PENDING');
    expect(await served.subgraph.conflicts.count({ entityId: id, source: 'wms:THREE_PL-1' })).toBe(1);
  });

  it('refuses a body that is not X12 text by its content-type with 415', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: {} });
    const body = await edi945('shp-x');
    const res = await served.post(PATH, body, { ...signed(body), 'content-type': 'application/json' });
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ error: expect.stringContaining('content-type "application/json" is not supported') });
  });

  it('refuses a bad signature with 401, and text that is not X12 with 400 as a dead letter', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: {} });
    expect((await served.post(PATH, 'ISA*...', { 'x-edi-signature': hexSignature('wrong', 'ISA*...') })).status).toBe(
      401,
    );
    const res = await served.post(PATH, 'hello', signed('hello'));
    expect(res).toMatchObject({ status: 400 });
    expect(res.json?.deadLetterId).toEqual(expect.any(String));
    expect(served.subgraph.adapters.metrics()['edi-945']).toMatchObject({ invalidSignature: 1, deadLettered: 1 });
  });
});

async function deadLetters(served: Served) {
  const { openInboundStores } = await import('@fulfillment-mesh/connectors');
  return (await (await openInboundStores(served.store)).deadLetters.list({ connector: 'edi-945', status: 'open' }))
    .nodes;
}

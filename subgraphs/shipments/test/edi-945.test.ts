import { afterEach, describe, expect, it } from 'vitest';
import { build945, buildInterchange, createControlNumberAllocator } from '@fulfillment-mesh/connectors';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { EDI_SECRET, hexSignature, servedShipments } from './adapter-support.js';

const PATH = '/edi/inbound/945';
type Served = Awaited<ReturnType<typeof servedShipments>>;

/** A 945 from warehouse `WH3PL` for `shipmentId`: line L1 (SKU-1) 3 of 3 shipped, line L2 (SKU-2) 1 of 2. */
async function edi945(shipmentId: string, options: { sender?: string; tamper?: (text: string) => string } = {}) {
  const allocator = createControlNumberAllocator({ collection: openEmbeddedStore().collection('edi_control_numbers') });
  const advice = build945({
    depositorOrderNumber: 'O-1',
    shipmentId,
    shippedAt: '2026-11-09',
    carrier: { scac: 'UPSN', trackingNumber: '1Z-945-1' },
    lines: [
      { lineNumber: '1', sku: 'SKU-1', uom: 'EA', quantityOrdered: 3, quantityShipped: 3 },
      { lineNumber: '2', sku: 'SKU-2', uom: 'EA', quantityOrdered: 2, quantityShipped: 1 },
    ],
  });
  const { text } = await buildInterchange({ sender: { qualifier: 'ZZ', id: options.sender ?? 'WH3PL' }, receiver: { qualifier: 'ZZ', id: 'FULFILLMESH' }, transactions: [advice], allocator });
  return options.tamper ? options.tamper(text) : text;
}
const signed = (body: string) => ({ 'content-type': 'application/edi-x12', 'x-edi-signature': hexSignature(EDI_SECRET, body) });

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
    expect(doc).toMatchObject({ status: 'LABEL_CREATED', carrier: 'UPSN', service: 'STANDARD', trackingNumber: '1Z-945-1', confirmedAt: '2026-11-09T00:00:00.000Z' });
    expect(doc?.lines).toEqual([{ lineId: 'L1', sku: 'SKU-1', quantity: 3 }, { lineId: 'L2', sku: 'SKU-2', quantity: 1 }]);
    expect(doc?.provenance.confirmation).toMatchObject({ source: 'wms:THREE_PL-1', sourceVersion: '000000001' });
    // The unit that did not leave stays behind as the next shipment.
    expect(await served.subgraph.shipments.get(`${id}-B`)).toMatchObject({ status: 'PENDING', lines: [{ lineId: 'L2', sku: 'SKU-2', quantity: 1 }] });
  });

  it('changes nothing when the same 945 is sent again', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id);
    await served.post(PATH, body, signed(body));
    const before = await served.subgraph.shipments.get(id);
    const again = await served.post(PATH, body, signed(body));
    expect(again.headers.get('x-edi-outcomes')).toBe('duplicate');
    expect(await served.subgraph.shipments.get(id)).toEqual(before);
  });

  it('rejects an interchange with mismatched control numbers in the 997 and applies nothing', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id, { tamper: (text) => text.replace(/SE\*(\d+)\*0001~/, 'SE*$1*0002~') });
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-edi-outcomes')).toBe('none');
    expect(res.text).toMatch(/AK5\*R\*3/);
    expect((await served.subgraph.shipments.get(id))?.status).toBe('PENDING');
    expect(served.subgraph.adapters.metrics()['edi-945']).toMatchObject({ rejectedEnvelopes: 1 });
  });

  it('keeps a 945 from an unmapped warehouse as a dead letter and applies it on re-drive once mapped', async () => {
    const warehouses: Record<string, string> = {};
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: warehouses });
    const id = await served.release('O-1', 'THREE_PL-2', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id, { sender: 'NEWWH' });
    const res = await served.post(PATH, body, signed(body));
    expect(res.headers.get('x-edi-outcomes')).toBe('dead-lettered');
    const [letter] = await deadLetters(served);
    expect(letter).toMatchObject({ connector: 'edi-945', stage: 'map', reason: 'unknown warehouse "NEWWH": map it to a location in EDI_945_WAREHOUSES' });
    warehouses.NEWWH = 'THREE_PL-2';
    expect(await served.subgraph.adapters.redrive('edi-945', letter!._id)).toMatchObject({ status: 'applied' });
    expect(await served.subgraph.shipments.get(id)).toMatchObject({ status: 'LABEL_CREATED', provenance: { confirmation: { source: 'wms:THREE_PL-2' } } });
  });

  it('refuses a 945 from the WMS of another location, recording the conflict', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    const id = await served.release('O-1', 'DC-EAST', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
    const body = await edi945(id);
    await served.post(PATH, body, signed(body));
    expect((await served.subgraph.shipments.get(id))?.status).toBe('PENDING');
    expect(await served.subgraph.conflicts.count({ entityId: id, source: 'wms:THREE_PL-1' })).toBe(1);
  });

  it('refuses a bad signature with 401, and text that is not X12 with 400 as a dead letter', async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: {} });
    expect((await served.post(PATH, 'ISA*...', { 'x-edi-signature': hexSignature('wrong', 'ISA*...') })).status).toBe(401);
    const res = await served.post(PATH, 'hello', signed('hello'));
    expect(res).toMatchObject({ status: 400 });
    expect(res.json?.deadLetterId).toEqual(expect.any(String));
    expect(served.subgraph.adapters.metrics()['edi-945']).toMatchObject({ invalidSignature: 1, deadLettered: 1 });
  });
});

async function deadLetters(served: Served) {
  const { openInboundStores } = await import('@fulfillment-mesh/connectors');
  return (await (await openInboundStores(served.store)).deadLetters.list({ connector: 'edi-945', status: 'open' })).nodes;
}

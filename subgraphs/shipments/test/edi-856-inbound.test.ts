import { afterEach, describe, expect, it } from 'vitest';
import {
  build856,
  buildInterchange,
  createControlNumberAllocator,
  openInboundStores,
} from '@fulfillment-mesh/connectors';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { EDI_SECRET, hexSignature, servedShipments } from './adapter-support.js';

const PATH = '/edi/inbound/856';
type Served = Awaited<ReturnType<typeof servedShipments>>;

/**
 * A 3PL's 856 from `WH3PL` for `shipmentId` (BSN02): item L1 (SKU-1) 3 shipped, item 2 (SKU-2, matched by its
 * vendor part number) 1 shipped, carrier UPSN with tracking REF*CN.
 */
async function edi856(
  shipmentId: string,
  options: { tracking?: string | null; control?: number; sku2?: string; quantity1?: number } = {},
) {
  const counter = createControlNumberAllocator({ collection: openEmbeddedStore().collection('edi_control_numbers') });
  const allocator =
    options.control === undefined
      ? counter
      : { next: async (kind: string) => (kind === 'interchange' ? options.control! : 1) };
  const notice = build856({
    shipmentId,
    shippedAt: '2026-11-09T14:30:00.000Z',
    carrier: { scac: 'UPSN', trackingNumber: options.tracking === undefined ? '1Z-856-1' : options.tracking },
    orders: [
      {
        poNumber: 'O-1',
        lines: [
          { lineNumber: 'L1', quantity: options.quantity1 ?? 3, uom: 'EA', vendorPartNumber: 'SKU-1' },
          { lineNumber: '2', quantity: 1, uom: 'EA', vendorPartNumber: options.sku2 ?? 'SKU-2' },
        ],
      },
    ],
  });
  const { text } = await buildInterchange({
    sender: { qualifier: 'ZZ', id: 'WH3PL' },
    receiver: { qualifier: 'ZZ', id: 'FULFILLMESH' },
    transactions: [notice],
    allocator,
  });
  return text;
}
const signed = (body: string) => ({
  'content-type': 'application/edi-x12',
  'x-edi-signature': hexSignature(EDI_SECRET, body),
});
const openLetters = async (served: Served) =>
  (await (await openInboundStores(served.store)).deadLetters.list({ connector: 'edi-856-in', status: 'open' })).nodes;

describe('EDI 856 ship notice from a 3PL', () => {
  let served: Served;
  afterEach(() => served.close());
  const setup = async () => {
    served = await servedShipments({ ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' } });
    return served.release('O-1', 'THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2]);
  };

  it('confirms the shipment named in BSN02 as its warehouse WMS, answering with an accepting 997', async () => {
    const id = await setup();
    const body = await edi856(id);
    const res = await served.post(PATH, body, signed(body));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-edi-outcomes')).toBe('applied');
    expect(res.text).toContain('ST*997*');
    expect(res.text).toContain('AK1*SH*');
    const doc = await served.subgraph.shipments.get(id);
    expect(doc).toMatchObject({
      status: 'LABEL_CREATED',
      carrier: 'UPSN',
      service: 'STANDARD',
      trackingNumber: '1Z-856-1',
      confirmedAt: '2026-11-09T00:00:00.000Z',
    });
    expect(doc?.lines).toEqual([
      { lineId: 'L1', sku: 'SKU-1', quantity: 3 },
      { lineId: 'L2', sku: 'SKU-2', quantity: 1 },
    ]);
    expect(doc?.provenance.confirmation).toMatchObject({ source: 'wms:THREE_PL-1', sourceVersion: '000000001' });
    expect(await served.subgraph.shipments.get(`${id}-B`)).toMatchObject({
      status: 'PENDING',
      lines: [{ lineId: 'L2', sku: 'SKU-2', quantity: 1 }],
    });
    // The same notice again in a new interchange changes nothing.
    const again = await edi856(id, { control: 7 });
    expect((await served.post(PATH, again, signed(again))).headers.get('x-edi-outcomes')).toBe('duplicate');
    expect(await openLetters(served)).toEqual([]);
  });

  it('answers 422 with the reason and keeps a dead letter when the notice cannot be mapped, applying nothing', async () => {
    const id = await setup();
    const untracked = await edi856(id, { tracking: null, control: 1 });
    const res = await served.post(PATH, untracked, signed(untracked));
    expect(res.status).toBe(422);
    expect(JSON.parse(res.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringContaining(`856 for ${id} has no tracking number (REF*CN)`),
    ]);
    const unknown = await edi856('SHP-NOPE', { control: 2 });
    const nope = await served.post(PATH, unknown, signed(unknown));
    expect(nope.status).toBe(422);
    expect(JSON.parse(nope.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringContaining('856 for unknown shipment "SHP-NOPE"'),
    ]);
    const stranger = await edi856(id, { control: 3, sku2: 'SKU-9' });
    const unmatched = await served.post(PATH, stranger, signed(stranger));
    expect(JSON.parse(unmatched.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringContaining(`item 2 (SKU SKU-9) matches no single line of shipment ${id}`),
    ]);
    const huge = await edi856(id, { control: 4, quantity1: 1_000_000_000 });
    const tooMany = await served.post(PATH, huge, signed(huge));
    expect(JSON.parse(tooMany.headers.get('x-edi-reasons')!)).toEqual([
      expect.stringContaining(`856 ${id} SN102 (shipped quantity) of line L1: expected at most 100000`),
    ]);
    // One dead letter per document (sender + shipment): later failures of the same notice count as attempts.
    expect((await openLetters(served)).map((l) => l.documentId).sort()).toEqual(
      [`WH3PL:${id}`, 'WH3PL:SHP-NOPE'].sort(),
    );
    expect((await served.subgraph.shipments.get(id))?.status).toBe('PENDING');
  });

  it('refuses a wrong signature with 401 and a JSON body with 415', async () => {
    const id = await setup();
    const body = await edi856(id);
    expect((await served.post(PATH, body, { ...signed(body), 'x-edi-signature': '00' })).status).toBe(401);
    expect((await served.post(PATH, body, { ...signed(body), 'content-type': 'application/json' })).status).toBe(415);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import {
  buildInterchange,
  createControlNumberAllocator,
  openInboundStores,
  type SegmentInput,
} from '@fulfillment-mesh/connectors';
import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import type { Edi940Doc } from '../src/adapters/edi-940.js';
import { EDI_SECRET, hexSignature, servedShipments } from './adapter-support.js';
import { allocation } from './support.js';

type Served = Awaited<ReturnType<typeof servedShipments>>;
const ID = 'shp-O-1-THREE_PL-1';
const MINUTE = 60_000;
// The 3PL's own control numbers.
const threePlCounter = createControlNumberAllocator({
  collection: openEmbeddedStore().collection('edi_control_numbers'),
});

/** Serves shipments with 3PL `WH3PL` at `THREE_PL-1` and releases order O-1 (PO-77, NJ) there for customer C-9. */
async function releasedAt3pl(edi940: { ackTimeoutMs?: number; maxResends?: number } = {}) {
  const served = await servedShipments(
    { ediSecret: EDI_SECRET, ediWarehouses: { WH3PL: 'THREE_PL-1' }, edi940: { sweepMs: 3_600_000, ...edi940 } },
    true,
  );
  await served.store
    .collection('order_channels')
    .insertOne({ _id: 'O-1', channel: 'WEB', externalId: 'PO-77', shipToRegion: 'NJ' });
  await served.subgraph.workflows.createFromRelease(
    {
      orderId: 'O-1',
      customerId: 'C-9',
      reservationId: 'res-O-1',
      allocations: [allocation('THREE_PL-1', ['L1', 'SKU-1', 3], ['L2', 'SKU-2', 2])],
    },
    'evt-O-1',
  );
  return served;
}

/** The stored 940 of `id` once `ready` holds for it (bounded wait on the consumer group, no fixed sleep). */
async function the940(served: Served, ready: (doc: Edi940Doc) => boolean = () => true, id = ID) {
  const outbound = served.store.collection<Edi940Doc>('edi_outbound');
  const deadline = Date.now() + 5_000;
  for (;;) {
    const doc = await outbound.findOne({ _id: `940:${id}` });
    if (doc && ready(doc)) return doc;
    if (Date.now() > deadline) throw new Error(`940 of ${id} not in the expected state: ${JSON.stringify(doc)}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** A 997 from WH3PL acknowledging our group `gs06` (transaction `st02`) with AK901 `status`. */
async function ack997(gs06: string, st02: string, status: 'A' | 'R') {
  const segments: SegmentInput[] = [
    ['AK1', 'OW', gs06],
    ['AK2', '940', st02],
    status === 'A' ? ['AK5', 'A'] : ['AK5', 'R', '5'],
    ['AK9', status, 1, 1, status === 'A' ? 1 : 0],
  ];
  const { text } = await buildInterchange({
    sender: { qualifier: 'ZZ', id: 'WH3PL' },
    receiver: { qualifier: 'ZZ', id: 'FULFILLMESH' },
    transactions: [{ setId: '997', functionalId: 'FA', segments }],
    allocator: threePlCounter,
  });
  return text;
}
const post997 = (served: Served, body: string) =>
  served.post('/edi/inbound/997', body, {
    'content-type': 'application/edi-x12',
    'x-edi-signature': hexSignature(EDI_SECRET, body),
  });
const advance = (served: Served, ms: number) => {
  served.clock.now = new Date(served.clock.now.getTime() + ms);
};

describe('EDI 940 warehouse shipping order to a 3PL', () => {
  let served: Served;
  afterEach(() => served.close());

  it('sends a 940 with fresh control numbers when a shipment is released at a 3PL location', async () => {
    served = await releasedAt3pl();
    const doc = await the940(served);
    expect(doc.text).toBe(
      [
        'ISA*00*          *00*          *ZZ*FULFILLMESH    *ZZ*WH3PL          *261110*1200*U*00401*000000001*0*P*>~',
        'GS*OW*FULFILLMESH*WH3PL*20261110*1200*1*X*004010~',
        'ST*940*0001~',
        'W05*N*O-1*PO-77*shp-O-1-THREE_PL-1~',
        'N1*ST**92*C-9~',
        'N4**NJ~',
        'N1*WH**92*THREE_PL-1~',
        'W66*PP*M~',
        'LX*1~',
        'W01*3*EA**VN*SKU-1~',
        'LX*2~',
        'W01*2*EA**VN*SKU-2~',
        'W76*5~',
        'SE*12*0001~',
        'GE*1*1~',
        'IEA*1*000000001~',
        '',
      ].join('\n'),
    );
    expect(doc).toMatchObject({ partner: 'WH3PL', status: 'awaiting-ack', groupControlNumbers: ['1'] });
    expect(served.subgraph.adapters.metrics()['edi-940']).toMatchObject({ sent: 1 });
  });

  it('sends nothing for a shipment released at a location that is not a 3PL', async () => {
    served = await releasedAt3pl();
    await served.subgraph.workflows.createFromRelease(
      { orderId: 'O-2', reservationId: 'res-O-2', allocations: [allocation('DC-1', ['L1', 'SKU-1', 1])] },
      'evt-O-2',
    );
    await the940(served); // the group has reached O-1; O-2 comes after it on the stream
    const deadline = Date.now() + 5_000;
    while (!served.subgraph.adapters.metrics()['edi-940']?.skipped && Date.now() < deadline)
      await new Promise((r) => setImmediate(r));
    expect(served.subgraph.adapters.metrics()['edi-940']).toMatchObject({ skipped: 1 });
    expect(await served.store.collection('edi_outbound').findOne({ _id: '940:shp-O-2-DC-1' })).toBeNull();
  });

  it("is acknowledged by the 3PL's 997 for its group, and then never resent", async () => {
    served = await releasedAt3pl({ ackTimeoutMs: 10 * MINUTE });
    await the940(served);
    const res = await post997(served, await ack997('1', '0001', 'A'));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      outcomes: [{ groupControlNumber: '1', shipmentId: ID, outcome: 'acknowledged' }],
    });
    expect((await the940(served)).status).toBe('acknowledged');
    advance(served, 11 * MINUTE);
    expect(await served.subgraph.adapters.sweep940()).toBe(0);
    expect((await the940(served)).sends).toHaveLength(1);
  });

  it('resends in a new interchange when no 997 comes in time, then dead-letters it after the last resend', async () => {
    served = await releasedAt3pl({ ackTimeoutMs: 10 * MINUTE, maxResends: 2 });
    await the940(served);
    advance(served, 9 * MINUTE);
    expect(await served.subgraph.adapters.sweep940()).toBe(0); // not due yet
    advance(served, 2 * MINUTE);
    expect(await served.subgraph.adapters.sweep940()).toBe(1);
    const resent = await the940(served);
    expect(resent.groupControlNumbers).toEqual(['1', '2']);
    expect(resent.text).toContain('*261110*1211*U*00401*000000002*0*P*>~');
    expect(resent.text).toContain('GS*OW*FULFILLMESH*WH3PL*20261110*1211*2*X*004010~\nST*940*0002~');
    expect(resent.text).toContain('W05*N*O-1*PO-77*shp-O-1-THREE_PL-1~');
    advance(served, 11 * MINUTE);
    expect(await served.subgraph.adapters.sweep940()).toBe(1);
    advance(served, 11 * MINUTE);
    expect(await served.subgraph.adapters.sweep940()).toBe(1); // out of resends: dead letter
    expect((await the940(served)).status).toBe('unacknowledged');
    const letters = await (await openInboundStores(served.store)).deadLetters.list({ connector: 'edi-940' });
    expect(letters.nodes.map((l) => l.reason)).toEqual([
      `no 997 from WH3PL for the 940 of shipment ${ID} after 3 sends (groups 1, 2, 3)`,
    ]);
    expect(served.subgraph.adapters.metrics()['edi-940']).toMatchObject({ sent: 1, resent: 2, deadLettered: 1 });
  });

  it('counts a 997 for an earlier send as the acknowledgement of a resent 940', async () => {
    served = await releasedAt3pl({ ackTimeoutMs: 10 * MINUTE });
    await the940(served);
    advance(served, 11 * MINUTE);
    await served.subgraph.adapters.sweep940();
    expect((await post997(served, await ack997('1', '0001', 'A'))).status).toBe(200);
    expect((await the940(served)).status).toBe('acknowledged');
  });

  it('dead-letters a 940 the 3PL rejects, and answers 422 for a 997 of a group we never sent', async () => {
    served = await releasedAt3pl();
    await the940(served);
    expect((await post997(served, await ack997('1', '0001', 'R'))).status).toBe(200);
    expect((await the940(served)).status).toBe('rejected');
    const letters = await (await openInboundStores(served.store)).deadLetters.list({ connector: 'edi-940' });
    expect(letters.nodes[0]?.reason).toBe(`WH3PL rejected the 940 of shipment ${ID} (997 AK9 R; AK2/AK5 0001:R)`);
    const stray = await post997(served, await ack997('99', '0099', 'A'));
    expect(stray.status).toBe(422);
    expect(stray.json?.reasons).toEqual(['997 from WH3PL acknowledges group 99, which is no 940 we sent it']);
  });

  it('is closed by the shipment confirmation (the 945), whatever its 997 state', async () => {
    served = await releasedAt3pl({ ackTimeoutMs: 10 * MINUTE });
    await the940(served);
    await served.subgraph.workflows.confirmShipment({
      shipmentId: ID,
      lines: [
        { lineId: 'L1', quantity: 3 },
        { lineId: 'L2', quantity: 2 },
      ],
      carrier: 'UPSN',
      service: 'GROUND',
      trackingNumber: '1Z-940',
    });
    const closed = await the940(served, (d) => d.status === 'closed');
    expect(closed).toMatchObject({ closedBy: 'shipments.shipment.confirmed', ackDueAt: null });
    advance(served, 11 * MINUTE);
    expect(await served.subgraph.adapters.sweep940()).toBe(0);
  });

  it('refuses a 997 without a valid X-EDI-Signature', async () => {
    served = await releasedAt3pl();
    const body = await ack997('1', '0001', 'A');
    const res = await served.post('/edi/inbound/997', body, { 'x-edi-signature': 'nope' });
    expect(res.status).toBe(401);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { signIdentity, type Client } from '@fulfillment-mesh/access';
import { createEvent } from '@fulfillment-mesh/events';
import { orderPlaced } from '../src/events/contracts.js';
import { deferred, IDENTITY_SECRET, servedShipments, standIn } from './adapter-support.js';
import { waitFor } from './support.js';

type Served = Awaited<ReturnType<typeof servedShipments>>;

/** Publishes `orders.order.placed` as the orders subgraph does (its data, which names no partner). */
async function placed(served: Served, orderId: string, channel: string, externalId: string) {
  const data = {
    orderId,
    channel,
    externalId,
    status: 'CONFIRMED',
    reservationKey: orderId,
    shipToRegion: 'US-IL',
    lines: [],
  };
  await served.bus!.publish(
    'orders',
    createEvent(orderPlaced, { source: '/subgraphs/orders', subject: orderId, data }),
  );
}

async function releasedAndConfirmed(served: Served, orderId: string, trackingNumber: string) {
  const id = await served.release(orderId, 'DC', ['L1', 'SKU-1', 2], ['L2', 'SKU-2', 1]);
  await served.subgraph.workflows.confirmShipment({
    shipmentId: id,
    carrier: 'UPSN',
    service: 'GROUND',
    trackingNumber,
    lines: [
      { lineId: 'L1', quantity: 2 },
      { lineId: 'L2', quantity: 1 },
    ],
  });
  return id;
}

const identity = (client: Client) => ({
  'x-fm-identity': signIdentity(client, { secret: IDENTITY_SECRET, requestId: 'r-1' }),
});

describe('EDI 856 advance ship notices', () => {
  let served: Served;
  afterEach(() => served.close());

  it('builds an 856 with the S/O/I hierarchy for a confirmed shipment of an EDI order, once, for its partner to fetch', async () => {
    served = await servedShipments(
      { asnPartner: { qualifier: 'ZZ', id: 'BUYERCO' }, identitySecret: IDENTITY_SECRET },
      true,
    );
    const outbound = served.store.collection<{ _id: string; text: string }>('edi_outbound');
    await placed(served, 'O-EDI', 'EDI', 'PO-4471');
    await placed(served, 'O-WEB', 'web', 'W-1');
    await waitFor(
      async () => (await served.store.collection('order_channels').countDocuments({})) === 2,
      'both channels are projected',
    );
    await releasedAndConfirmed(served, 'O-WEB', '1Z-WEB');
    const id = await releasedAndConfirmed(served, 'O-EDI', '1Z-EDI');
    const doc = await waitFor(() => outbound.findOne({ _id: `856:${id}` }), 'the 856 is stored');
    await waitFor(() => served.subgraph.adapters.metrics()['edi-856']?.skipped === 1, 'the web order is skipped');
    const segments = doc.text.split('~').map((s) => s.trim());
    expect(segments).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ISA\*00\* {10}\*00\* {10}\*ZZ\*FULFILLMESH {4}\*ZZ\*BUYERCO {8}\*/),
        `BSN*00*${id}*20261110*1200*0004`,
        'HL*1**S',
        'TD5**2*UPSN',
        'REF*CN*1Z-EDI',
        'HL*2*1*O',
        'PRF*PO-4471',
        'HL*3*2*I',
        'SN1*L1*2*EA',
        'HL*4*2*I',
        'CTT*4*3',
      ]),
    );
    expect(await outbound.countDocuments({})).toBe(1);

    const own = await fetch(`${served.base}/edi/outbound?partner=BUYERCO`, {
      headers: identity({ id: 'p-1', kind: 'partner', scopes: ['orders:read'], partnerId: 'BUYERCO' }),
    });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({
      partner: 'BUYERCO',
      documents: [{ id: `856:${id}`, setId: '856', shipmentId: id, orderId: 'O-EDI', text: doc.text }],
    });
    const other = await fetch(`${served.base}/edi/outbound?partner=BUYERCO`, {
      headers: identity({ id: 'p-2', kind: 'partner', scopes: ['orders:read'], partnerId: 'OTHER' }),
    });
    expect(other.status).toBe(403);
    expect((await fetch(`${served.base}/edi/outbound?partner=BUYERCO`)).status).toBe(401);
  });
});

describe('shipment posting to the ERP', () => {
  let served: Served | undefined;
  let erp: Awaited<ReturnType<typeof standIn>> | undefined;
  afterEach(async () => {
    await served?.close();
    await erp?.close();
  });

  it('queues postings while the ERP is down, without holding up confirmations, then drains each exactly once', async () => {
    const state = { up: false, failures: 0 };
    const applied = new Map<string, { count: number; body: Record<string, unknown> }>();
    const outage = deferred();
    const drained = deferred();
    erp = await standIn((req, res, body) => {
      if (!state.up) {
        if (++state.failures === 3) outage.resolve();
        res.writeHead(503).end('maintenance');
        return;
      }
      const key = String(req.headers['idempotency-key']);
      const seen = applied.get(key);
      applied.set(key, { count: (seen?.count ?? 0) + 1, body: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      if (applied.size === 3) drained.resolve();
    });
    served = await servedShipments(
      { erpUrl: erp.url, erp: { breaker: { consecutiveFailures: 2, halfOpenAfterMs: 30 }, timeoutMs: 2_000 } },
      true,
    );

    const ids = [];
    for (const order of ['O-1', 'O-2', 'O-3']) ids.push(await releasedAndConfirmed(served, order, `1Z-${order}`));
    // Fulfillment went on: every shipment is confirmed while the ERP refuses every posting.
    for (const id of ids) expect((await served.subgraph.shipments.get(id))?.status).toBe('LABEL_CREATED');
    await outage.promise;
    expect(applied.size).toBe(0);

    state.up = true;
    await drained.promise;
    const group = async () =>
      (await served!.bus!.health())
        .find((s) => s.stream === 'shipments')
        ?.groups.find((g) => g.group === 'shipments.erp');
    await waitFor(
      async () => (await group())?.pending === 0 && (await group())?.backlog === 0,
      'the ERP group has nothing left',
    );
    expect([...applied.values()].map((a) => a.count)).toEqual([1, 1, 1]);
    expect([...applied.values()].map((a) => a.body.shipmentId).sort()).toEqual(ids.sort());
    expect([...applied.values()][0]?.body).toMatchObject({
      carrier: 'UPSN',
      lines: [
        { lineId: 'L1', sku: 'SKU-1', quantity: 2 },
        { lineId: 'L2', sku: 'SKU-2', quantity: 1 },
      ],
    });
    expect((await group())?.counters.deadLettered).toBe(0);
    expect(served.subgraph.adapters.metrics()['erp-shipments']).toMatchObject({ sent: 3 });
  });
});

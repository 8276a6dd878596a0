import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toErpSalesOrder } from '../../src/adapters/erp.js';
import { orderInput, PLACE_ORDER } from '../support/harness.js';
import { startOrders, waitFor } from './support.js';

/** A stand-in ERP: `POST /sales-orders` applies each idempotency key once and answers the same for repeats. */
async function startErp() {
  let n = 0;
  const erp = {
    url: '',
    /** `fail`: 503; `hold`: keeps each request open until `release()` (a slow ERP), then applies it; `ok`. */
    mode: 'ok' as 'ok' | 'fail' | 'hold',
    attempts: [] as string[],
    /** Sales orders booked, by idempotency key (a repeated key is answered from here, never booked again). */
    booked: new Map<string, { orderNumber: string; body: ReturnType<typeof toErpSalesOrder> }>(),
    held: [] as (() => void)[],
    release() {
      for (const go of erp.held.splice(0)) go();
    },
  };
  const book = (key: string, body: ReturnType<typeof toErpSalesOrder>) => {
    const existing = erp.booked.get(key);
    if (existing) return existing;
    const entry = { orderNumber: `SO-${++n}`, body };
    erp.booked.set(key, entry);
    return entry;
  };
  const answer = (res: ServerResponse, entry: { orderNumber: string }) => {
    if (res.destroyed) return;
    res.writeHead(201, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        orderNumber: entry.orderNumber,
        financialStatus: 'authorized',
        version: 1,
        updatedAt: '2026-11-05T12:00:00Z',
      }),
    );
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      erp.attempts.push(key);
      if (req.url !== '/sales-orders' || req.method !== 'POST') return void res.writeHead(404).end();
      if (erp.mode === 'fail') return void res.writeHead(503).end('maintenance');
      const body = JSON.parse(text) as ReturnType<typeof toErpSalesOrder>;
      // A slow ERP still books what it received, even after the caller gave up waiting.
      if (erp.mode === 'hold') return void erp.held.push(() => answer(res, book(key, body)));
      answer(res, book(key, body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  erp.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(erp, {
    close: () =>
      new Promise<void>((r) => {
        erp.release();
        server.closeAllConnections();
        server.close(() => r());
      }),
  });
}

describe('sales order posting to the ERP', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });

  async function setup() {
    const erp = await startErp();
    cleanup.push(erp.close);
    const orders = await startOrders({
      products: ['SKU-1'],
      adapters: {
        erp: {
          url: erp.url,
          delivery: {
            timeoutMs: 200,
            ratePerSecond: 1_000,
            retry: { maxAttempts: 1, initialDelayMs: 5 },
            breaker: { consecutiveFailures: 3, halfOpenAfterMs: 50 },
          },
        },
      },
    });
    cleanup.push(orders.close);
    const place = async (externalId: string) => {
      const result = await orders.tester.run(PLACE_ORDER, { input: orderInput({ externalId }) });
      expect(result.errors).toBeUndefined();
      return (result.data as { placeOrder: { order: { id: string; status: string } } }).placeOrder.order;
    };
    return { erp, orders, place };
  }

  it('posts an accepted order once with the event id as idempotency key and writes the ERP’s answer back as source erp', async () => {
    const { erp, orders, place } = await setup();
    const placed = await place('W-1');
    const order = await waitFor(async () => {
      const doc = await orders.subgraph.orders.orders.findOne({ _id: placed.id });
      return doc?.erpOrderNumber ? doc : null;
    }, 'the ERP answer on the order');
    expect(order).toMatchObject({
      erpOrderNumber: 'SO-1',
      financialStatus: 'AUTHORIZED',
      provenance: { financialStatus: { source: 'erp', sourceVersion: '1', observedAt: '2026-11-05T12:00:00.000Z' } },
    });
    const [key] = [...erp.booked.keys()];
    const transition = (await orders.bus.read('orders', { count: 100 }))
      .map((r) => r.envelope)
      .find((e) => e.type === 'orders.order.transitioned' && e.subject === placed.id);
    expect(key).toBe(transition!.id);
    expect(erp.booked.get(key!)!.body).toMatchObject({
      orderId: placed.id,
      externalId: 'W-1',
      lines: [{ sku: 'SKU-1', quantity: 2 }],
      total: { amount: '20.00', currencyCode: 'USD' },
    });
  });

  it('keeps placing orders while the ERP fails and then stalls, and drains the queued postings exactly once when it recovers', async () => {
    const { erp, orders, place } = await setup();
    erp.mode = 'fail';
    const first = await place('W-OUTAGE-1');
    expect(first.status).toBe('ACCEPTED');
    await waitFor(() => erp.attempts.length >= 3, 'failed attempts at the ERP');

    erp.mode = 'hold';
    const second = await place('W-OUTAGE-2');
    expect(second.status).toBe('ACCEPTED');
    await waitFor(() => erp.held.length >= 1, 'a posting stuck in the slow ERP');

    // Recovery: the stalled requests complete (booked after the caller timed out), and the ERP answers again.
    erp.mode = 'ok';
    erp.release();
    const drained = await waitFor(
      async () => {
        const docs = await orders.subgraph.orders.orders.find({ _id: { $in: [first.id, second.id] } });
        return docs.length === 2 && docs.every((d) => d.erpOrderNumber) ? docs : null;
      },
      'both postings drained',
      10_000,
    );

    // Every attempt for an order carried the same key, so the ERP booked each order once however often it was tried.
    expect(erp.booked.size).toBe(2);
    expect(new Set([...erp.booked.values()].map((b) => b.body.orderId))).toEqual(new Set([first.id, second.id]));
    expect(new Set(erp.attempts)).toEqual(new Set(erp.booked.keys()));
    const firstKey = [...erp.booked].find(([, b]) => b.body.orderId === first.id)![0];
    expect(erp.attempts.filter((k) => k === firstKey).length).toBeGreaterThan(2);
    expect(new Set(drained.map((d) => d.erpOrderNumber))).toEqual(new Set(['SO-1', 'SO-2']));
    const metrics = orders.subgraph.adapters.metrics()['erp-sales-orders']!;
    expect(metrics.sent).toBe(2);
    expect(metrics.failed).toBeGreaterThan(0);
  });

  it('starts no ERP group when ERP_URL is not configured; orders still flow', async () => {
    const orders = await startOrders({ products: ['SKU-1'] });
    cleanup.push(orders.close);
    const result = await orders.tester.run(PLACE_ORDER, { input: orderInput() });
    expect(result.data).toMatchObject({ placeOrder: { order: { status: 'ACCEPTED' } } });
    expect(orders.subgraph.adapters.metrics()['erp-sales-orders']).toBeUndefined();
  });
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { erpEndpointsFromEnv } from '@fulfillment-mesh/connectors';
import { adapterOptionsFromEnv } from '../../src/adapters/index.js';
import { orderInput, PLACE_ORDER } from '../support/harness.js';
import { startOrders, waitFor } from './support.js';

/** A fake ERP recording every request exactly: path, auth header and body. */
async function fakeErp(name: string) {
  const requests: { path: string; authorization?: string; body: Record<string, unknown> }[] = [];
  let n = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      requests.push({
        path: `${req.method} ${req.url}`,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        body: JSON.parse(text) as Record<string, unknown>,
      });
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ orderNumber: `${name}-${++n}`, financialStatus: 'pending' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('sales orders routed to the ERP of their business unit', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });

  async function setup(consume?: { maxAttempts: number }) {
    const east = await fakeErp('EAST');
    const west = await fakeErp('WEST');
    cleanup.push(east.close, west.close);
    const endpoints = erpEndpointsFromEnv({
      ERP_ENDPOINTS: JSON.stringify({
        'bu-east': { url: east.url, tokenEnv: 'ERP_EAST_TOKEN' },
        'bu-west': { url: west.url, tokenEnv: 'ERP_WEST_TOKEN' },
      }),
      ERP_EAST_TOKEN: 'east-secret',
      ERP_WEST_TOKEN: 'west-secret',
    });
    const orders = await startOrders({
      products: ['SKU-1'],
      adapters: {
        erp: { endpoints, delivery: { retry: { maxAttempts: 1, initialDelayMs: 5 } } },
        ...(consume ? { consume: { ...consume, backoff: { baseMs: 5, maxMs: 10 }, blockMs: 50 } } : {}),
      },
    });
    cleanup.push(orders.close);
    const place = async (externalId: string, businessUnit?: string) => {
      const input = orderInput({ externalId, ...(businessUnit ? { businessUnit } : {}) });
      const result = await orders.tester.run(PLACE_ORDER, { input });
      expect(result.errors).toBeUndefined();
      return (result.data as { placeOrder: { order: { id: string } } }).placeOrder.order.id;
    };
    return { east, west, orders, place };
  }

  it('posts bu-east orders only to ERP A with A’s token and bu-west orders only to ERP B with B’s', async () => {
    const { east, west, orders, place } = await setup();
    const e1 = await place('E-1', 'bu-east');
    const w1 = await place('W-1', 'bu-west');
    const e2 = await place('E-2', 'bu-east');
    await waitFor(async () => east.requests.length === 2 && west.requests.length === 1, 'three postings');
    expect(east.requests.map((r) => [r.path, r.authorization, r.body.orderId, r.body.businessUnit])).toEqual(
      expect.arrayContaining([
        ['POST /sales-orders', 'Bearer east-secret', e1, 'bu-east'],
        ['POST /sales-orders', 'Bearer east-secret', e2, 'bu-east'],
      ]),
    );
    expect(west.requests.map((r) => [r.path, r.authorization, r.body.orderId, r.body.businessUnit])).toEqual([
      ['POST /sales-orders', 'Bearer west-secret', w1, 'bu-west'],
    ]);
    const booked = await waitFor(async () => {
      const doc = await orders.subgraph.orders.orders.findOne({ _id: w1 });
      return doc?.erpOrderNumber ? doc : null;
    }, 'the west ERP answer');
    expect(booked).toMatchObject({ businessUnit: 'bu-west', erpOrderNumber: 'WEST-1' });
    const read = await orders.tester.run(`query($id: ID!) { order(id: $id) { businessUnit } }`, { id: e1 });
    expect(read.data).toEqual({ order: { businessUnit: 'bu-east' } });
  });

  it('dead-letters an order of a business unit without an ERP, naming the business unit', async () => {
    const { east, west, orders, place } = await setup({ maxAttempts: 2 });
    await place('N-1', 'bu-north');
    const page = await waitFor(async () => {
      const letters = await orders.bus.deadLetters('orders');
      return letters.items.some((d) => d.group === 'orders.erp') ? letters : null;
    }, 'a dead letter of orders.erp');
    const letter = page.items.find((d) => d.group === 'orders.erp')!;
    expect(letter.attempts.at(-1)?.error).toContain(
      'no ERP is configured for business unit "bu-north" (configured: bu-east, bu-west)',
    );
    expect(east.requests).toEqual([]);
    expect(west.requests).toEqual([]);
  });

  it('refuses a malformed business unit on placeOrder with INVALID_INPUT', async () => {
    const { orders } = await setup();
    const result = await orders.tester.run(PLACE_ORDER, { input: orderInput({ businessUnit: 'bu east!' }) });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(result.errors?.[0]?.message).toContain('businessUnit');
  });

  it('does not start with a bad ERP_ENDPOINTS, and says which variable is wrong', () => {
    expect(() => adapterOptionsFromEnv({ ERP_ENDPOINTS: '{"bu-east":{"url":"not a url"}}' })).toThrow(
      /^ERP_ENDPOINTS is invalid at bu-east\.url/,
    );
  });
});

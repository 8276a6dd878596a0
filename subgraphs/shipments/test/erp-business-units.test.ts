import { afterEach, describe, expect, it } from 'vitest';
import { erpEndpointsFromEnv } from '@fulfillment-mesh/connectors';
import { adapterOptionsFromEnv } from '../src/adapters/options.js';
import { servedShipments, standIn } from './adapter-support.js';
import { allocation, waitFor } from './support.js';

type Served = Awaited<ReturnType<typeof servedShipments>>;

/** A fake ERP recording the exact requests: method and path, auth header, body. */
async function fakeErp() {
  const requests: { path: string; authorization?: string; body: Record<string, unknown> }[] = [];
  const server = await standIn((req, res, body) => {
    requests.push({
      path: `${req.method} ${req.url}`,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      body: JSON.parse(body) as Record<string, unknown>,
    });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  return { ...server, requests };
}

/** Releases an order of `businessUnit` at DC and confirms its shipment, as the order process would. */
async function shipped(served: Served, orderId: string, businessUnit?: string) {
  await served.subgraph.workflows.createFromRelease(
    {
      orderId,
      ...(businessUnit ? { businessUnit } : {}),
      reservationId: `res-${orderId}`,
      allocations: [allocation('DC', ['L1', 'SKU-1', 1])],
    },
    `evt-${orderId}`,
  );
  const shipmentId = `shp-${orderId}-DC`;
  await served.subgraph.workflows.confirmShipment({
    shipmentId,
    carrier: 'UPSN',
    service: 'GROUND',
    trackingNumber: `1Z-${orderId}`,
    lines: [{ lineId: 'L1', quantity: 1 }],
  });
  return shipmentId;
}

describe('shipments posted to the ERP of their order’s business unit', () => {
  let served: Served | undefined;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await served?.close();
    for (const close of closers.splice(0)) await close();
  });

  async function setup(maxAttempts = 50) {
    const east = await fakeErp();
    const west = await fakeErp();
    const fallback = await fakeErp();
    closers.push(east.close, west.close, fallback.close);
    const { erpEndpoints } = adapterOptionsFromEnv({
      ERP_URL: fallback.url,
      ERP_API_TOKEN: 'default-secret',
      ERP_ENDPOINTS: JSON.stringify({
        'bu-east': { url: east.url, tokenEnv: 'ERP_EAST_TOKEN' },
        'bu-west': { url: west.url, tokenEnv: 'ERP_WEST_TOKEN' },
      }),
      ERP_EAST_TOKEN: 'east-secret',
      ERP_WEST_TOKEN: 'west-secret',
    });
    served = await servedShipments(
      { erpEndpoints: erpEndpoints!, consume: { maxAttempts, backoff: { baseMs: 5, maxMs: 10 }, blockMs: 20 } },
      true,
    );
    return { east, west, fallback, served };
  }

  it('posts bu-east shipments only to ERP A with A’s token, bu-west only to B, older ones to the default ERP', async () => {
    const { east, west, fallback, served } = await setup();
    const e = await shipped(served, 'O-E', 'bu-east');
    const w = await shipped(served, 'O-W', 'bu-west');
    const d = await shipped(served, 'O-D');
    await waitFor(
      async () => east.requests.length + west.requests.length + fallback.requests.length === 3,
      'three postings',
    );
    const seen = (erp: typeof east) =>
      erp.requests.map((r) => [r.path, r.authorization, r.body.shipmentId, r.body.businessUnit]);
    expect(seen(east)).toEqual([['POST /shipments', 'Bearer east-secret', e, 'bu-east']]);
    expect(seen(west)).toEqual([['POST /shipments', 'Bearer west-secret', w, 'bu-west']]);
    expect(seen(fallback)).toEqual([['POST /shipments', 'Bearer default-secret', d, 'default']]);
  });

  it('dead-letters a shipment of a business unit without an ERP, naming it', async () => {
    const { east, west, fallback, served } = await setup(2);
    await shipped(served, 'O-N', 'bu-north');
    const letter = await waitFor(async () => {
      const page = await served.bus!.deadLetters('shipments');
      return page.items.find((d) => d.group === 'shipments.erp') ?? null;
    }, 'a dead letter of shipments.erp');
    expect(letter.attempts.at(-1)?.error).toContain('no ERP is configured for business unit "bu-north"');
    expect([...east.requests, ...west.requests, ...fallback.requests]).toEqual([]);
  });

  it('keeps the business unit of a release on the shipment and its confirmed event', async () => {
    const { served } = await setup();
    const id = await shipped(served, 'O-K', 'bu-west');
    expect((await served.subgraph.shipments.get(id))?.businessUnit).toBe('bu-west');
    expect(() => erpEndpointsFromEnv({ ERP_ENDPOINTS: '[]' })).toThrow(/^ERP_ENDPOINTS is invalid/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMesh, type RunningMesh } from '@fulfillment-mesh/mesh';
import { loadManifest } from '@fulfillment-mesh/runtime';
import { product, tinyDataset } from './fixtures.js';
import { post } from './helpers.js';

/**
 * Issue 19 item 4: the operations console shows each subgraph's owner and SLA (mesh.manifest.json) against the
 * p99 the gateway measured for its fetches (`GET /admin/service-levels`, scope operations:read).
 */
let mesh: RunningMesh;
beforeAll(async () => {
  mesh = await startMesh({
    inMemory: true,
    randomPorts: true,
    rateLimit: false,
    dataset: tinyDataset([product('SLA-1', '1.00')], { 'SLA-1': { 'dc-east': 5 } }),
  });
});
afterAll(() => mesh?.close());

type Levels = {
  subgraphs: {
    name: string;
    owner?: { team: string };
    sla?: { p99LatencyMs: number };
    measured: { fetches: number; p99Ms: number | null };
    withinTarget: boolean | null;
  }[];
};
const levels = async (headers: Record<string, string>) => {
  const res = await fetch(new URL('/admin/service-levels', mesh.gatewayUrl), { headers });
  return { status: res.status, body: (await res.json()) as Levels & { errors?: { extensions: { code: string } }[] } };
};

describe('service levels', () => {
  it("lists every subgraph's owner and SLA with the p99 measured from the gateway's fetches", async () => {
    const operator = await mesh.headersFor('operator');
    for (let i = 0; i < 5; i++) {
      const res = await post(
        mesh.gatewayUrl,
        '{ product(sku: "SLA-1") { name availability { available } } }',
        {},
        operator,
      );
      expect(res.errors).toBeUndefined();
    }
    const { status, body } = await levels(operator);
    expect(status).toBe(200);
    const manifest = loadManifest({});
    expect(body.subgraphs.map((s) => [s.name, s.owner?.team, s.sla?.p99LatencyMs])).toEqual(
      manifest.subgraphs.map((s) => [s.name, s.owner?.team, s.sla?.p99LatencyMs]),
    );
    const catalog = body.subgraphs.find((s) => s.name === 'catalog')!;
    expect(catalog.measured.fetches).toBeGreaterThanOrEqual(5);
    expect(catalog.measured.p99Ms).toBeGreaterThan(0);
    expect(catalog.withinTarget).toBe(catalog.measured.p99Ms! <= catalog.sla!.p99LatencyMs);
    const shipments = body.subgraphs.find((s) => s.name === 'shipments')!;
    expect(shipments.measured).toEqual({ fetches: 0, p99Ms: null });
    expect(shipments.withinTarget).toBeNull();
  });

  it('refuses a caller without operations:read with FORBIDDEN, and an unknown key with 401', async () => {
    const storefront = await levels(await mesh.headersFor('storefront'));
    expect(storefront.status).toBe(403);
    expect(storefront.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await levels({ 'x-api-key': 'not-a-key' })).status).toBe(401);
  });
});

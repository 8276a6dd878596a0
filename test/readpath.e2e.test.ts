import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisEventBus, type EventBus } from '@fulfillment-mesh/events';
import { startMesh, type ExtraGateway, type RunningMesh } from '@fulfillment-mesh/mesh';
import { createLogger } from '@fulfillment-mesh/runtime';
import { generateDataset, type SeedDataset } from '@fulfillment-mesh/seed-data';
import { eventually, post } from './helpers.js';
import { postPersisted, registerPartnerDocuments } from './support/partner.js';

/**
 * Issue 16, the read path's behaviour on the real mesh with the entity cache on: three gateway instances over
 * the same subgraphs. A serves the mesh (tail on the shared Redis), B is a second replica on the same Redis
 * tail, C tails a Redis of its own that this spec stops and restarts (a lost tail). Figures come from the
 * operators' surfaces (`GET /admin/cache`, the gateway's stats) and from what clients see.
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WMS_SECRET = 'readpath-wms-secret';
/** The default read path: the entity cache is on wherever the gateway has an event tail. */
const CACHE_ON = {};
const quiet = createLogger({ service: 'readpath-e2e', level: 'silent' });

const PRODUCT =
  'query Storefront($sku: ID!) { product(sku: $sku) { sku name price { amount } availability { available } } }';
const ORDER = 'query OrderView($id: ID!) { order(id: $id) { id customer { id } status } }';
const ADJUST = `mutation Adjust($input: AdjustInventoryInput!) {
  adjustInventory(input: $input) { sku onHand version }
}`;

type ProductAnswer = { product: { sku: string; availability: { available: number } } | null };
type CacheStats = { serving: boolean; hits: number; misses: number; bypassed: number; evictedByEvents: number };

/** A free loopback port (the private Redis must come back on the same one). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `redis-server` on `port` without persistence; resolves once it accepts connections. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
    { stdio: 'ignore' },
  );
  await eventually(
    () =>
      new Promise<boolean>((resolve) => {
        const socket = createServer().listen(port, '127.0.0.1');
        socket.once('listening', () => socket.close(() => resolve(false))); // still free: not up yet
        socket.once('error', () => resolve(true)); // taken: redis is listening
      }),
    (up) => up,
  );
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

let dataset: SeedDataset;
let mesh: RunningMesh;
let replica: ExtraGateway;
let loner: ExtraGateway;
let replicaBus: EventBus;
let lonerBus: EventBus;
let privateRedis: ChildProcess;
let privatePort: number;
const keys: Record<string, Record<string, string>> = {};
let inventoryUrl: string;
let wmsSequence = 1;

/** A product stocked at a DC, one per test so that tests do not share cache entries. */
let nextProduct = 0;
function stockedSku(): { sku: string; locationId: string } {
  const dcs = new Set(dataset.locations.filter((l) => l.kind === 'DC').map((l) => l.id));
  const candidates = dataset.positions.filter((p) => dcs.has(p.locationId) && p.onHand > 20);
  const position = candidates[nextProduct++ % candidates.length]!;
  return { sku: position.sku, locationId: position.locationId };
}

async function readProduct(url: string, headers: Record<string, string>, sku: string) {
  const res = await post<ProductAnswer, { sku: string }>(url, PRODUCT, { sku }, headers);
  expect(res.errors).toBeUndefined();
  return {
    available: res.data!.product!.availability.available,
    cacheControl: res.headers.get('cache-control'),
    age: res.headers.get('age'),
  };
}

async function adminCache(url: string): Promise<CacheStats> {
  const res = await fetch(new URL('/admin/cache', url), { headers: keys.operator });
  expect(res.status).toBe(200);
  return ((await res.json()) as { entityCache: CacheStats }).entityCache;
}

/** Posts one signed WMS adjustment document to the inventory adapter (a writer outside the gateway). */
async function wmsAdjust(sku: string, locationId: string, delta: number) {
  const body = JSON.stringify({
    source: `wms:${locationId}`,
    sequence: String(wmsSequence++),
    observedAt: new Date().toISOString(),
    adjustments: [{ sku, locationId, delta, reason: 'adjusted' }],
  });
  const res = await fetch(new URL('/adapters/wms/adjustments', inventoryUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wms-signature': createHmac('sha256', WMS_SECRET).update(body).digest('hex'),
    },
    body,
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

beforeAll(async () => {
  dataset = generateDataset({ seed: 16, skuCount: 40, orderCount: 12 });
  const prefix = `fm-readpath-${randomBytes(4).toString('hex')}`;
  mesh = await startMesh({
    inMemory: true,
    randomPorts: true,
    dataset,
    redisUrl: REDIS_URL,
    redisPrefix: prefix,
    rateLimit: false,
    logger: quiet,
    adapterEnv: { WMS_WEBHOOK_SECRET: WMS_SECRET },
    readPath: CACHE_ON,
  });
  inventoryUrl = mesh.subgraphs.find((s) => s.name === 'inventory')!.url;
  replicaBus = await createRedisEventBus({ url: REDIS_URL, prefix, logger: quiet });
  replica = await mesh.addGateway({ bus: replicaBus, readPath: CACHE_ON });
  privatePort = await freePort();
  privateRedis = await startRedis(privatePort);
  lonerBus = await createRedisEventBus({ url: `redis://127.0.0.1:${privatePort}`, prefix, logger: quiet });
  loner = await mesh.addGateway({ bus: lonerBus, readPath: CACHE_ON });
  for (const kind of ['storefront', 'console', 'operator'] as const) keys[kind] = await mesh.headersFor(kind);
}, 60_000);

afterAll(async () => {
  await mesh?.close();
  await replicaBus?.close();
  await lonerBus?.close().catch(() => {});
  if (privateRedis) await stopRedis(privateRedis);
});

describe('the read path with the public entity cache', () => {
  it('serves a repeated storefront read from the cache, saying so with Cache-Control and Age', async () => {
    const { sku } = stockedSku();
    const before = await adminCache(mesh.gatewayUrl);
    const first = await readProduct(mesh.gatewayUrl, keys.storefront!, sku);
    const second = await readProduct(mesh.gatewayUrl, keys.storefront!, sku);
    const after = await adminCache(mesh.gatewayUrl);
    expect(second.available).toBe(first.available);
    expect(after.hits - before.hits).toBeGreaterThanOrEqual(2); // product (catalog) and availability (inventory)
    expect(second.cacheControl).toMatch(/^public, max-age=\d+$/);
    expect(Number(second.cacheControl!.split('=')[1])).toBeLessThanOrEqual(10); // availability's 10 s bound
    expect(Number(second.age)).toBeGreaterThanOrEqual(0);
  });

  it('shows a WMS adjustment on a second gateway instance: the inventory event evicts its cached availability', async () => {
    const { sku, locationId } = stockedSku();
    const cached = await readProduct(replica.url, keys.storefront!, sku);
    const hitsBefore = replica.gateway.readPathStats().entityCache!.hits;
    expect((await readProduct(replica.url, keys.storefront!, sku)).available).toBe(cached.available);
    expect(replica.gateway.readPathStats().entityCache!.hits).toBeGreaterThan(hitsBefore); // it was cached

    await wmsAdjust(sku, locationId, 5);
    // Well inside availability's 10 s max age: only the event can have evicted it.
    const seen = await eventually(
      () => readProduct(replica.url, keys.storefront!, sku),
      (r) => r.available === cached.available + 5,
      3_000,
    );
    expect(seen.available).toBe(cached.available + 5);
    expect(replica.gateway.readPathStats().entityCache!.evictedByEvents).toBeGreaterThan(0);
  });

  it('never serves a read after a write stale on the gateway that forwarded it, even before its event arrives', async () => {
    // C tails a Redis this mesh does not publish to: its events never arrive, as if they were very late.
    const { sku, locationId } = stockedSku();
    const stats = () => loner.gateway.readPathStats().entityCache!;
    let expected = (await readProduct(loner.url, keys.storefront!, sku)).available;
    for (let i = 0; i < 3; i++) {
      const hits = stats().hits;
      expect((await readProduct(loner.url, keys.storefront!, sku)).available).toBe(expected);
      expect(stats().hits).toBeGreaterThan(hits); // cached before the write
      const written = await post(
        loner.url,
        ADJUST,
        { input: { sku, locationId, delta: { onHand: 2 }, reason: 'ADJUSTED' } },
        keys.operator,
      );
      expect(written.errors).toBeUndefined();
      expected += 2;
      expect((await readProduct(loner.url, keys.storefront!, sku)).available).toBe(expected);
    }
    expect(stats().evictedByEvents).toBe(0);
  });

  it('never shares or caches a mutation: identical adjustments sent at once are all applied', async () => {
    const { sku, locationId } = stockedSku();
    const input = { sku, locationId, delta: { onHand: 1 }, reason: 'ADJUSTED' };
    const before = (await readProduct(mesh.gatewayUrl, keys.storefront!, sku)).available;
    type Adjusted = { adjustInventory: { onHand: number; version: number } };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post<Adjusted, unknown>(mesh.gatewayUrl, ADJUST, { input }, keys.operator)),
    );
    expect(answers.map((a) => a.errors)).toEqual(answers.map(() => undefined));
    expect(new Set(answers.map((a) => a.data!.adjustInventory.version)).size).toBe(6);
    expect(answers.map((a) => a.headers.get('cache-control'))).toEqual(answers.map(() => 'private, no-store'));
    expect((await readProduct(mesh.gatewayUrl, keys.storefront!, sku)).available).toBe(before + 6);
  });

  it('never merges in-flight fetches of different identities, while one identity does share', async () => {
    const order = dataset.orders[0]!;
    const owner = order.customer.id;
    const other = dataset.orders.find((o) => o.customer.id !== owner)!.customer.id;
    await registerPartnerDocuments(mesh, owner, [ORDER]);
    await registerPartnerDocuments(mesh, other, [ORDER]);
    const ownerKey = await mesh.headersFor('partner', owner);
    const otherKey = await mesh.headersFor('partner', other);

    // The same document and variables, at the same moment, from the owner, another partner, a console and a
    // storefront (no orders:read): each gets what its own identity may see, never another's answer.
    const rounds = await Promise.all(
      Array.from({ length: 8 }, () =>
        Promise.all([
          postPersisted(mesh.gatewayUrl, ownerKey, ORDER, { id: order.id }),
          postPersisted(mesh.gatewayUrl, otherKey, ORDER, { id: order.id }),
          post<{ order: unknown }, unknown>(mesh.gatewayUrl, ORDER, { id: order.id }, keys.console),
          post<{ order: unknown }, unknown>(mesh.gatewayUrl, ORDER, { id: order.id }, keys.storefront),
        ]),
      ),
    );
    type Dedup = { dedup: { joined: number } };
    const joined = async () =>
      ((await (await fetch(new URL('/admin/cache', mesh.gatewayUrl), { headers: keys.operator })).json()) as Dedup)
        .dedup.joined;
    const sharedBefore = await joined();
    const sameClient = await Promise.all(
      Array.from({ length: 12 }, () => post(mesh.gatewayUrl, ORDER, { id: order.id }, keys.console)),
    );
    expect(sameClient.map((a) => a.errors)).toEqual(sameClient.map(() => undefined));
    expect(await joined()).toBeGreaterThan(sharedBefore); // one client's identical reads in flight together do share
    for (const [mine, theirs, console, storefront] of rounds) {
      expect(mine.data?.order).toMatchObject({ id: order.id, customer: { id: owner } });
      expect(theirs.data?.order ?? null).toBeNull();
      expect(theirs.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(console.data?.order).toMatchObject({ id: order.id });
      expect(storefront.data?.order ?? null).toBeNull();
      expect(storefront.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('never answers partner or console reads from the public cache', async () => {
    const { sku } = stockedSku();
    const partner = dataset.orders[1]!.customer.id;
    await registerPartnerDocuments(mesh, partner, [PRODUCT]);
    const partnerKey = await mesh.headersFor('partner', partner);
    await readProduct(mesh.gatewayUrl, keys.storefront!, sku);
    const warm = await adminCache(mesh.gatewayUrl);
    expect((await readProduct(mesh.gatewayUrl, keys.storefront!, sku)).cacheControl).toMatch(/^public/);
    const hitsWhenWarm = (await adminCache(mesh.gatewayUrl)).hits;
    expect(hitsWhenWarm).toBeGreaterThan(warm.hits);

    const console = await readProduct(mesh.gatewayUrl, keys.console!, sku);
    const byPartner = await postPersisted(mesh.gatewayUrl, partnerKey, PRODUCT, { sku });
    expect(byPartner.errors).toBeUndefined();
    expect(console.cacheControl).toBe('private, no-store');
    expect((await adminCache(mesh.gatewayUrl)).hits).toBe(hitsWhenWarm);
  });

  it('bypasses the cache while its event tail is disconnected, and caches again once the tail resumes', async () => {
    const { sku } = stockedSku();
    const stats = () => loner.gateway.readPathStats().entityCache!;
    await readProduct(loner.url, keys.storefront!, sku);
    const warm = stats().hits;
    await readProduct(loner.url, keys.storefront!, sku);
    expect(stats().hits).toBeGreaterThan(warm);

    await stopRedis(privateRedis);
    await eventually(
      async () => stats().serving,
      (serving) => !serving,
    );
    const { hits, bypassed } = stats();
    const whileDown = [
      await readProduct(loner.url, keys.storefront!, sku),
      await readProduct(loner.url, keys.storefront!, sku),
    ];
    expect(whileDown.map((r) => r.cacheControl)).toEqual(['no-store', 'no-store']);
    expect(stats().hits).toBe(hits);
    expect(stats().bypassed).toBeGreaterThanOrEqual(bypassed + 4); // two reads, two cacheable fetches each

    privateRedis = await startRedis(privatePort);
    await eventually(
      async () => stats().serving,
      (serving) => serving,
      15_000,
    );
    await readProduct(loner.url, keys.storefront!, sku);
    const resumed = stats().hits;
    expect((await readProduct(loner.url, keys.storefront!, sku)).cacheControl).toMatch(/^public/);
    expect(stats().hits).toBeGreaterThan(resumed);
  }, 40_000);
});

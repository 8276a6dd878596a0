import { afterEach, describe, expect, it } from 'vitest';
import { shopifyVerifier } from '@fulfillment-mesh/connectors';
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from './fakes/shopify-admin.js';
import { startFakeWooCommerce, type FakeWooCommerce } from './fakes/woocommerce.js';
import { startFakeBigCommerce, type FakeBigCommerce } from './fakes/bigcommerce.js';
import type { ChannelAtpOptions } from '../src/adapters/index.js';
import { harness, stocked } from './harness.js';

const GID_EAST = 'gid://shopify/Location/101';
const ITEM_A = 'gid://shopify/InventoryItem/9001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An inventory with A at DC-EAST (10) and DC-WEST (4), its channel syncs pointed at local fakes, started. */
async function mesh(
  channels: { shopify?: FakeShopifyAdmin; woo?: FakeWooCommerce; bc?: FakeBigCommerce },
  extra: Partial<ChannelAtpOptions> = {},
) {
  const channelAtp: ChannelAtpOptions = {
    windowMs: 50,
    backoff: { baseMs: 20, maxMs: 100 },
    maxAttempts: 3,
    delivery: { retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 50 }, breaker: { consecutiveFailures: 100 } },
    consume: { blockMs: 20 },
    ...(channels.shopify
      ? {
          shopify: {
            url: channels.shopify.url,
            token: 'shpat_test',
            apiVersion: '2026-10',
            channel: 'WEB',
            locations: { 'DC-EAST': GID_EAST },
          },
        }
      : {}),
    ...(channels.woo
      ? { woocommerce: { url: channels.woo.url, consumerKey: 'ck_1', consumerSecret: 'cs_1', channel: 'WEB' } }
      : {}),
    ...(channels.bc
      ? {
          bigcommerce: {
            url: channels.bc.url,
            storeHash: 'abc123',
            token: 'bc-token',
            channel: 'WEB',
            locations: { 'DC-EAST': 1, 'DC-WEST': 2 },
          },
        }
      : {}),
    ...extra,
  };
  const env = await harness({
    positions: stocked('A', { 'DC-EAST': 10, 'DC-WEST': 4 }),
    adapters: { channelAtp, shopify: { secrets: ['shopify-secret'] } },
  });
  await env.subgraph.adapters.start();
  cleanups.push(() => env.close());
  const adjust = async (delta: number, sku = 'A', locationId = 'DC-EAST') => {
    await env.services.stock.adjust({
      sku,
      locationId,
      delta: { onHand: delta },
      reason: 'RECEIVED',
      reference: null,
      expectedVersion: null,
      source: 'wms:dc-east',
      actor: 'dock',
    });
    await env.events(); // flush the outbox to the bus
  };
  return { env, adjust, atp: env.subgraph.adapters.channelAtp };
}

async function fake<T extends { close(): Promise<void> }>(start: () => Promise<T>): Promise<T> {
  const server = await start();
  cleanups.push(() => server.close());
  return server;
}

describe('channel ATP out: Shopify', () => {
  it('sets available at the mapped location with inventorySetQuantities, resolving the SKU once', async () => {
    const shopify = await fake(startFakeShopifyAdmin);
    shopify.variant('A', ITEM_A);
    const { adjust, atp } = await mesh({ shopify });
    await adjust(5); // DC-EAST 15 on hand, WEB keeps 2 back → 13
    await shopify.waitFor(() => shopify.setQuantities().length === 1);
    await adjust(-3); // → 10
    await shopify.waitFor(() => shopify.setQuantities().length === 2);
    await atp.idle();

    const graphql = shopify.requests.filter((r) => r.path === '/admin/api/2026-10/graphql.json');
    expect(graphql.every((r) => r.method === 'POST' && r.headers['x-shopify-access-token'] === 'shpat_test')).toBe(
      true,
    );
    const lookups = shopify.graphql().filter((r) => /productVariants/.test(r.query));
    expect(lookups.map((r) => r.variables)).toEqual([{ query: 'sku:"A"' }]);
    const sets = shopify.setQuantities();
    expect(shopify.graphql().find((r) => /inventorySetQuantities/.test(r.query))!.query).toMatch(
      /inventorySetQuantities\(input: \$input\) @idempotent\(key: \$idempotencyKey\)/,
    );
    expect(sets.map((s) => s.input)).toEqual([
      {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: 'fulfillment-mesh://inventory/atp/A',
        quantities: [{ inventoryItemId: ITEM_A, locationId: GID_EAST, quantity: 13, changeFromQuantity: null }],
      },
      {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: 'fulfillment-mesh://inventory/atp/A',
        quantities: [{ inventoryItemId: ITEM_A, locationId: GID_EAST, quantity: 10, changeFromQuantity: 13 }],
      },
    ]);
    expect(new Set(sets.map((s) => s.idempotencyKey)).size).toBe(2);
  });

  it('sends nothing again when the same change is delivered again', async () => {
    const shopify = await fake(startFakeShopifyAdmin);
    shopify.variant('A', ITEM_A);
    const { env, adjust, atp } = await mesh({ shopify });
    await adjust(5);
    await shopify.waitFor(() => shopify.setQuantities().length === 1);
    await atp.idle();
    const replay = await env.bus.replayStream('inventory', 'inventory.shopify-atp', { from: '0' });
    expect(replay).toBeTruthy();
    await expect
      .poll(
        async () =>
          (await env.bus.health())
            .find((s) => s.stream === 'inventory')!
            .groups.find((g) => g.group === 'inventory.shopify-atp')!.counters.replayed,
      )
      .toBeGreaterThan(0);
    await atp.idle();
    expect(shopify.setQuantities()).toHaveLength(1);
    expect(env.subgraph.adapters.metrics()['shopify-atp']).toMatchObject({ pushed: 1, unchanged: 1 });
  });

  it('pushes 100 changes to one SKU within a second as at most 3 pushes carrying the last value', async () => {
    const shopify = await fake(startFakeShopifyAdmin);
    shopify.variant('A', ITEM_A);
    const { adjust, atp } = await mesh({ shopify }, { windowMs: 500 });
    const started = Date.now();
    for (let i = 0; i < 100; i++) await adjust(1);
    const elapsed = Date.now() - started;
    await atp.idle(10_000);
    const sets = shopify.setQuantities();
    expect(elapsed).toBeLessThan(3_000);
    expect(sets.length).toBeGreaterThanOrEqual(1);
    expect(sets.length).toBeLessThanOrEqual(3 + Math.floor(elapsed / 1_000)); // ≤ 3 per second of changes
    const last = sets.at(-1)!.input.quantities as { quantity: number }[];
    expect(last[0]!.quantity).toBe(10 + 100 - 2);
  });

  it('waits for the Retry-After of a 429 and for the cost bucket to refill before calling again', async () => {
    const shopify = await fake(startFakeShopifyAdmin);
    shopify.variant('A', ITEM_A);
    let throttled = false;
    shopify.operation(/inventorySetQuantities/, () => {
      if (throttled) return undefined;
      throttled = true;
      return { status: 429, headers: { 'retry-after': '1' }, body: { errors: 'Exceeded 2 calls per second' } };
    });
    const { adjust, atp } = await mesh({ shopify });
    await adjust(5);
    await shopify.waitFor(
      () =>
        shopify.requests.filter((r) => /inventorySetQuantities/.test(String((r.body as { query: string }).query)))
          .length === 2,
    );
    const sets = shopify.requests.filter((r) =>
      /inventorySetQuantities/.test(String((r.body as { query: string }).query)),
    );
    expect(sets[1]!.at - sets[0]!.at).toBeGreaterThanOrEqual(950);
    await atp.idle();

    // Cost-based throttle: 0 points left, 50 restored per second, the last request cost 10 → wait ~200 ms.
    shopify.throttle({ maximumAvailable: 1000, currentlyAvailable: 0, restoreRate: 50 });
    await adjust(1);
    await shopify.waitFor(() => shopify.setQuantities().length === 3);
    await adjust(1);
    await shopify.waitFor(() => shopify.setQuantities().length === 4);
    const all = shopify.requests.filter((r) =>
      /inventorySetQuantities/.test(String((r.body as { query: string }).query)),
    );
    expect(all.at(-1)!.at - all.at(-2)!.at).toBeGreaterThanOrEqual(190);
  });

  it('dead-letters a SKU the shop has no variant for, naming the SKU, and keeps running', async () => {
    const shopify = await fake(startFakeShopifyAdmin);
    const { adjust, atp } = await mesh({ shopify });
    await adjust(5);
    await expect.poll(async () => (await atp.deadLetters()).length, { timeout: 5_000 }).toBe(1);
    const [letter] = await atp.deadLetters();
    expect(letter).toMatchObject({ connector: 'shopify-atp', sku: 'A', status: 'open', channel: 'WEB' });
    expect(letter!.reason).toMatch(/SKU A is unknown at the channel/);
    expect(shopify.setQuantities()).toHaveLength(0);
    // Once the variant exists, the next change goes through and resolves the dead letter.
    shopify.variant('A', ITEM_A);
    await adjust(1);
    await shopify.waitFor(() => shopify.setQuantities().length === 1);
    await expect.poll(async () => (await atp.deadLetters({ status: 'resolved' })).length).toBe(1);
  });
});

describe('channel ATP out: WooCommerce', () => {
  it('resolves the product by SKU and sets stock_quantity to the channel total through products/batch', async () => {
    const woo = await fake(startFakeWooCommerce);
    woo.product('A', 77);
    const { adjust, atp } = await mesh({ woo });
    await adjust(5); // WEB: DC-EAST 15-2 + DC-WEST 4-2 = 15
    await woo.waitFor(() => woo.batches().length === 1);
    await atp.idle();
    const auth = `Basic ${Buffer.from('ck_1:cs_1').toString('base64')}`;
    expect(woo.requests.map((r) => [r.method, r.path, r.query, r.headers.authorization, r.body])).toEqual([
      ['GET', '/wp-json/wc/v3/products', { sku: 'A' }, auth, null],
      ['POST', '/wp-json/wc/v3/products/batch', {}, auth, { update: [{ id: 77, stock_quantity: 15 }] }],
    ]);
  });

  it('dead-letters a 4xx with the remote body without retrying it', async () => {
    const woo = await fake(startFakeWooCommerce);
    woo.product('A', 77);
    woo.route('POST', '/wp-json/wc/v3/products/batch', () => ({
      status: 400,
      body: { code: 'woocommerce_rest_invalid_product', message: 'Invalid product' },
    }));
    const { adjust, atp } = await mesh({ woo });
    await adjust(5);
    await expect.poll(async () => (await atp.deadLetters()).length, { timeout: 5_000 }).toBe(1);
    const [letter] = await atp.deadLetters();
    expect(letter).toMatchObject({ connector: 'woocommerce-atp', sku: 'A', remoteStatus: 400 });
    expect(JSON.parse(letter!.remoteBody)).toEqual({
      code: 'woocommerce_rest_invalid_product',
      message: 'Invalid product',
    });
    expect(woo.batches()).toHaveLength(1);
  });

  it('dead-letters an unknown SKU naming it', async () => {
    const woo = await fake(startFakeWooCommerce);
    const { adjust, atp } = await mesh({ woo });
    await adjust(5);
    await expect.poll(async () => (await atp.deadLetters()).length, { timeout: 5_000 }).toBe(1);
    expect((await atp.deadLetters())[0]!.reason).toBe(
      'woocommerce-atp: SKU A is unknown at the channel (no product or variant with this SKU)',
    );
  });
});

describe('channel ATP out: BigCommerce', () => {
  it('retries a 5xx and sends an absolute adjustment per mapped location', async () => {
    const bc = await fake(() => startFakeBigCommerce('abc123'));
    bc.sku('A');
    let failures = 2;
    bc.route('PUT', '/stores/abc123/v3/inventory/adjustments/absolute', () =>
      failures-- > 0 ? { status: 503, body: { title: 'Service Unavailable' } } : undefined,
    );
    const { adjust, atp } = await mesh({ bc });
    await adjust(5);
    await bc.waitFor((rs) => rs.length === 3);
    await atp.idle();
    expect(bc.requests).toHaveLength(3);
    for (const r of bc.requests) {
      expect([r.method, r.path, r.headers['x-auth-token']]).toEqual([
        'PUT',
        '/stores/abc123/v3/inventory/adjustments/absolute',
        'bc-token',
      ]);
      expect(r.body).toEqual({
        reason: 'Fulfillment Mesh ATP',
        items: [
          { location_id: 1, sku: 'A', quantity: 13 },
          { location_id: 2, sku: 'A', quantity: 2 },
        ],
      });
    }
    expect(await atp.deadLetters()).toEqual([]);
  });

  it('repairs drift with a full push even when nothing changed', async () => {
    const bc = await fake(() => startFakeBigCommerce('abc123'));
    bc.sku('A');
    const { atp } = await mesh({ bc });
    expect(await atp.pushAll()).toBe(1);
    await bc.waitFor(() => bc.adjustments().length === 1);
    expect(await atp.pushAll()).toBe(1);
    await bc.waitFor(() => bc.adjustments().length === 2);
    expect(bc.adjustments()[1]!.items.map((i) => i.quantity)).toEqual([8, 2]);
  });
});

describe('Shopify inventory_levels/update in', () => {
  const post = async (url: string, body: unknown, signed = true) => {
    const raw = JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-shopify-topic': 'inventory_levels/update',
    };
    if (signed) Object.assign(headers, shopifyVerifier('shopify-secret').sign(raw));
    return fetch(url, { method: 'POST', headers, body: raw });
  };

  it('records a level that differs from our ATP as a mastering conflict and never applies it', async () => {
    const shopify = await fake(startFakeShopifyAdmin);
    shopify.variant('A', ITEM_A);
    const { env } = await mesh({ shopify });
    const route = env.subgraph.routes['/webhooks/shopify/inventory-levels']!;
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => void route(req, res, new URL(req.url ?? '/', 'http://x')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/webhooks/shopify/inventory-levels`;
    const level = { inventory_item_id: 9001, location_id: 101, available: 3, updated_at: '2026-11-26T12:00:00-05:00' };

    expect((await post(url, level, false)).status).toBe(401);
    const answer = await post(url, level);
    expect(answer.status).toBe(200);
    const conflicts = await env.store
      .collection<{ entityId: string; code: string; reason: string }>('conflicts')
      .find({});
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ entityId: 'A@DC-EAST', code: 'non-authoritative' });
    expect(conflicts[0]!.reason).toMatch(/Shopify reports available 3 for A at DC-EAST; the mesh's WEB ATP there is 8/);
    expect((await env.position('A@DC-EAST')).onHand).toBe(10);
    expect((await env.events()).some((e) => e.type === 'inventory.conflict.recorded')).toBe(true);

    const inSync = await post(url, { ...level, available: 8, updated_at: '2026-11-26T12:01:00-05:00' });
    expect(inSync.status).toBe(200);
    expect(await env.store.collection('conflicts').find({})).toHaveLength(1); // in step: no conflict
    const unmapped = await post(url, { ...level, location_id: 999, updated_at: '2026-11-26T12:02:00-05:00' });
    expect(unmapped.status).toBe(202);
  });
});

describe('channel ATP configuration', () => {
  it('turns on only the channels whose URL and credentials are set, with their location maps', async () => {
    const { channelAtpOptionsFromEnv } = await import('../src/adapters/channel-atp/options.js');
    const options = channelAtpOptionsFromEnv({
      SHOPIFY_ADMIN_URL: 'https://acme.myshopify.com/',
      SHOPIFY_ADMIN_TOKEN: 'shpat',
      SHOPIFY_LOCATIONS: 'DC-EAST=gid://shopify/Location/1, DC-WEST=gid://shopify/Location/2',
      BIGCOMMERCE_STORE_HASH: 'abc',
      BIGCOMMERCE_ACCESS_TOKEN: 't',
      BIGCOMMERCE_LOCATIONS: 'DC-EAST=1',
      CHANNEL_ATP_FULL_PUSH_MS: '0',
    });
    expect(options).toEqual({
      windowMs: 500,
      fullPushIntervalMs: 0,
      shopify: {
        url: 'https://acme.myshopify.com',
        token: 'shpat',
        apiVersion: '2026-10',
        channel: 'WEB',
        locations: { 'DC-EAST': 'gid://shopify/Location/1', 'DC-WEST': 'gid://shopify/Location/2' },
      },
      bigcommerce: {
        url: 'https://api.bigcommerce.com',
        storeHash: 'abc',
        token: 't',
        channel: 'WEB',
        locations: { 'DC-EAST': 1 },
      },
    });
  });

  it('refuses a malformed location map or channel naming the variable', async () => {
    const { channelAtpOptionsFromEnv } = await import('../src/adapters/channel-atp/options.js');
    const shop = { SHOPIFY_ADMIN_URL: 'https://a.myshopify.com', SHOPIFY_ADMIN_TOKEN: 't' };
    expect(() => channelAtpOptionsFromEnv({ ...shop, SHOPIFY_LOCATIONS: 'DC-EAST' })).toThrow(
      'SHOPIFY_LOCATIONS: expected "<our location id>=<remote location id>", received "DC-EAST"',
    );
    expect(() => channelAtpOptionsFromEnv({ ...shop, SHOPIFY_ATP_CHANNEL: 'EBAY' })).toThrow(/SHOPIFY_ATP_CHANNEL/);
  });
});

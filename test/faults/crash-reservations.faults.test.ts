import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product, shipTo, tinyDataset } from '../fixtures.js';
import { post } from '../helpers.js';
import {
  createApiKey,
  removeDir,
  seedDataDir,
  startRedis,
  startTopology,
  waitFor,
  type PrivateRedis,
  type Topology,
} from './support/index.js';

/**
 * Item 3 of issue 13: orders killed with SIGKILL while 60 placeOrder calls are in flight, then started again on
 * the same embedded DATA_DIR. Every valid order must end ACCEPTED (none REJECTED, none lost, none reserved twice):
 * an order inserted before the kill is resumed from its last recorded step (the outcome inventory announced, or
 * the start-up sweep asking inventory again under the order's key); an order the kill interrupted before the
 * insert is placed when the client retries with its idempotency key.
 */
const PLACE = `mutation($input: PlaceOrderInput!, $key: String) { placeOrder(input: $input, idempotencyKey: $key) { created order { id status } } }`;
const ORDERS_OF = `query($customerId: ID!) { orders(first: 100, filter: { customerId: $customerId }) { totalCount nodes { id status } } }`;
const AVAILABLE = `query($sku: ID!) { product(sku: $sku) { availability { available } } }`;

const ORDERS = 60;
const SKUS = ['FM-CRASH-1', 'FM-CRASH-2'];
const STOCK = 500; // per SKU, far more than 2 x 60 orders take: every order is valid
const quantityOf = (i: number) => 1 + (i % 3);
const input = (i: number, customerId: string) => ({
  channel: 'WEB',
  externalId: `crash-${i}`,
  customer: { id: customerId, name: 'Crash Test Co' },
  shipTo,
  lines: [{ sku: SKUS[i % 2], quantity: quantityOf(i) }],
});

type Placed = { placeOrder: { created: boolean; order: { id: string; status: string } } | null };

let redis: PrivateRedis;
let dataDir: string;
let mesh: Topology;
let auth: Record<string, string>;

beforeAll(async () => {
  redis = await startRedis();
  dataDir = await seedDataDir(
    tinyDataset(
      SKUS.map((sku) => product(sku, '10.00')),
      Object.fromEntries(SKUS.map((sku) => [sku, { 'dc-east': STOCK }])),
    ),
  );
  mesh = await startTopology({ redisUrl: redis.url, dataDir });
  auth = await createApiKey(mesh.env, 'operator', ['orders:read', 'orders:write', 'catalog:read', 'inventory:read']);
});

afterAll(async () => {
  await mesh?.close();
  await redis?.close();
  removeDir(dataDir);
});

/**
 * Places the orders `first..first+59` from six retrying clients and SIGKILLs `victim` once a quarter of them were
 * answered, then starts it again on its port and DATA_DIR. Resolves with each order's id and how many calls the
 * kill interrupted (failed calls, or answers still PENDING_VALIDATION because inventory could not be asked).
 */
async function placeThroughKill(victim: 'orders' | 'inventory', first: number, customerId: string) {
  const gateway = mesh.gateways[0]!.url;
  const ids = new Map<number, string>();
  let answered = 0;
  let interrupted = 0;
  let killed: Promise<{ signal: NodeJS.Signals | null }> | null = null;

  // A client that retries an order (same idempotency key) until the mesh answers with an order.
  const place = async (i: number) => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await post<Placed, Record<string, unknown>>(
        gateway,
        PLACE,
        { input: input(i, customerId), key: `crash-key-${i}` },
        auth,
      ).catch(() => null);
      const order = res?.data?.placeOrder?.order;
      if (order) {
        ids.set(i, order.id);
        if (order.status === 'PENDING_VALIDATION') interrupted++;
        // The kill comes once a quarter of the orders were answered: the calls in flight are mid-placeOrder.
        if (++answered === ORDERS / 4 && !killed) killed = mesh.subgraphs[victim].stop('SIGKILL');
        return;
      }
      interrupted++;
      if (Date.now() > deadline)
        throw new Error(`order ${i} was never answered: ${JSON.stringify(res?.errors ?? 'no response')}`);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the client's back-off between retries
    }
  };

  const queue = Array.from({ length: ORDERS }, (_, i) => first + i);
  const clients = Array.from({ length: 6 }, async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) await place(i);
  });
  const restarted = (async () => {
    await waitFor(`the kill of ${victim}`, () => killed !== null, 60_000);
    expect(await killed).toMatchObject({ signal: 'SIGKILL' });
    const again = await mesh.start(victim, { PORT: String(mesh.subgraphs[victim].port) });
    await again.waitReady(60_000);
  })();
  await Promise.all([...clients, restarted]);
  return { ids, interrupted };
}

/** Waits until the customer's orders are exactly `ids`, every one ACCEPTED (else fails counting the statuses seen). */
async function expectAllAccepted(customerId: string, ids: Map<number, string>, timeoutMs: number) {
  type Page = { orders: { totalCount: number; nodes: { id: string; status: string }[] } };
  let last: Page['orders'] | undefined;
  const settled = async () => {
    last =
      (await post<Page, { customerId: string }>(mesh.gateways[0]!.url, ORDERS_OF, { customerId }, auth)).data?.orders ??
      last;
    return last !== undefined && last.totalCount === ids.size && last.nodes.every((o) => o.status === 'ACCEPTED');
  };
  await waitFor('every order ACCEPTED', settled, timeoutMs).catch((error: Error) => {
    const counts = (last?.nodes ?? []).reduce<Record<string, number>>(
      (n, o) => ({ ...n, [o.status]: (n[o.status] ?? 0) + 1 }),
      {},
    );
    throw new Error(`${error.message}; ${last?.totalCount} orders: ${JSON.stringify(counts)}`);
  });
  expect(new Set(last!.nodes.map((o) => o.id))).toEqual(new Set(ids.values()));
}

/** Each order reserved exactly its quantity once: what is left available is the stock minus every order so far. */
async function expectReservedOnce(orders: number[]) {
  for (const [n, sku] of SKUS.entries()) {
    const taken = orders.filter((i) => i % 2 === n).reduce((sum, i) => sum + quantityOf(i), 0);
    const res = await post<{ product: { availability: { available: number } } | null }, { sku: string }>(
      mesh.gateways[0]!.url,
      AVAILABLE,
      { sku },
      auth,
    );
    expect({ sku, available: res.data?.product?.availability?.available, errors: res.errors }).toEqual({
      sku,
      available: STOCK - taken,
      errors: undefined,
    });
  }
}

describe('a service killed mid-placeOrder', () => {
  it('orders: every one of 60 valid orders ends ACCEPTED after the restart, each reserved once', async () => {
    const { ids, interrupted } = await placeThroughKill('orders', 0, 'c-crash-orders');
    expect(ids.size).toBe(ORDERS);
    expect(interrupted).toBeGreaterThan(0); // the kill did interrupt calls in flight
    await expectAllAccepted('c-crash-orders', ids, 90_000);
    await expectReservedOnce([...ids.keys()]);
  });

  it(
    'inventory: reservations it was making are resumed after their lease, not failed; all 60 end ACCEPTED',
    { timeout: 240_000 },
    async () => {
      const { ids, interrupted } = await placeThroughKill('inventory', ORDERS, 'c-crash-inventory');
      expect(ids.size).toBe(ORDERS);
      expect(interrupted).toBeGreaterThan(0);
      // A reservation left PENDING by the killed inventory is resumed once its 30 s lease ends.
      await expectAllAccepted('c-crash-inventory', ids, 150_000);
      await expectReservedOnce(Array.from({ length: 2 * ORDERS }, (_, i) => i));
    },
  );
});

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
  type ServiceProcess,
  type Topology,
} from './support/index.js';

/**
 * Item 4 of issue 13 for a SUBGRAPH process (the gateway's rolling restart is in redis-outage.faults.test.ts):
 * shipments gets SIGTERM while 50 requests that need it are in flight through the gateway. Its /readyz is off at
 * once, what it accepted is answered, it exits 0 within SHUTDOWN_TIMEOUT_MS, and its consumers hand back what they
 * hold: an order released while it shuts down gets its shipment from the restarted process, exactly once. The
 * embedded store takes one writer, so the second instance is the restart on the same DATA_DIR and port; the
 * client retries (as a client behind a load balancer would) and none of its 50 requests fails.
 */
const SHUTDOWN_TIMEOUT_MS = 8_000;
const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status } } }`;
const RELEASE = `mutation($id: ID!) { releaseOrder(id: $id) { status } }`;
const SHIPMENTS_OF = `query($id: ID!) { order(id: $id) { id status shipments { id status } } }`;

type OrderView = { order: { id: string; status: string; shipments: { id: string; status: string }[] | null } };

let redis: PrivateRedis;
let dataDir: string;
let mesh: Topology;
let auth: Record<string, string>;

beforeAll(async () => {
  redis = await startRedis();
  dataDir = await seedDataDir(tinyDataset([product('FM-TERM-1', '3.00')], { 'FM-TERM-1': { 'dc-east': 1_000 } }));
  mesh = await startTopology({
    redisUrl: redis.url,
    dataDir,
    env: { SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) },
  });
  auth = await createApiKey(mesh.env, 'operator', [
    'catalog:read',
    'inventory:read',
    'orders:read',
    'orders:write',
    'shipments:read',
    'fulfillment:write',
  ]);
});
afterAll(async () => {
  await mesh?.close();
  await redis?.close();
  removeDir(dataDir);
});

async function gql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await post<T, Record<string, unknown>>(mesh.gateways[0]!.url, query, variables, auth);
  if (res.status !== 200 || res.errors) throw new Error(`${res.status} ${JSON.stringify(res.errors)}`);
  return res.data!;
}

async function placeAccepted(externalId: string): Promise<string> {
  const placed = await gql<{ placeOrder: { order: { id: string; status: string } } }>(PLACE, {
    input: {
      channel: 'WEB',
      externalId,
      customer: { id: 'c-term', name: 'Term Co' },
      shipTo,
      lines: [{ sku: 'FM-TERM-1', quantity: 1 }],
    },
  });
  expect(placed.placeOrder.order.status).toBe('ACCEPTED');
  return placed.placeOrder.order.id;
}

async function shipmentsOf(orderId: string, count: number) {
  let last: OrderView['order']['shipments'] = null;
  await waitFor(
    `order ${orderId} to have ${count} shipment(s)`,
    async () => {
      last =
        (await post<OrderView, { id: string }>(mesh.gateways[0]!.url, SHIPMENTS_OF, { id: orderId }, auth)).data?.order
          .shipments ?? null;
      return last?.length === count;
    },
    30_000,
  );
  return last!;
}

describe('a subgraph process stopped with SIGTERM under load', () => {
  it('fails none of the requests of 50 concurrent clients, exits in time, and processes after restart an event published while it shut down', async () => {
    const shipped = await placeAccepted('term-1');
    await gql(RELEASE, { id: shipped });
    await shipmentsOf(shipped, 1);
    const late = await placeAccepted('term-2');

    // The retrying client: an answer that is not a complete 200 (refused, cut, or UNAVAILABLE for the shipments
    // of the order while it is away) is asked again, with a short backoff, until a 30 s budget is spent.
    let firstAttemptFailures = 0;
    let answered = 0;
    const request = async (): Promise<{ ok: boolean; attempts: number; data?: OrderView }> => {
      const deadline = Date.now() + 30_000;
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await post<OrderView, { id: string }>(mesh.gateways[0]!.url, SHIPMENTS_OF, { id: shipped }, auth);
          if (res.status === 200 && !res.errors && res.data?.order.shipments?.length === 1) {
            answered++;
            return { ok: true, attempts: attempt, data: res.data };
          }
        } catch {
          // refused or reset: retried below
        }
        if (attempt === 1) firstAttemptFailures++;
        if (Date.now() > deadline) return { ok: false, attempts: attempt };
        await new Promise((resolve) => setTimeout(resolve, 100 * Math.min(attempt, 5)));
      }
    };
    // 50 concurrent clients, each sending one request after the other until shipments is back and has answered.
    let keepGoing = true;
    const answers: Awaited<ReturnType<typeof request>>[] = [];
    const clients = Promise.all(
      Array.from({ length: 50 }, async () => {
        while (keepGoing) answers.push(await request());
      }),
    );
    // SIGTERM once requests are being answered, so that shipments has some in flight.
    await waitFor('the first answers', () => answered >= 1, 20_000);
    const leaving: ServiceProcess = mesh.subgraphs.shipments;
    const signalledAt = Date.now();
    const exit = leaving.stop('SIGTERM');
    // Readiness is off at once: 503 on a kept connection, refused on a new one, while it drains.
    await waitFor('shipments to report not ready', async () => (await leaving.probe('/readyz')).status !== 200, 1_000);
    // Released while shipments shuts down: orders.order.released waits in the backbone for the shipments group.
    await gql(RELEASE, { id: late });

    expect(await exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(leaving.output()).toMatch(/shutting down/);
    expect(leaving.output()).not.toMatch(/did not finish within SHUTDOWN_TIMEOUT_MS/);

    const again = await mesh.start('shipments', { PORT: String(leaving.port) });
    await again.waitReady(60_000);
    const answeredAtRestart = answered;
    await waitFor('answers from the restarted shipments', () => answered >= answeredAtRestart + 50, 30_000);
    keepGoing = false;
    await clients;
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    expect(firstAttemptFailures, 'requests met the stopped subgraph and were retried').toBeGreaterThan(0);
    expect(leaving.output()).not.toMatch(/requests still in flight at the shutdown deadline/);
    expect(answers.every((a) => a.data!.order.shipments![0]!.id === answers[0]!.data!.order.shipments![0]!.id)).toBe(
      true,
    );
    // The event published during shutdown is processed after the restart: one shipment, not zero, not two.
    const [shipment] = await shipmentsOf(late, 1);
    expect(shipment!.id).toBeTruthy();
    expect(await shipmentsOf(shipped, 1)).toHaveLength(1);
    console.info(
      `subgraph SIGTERM: ${answers.length} requests by 50 clients, ${firstAttemptFailures} retried, 0 failed`,
    );
  });
});

import { createMemoryEventBus, type EventEnvelope } from '@fulfillment-mesh/events';
import { createLogger, directoryOf, openEmbeddedStore, subgraphTester, type Store } from '@fulfillment-mesh/runtime';
import type { PlaceOrderInput } from '../../src/domain/place-order.js';
import { createOrdersSubgraph, type OrdersOptions } from '../../src/server.js';

/** A logger that stays quiet in tests. */
export const silent = createLogger({ service: 'orders-test', level: 'silent' });

/** Fast, bounded resilience settings so that "down" and "slow" tests finish quickly. */
export const FAST_CLIENT = { timeoutMs: 1_000, retries: 1, breakAfter: 100, halfOpenAfterMs: 1_000 };

/** An orders subgraph on an in-memory store and bus, talking to the given catalog and inventory URLs. */
export async function openOrders(
  urls: { catalog: string; inventory: string },
  options: OrdersOptions = {},
  store: Store = openEmbeddedStore(),
) {
  const bus = createMemoryEventBus({ logger: silent });
  const subgraph = await createOrdersSubgraph({
    store,
    logger: silent,
    bus,
    services: directoryOf(urls),
    options: { inventory: FAST_CLIENT, catalog: FAST_CLIENT, ...options },
  });
  const tester = await subgraphTester(subgraph);
  return {
    subgraph,
    tester,
    bus,
    store,
    /** The order document as stored. */
    order: (id: string) => subgraph.orders.orders.findOne({ _id: id }),
    /** What the subgraph published about `subject` (its outbox flushed first), optionally of one type. */
    async published(subject: string, type?: string): Promise<EventEnvelope[]> {
      await subgraph.flushOutbox();
      const records = await bus.read('orders', { count: 1_000 });
      return records
        .map((r) => r.envelope)
        .filter((e) => e.subject === subject && (type === undefined || e.type === type));
    },
    async close() {
      await tester.stop();
      await subgraph.close();
      await bus.close();
    },
  };
}

/** A small valid submission; tests override what they are about. */
export function orderInput(overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return {
    channel: 'WEB',
    externalId: 'W-1',
    customer: { id: 'C-1', name: 'Ada Buyer', email: 'ada@example.com' },
    shipTo: {
      name: 'Ada Buyer',
      address: { line1: '1 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
    },
    lines: [{ sku: 'SKU-1', quantity: 2 }],
    ...overrides,
  };
}

/** The placeOrder mutation with the fields the tests look at. */
export const PLACE_ORDER = `mutation($input: PlaceOrderInput!, $key: String) {
  placeOrder(input: $input, idempotencyKey: $key) {
    created
    order { id status statusReason lines { lineId status quantity allocatedQuantity unitPrice { amount currencyCode } } allocations { location { id } lines { lineId sku quantity } } timeline { status note actor } }
  }
}`;

/** A promise with its resolve exposed. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Polls `probe` until it returns a truthy value; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 5_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

import { createMemoryEventBus, type EventEnvelope } from '@fulfillment-mesh/events';
import { openEmbeddedStore, type Collection, type Doc, type Store } from '@fulfillment-mesh/runtime';
import { expect } from 'vitest';
import { freeOf, type RawReserveRequest } from '../src/domain/index.js';
import type { LocationDoc, PositionDoc, ReservationDoc } from '../src/store/models.js';
import type { MasteringRules } from '@fulfillment-mesh/connectors';
import { createInventorySubgraph, type InventoryAdapterOptions, type InventoryOptions } from '../src/server.js';
import { location, logger, position, services } from './fixtures.js';

/** A clock tests move by hand (starts at 2026-11-26T12:00:00Z). */
export function manualClock(start = '2026-11-26T12:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

/** Three DCs and a store in two regions; `stocked` puts `units` of SKU `A` at each given location. */
export const sites = [
  location('DC-EAST', { region: 'east', priority: 1 }),
  location('DC-WEST', { region: 'west', priority: 2 }),
  location('3PL-SOUTH', { kind: 'THREE_PL', region: 'south', priority: 3 }),
  location('STORE-EAST', { kind: 'STORE', region: 'east', priority: 4 }),
];

/** Positions of `sku` with the given on-hand per location id. */
export function stocked(sku: string, onHand: Record<string, number>): PositionDoc[] {
  return Object.entries(onHand).map(([locationId, units]) => position(sku, locationId, { onHand: units }));
}

/** A reservation request with defaults (INSIDE_SALES: every location, no buffer). */
export function request(
  key: string,
  lines: Array<[lineId: string, sku: string, quantity: number]>,
  overrides: Partial<RawReserveRequest> = {},
): RawReserveRequest {
  return {
    key,
    orderId: `order-${key}`,
    channel: 'INSIDE_SALES',
    lines: lines.map(([lineId, sku, quantity]) => ({ lineId, sku, quantity })),
    ...overrides,
  };
}

/**
 * An inventory subgraph over an in-memory store and bus with a manual clock; the sweeper does not run on its
 * own (tests call `sweep()`), and nothing is started unless the test calls `start()`.
 */
export async function harness(setup: {
  positions: PositionDoc[];
  locations?: LocationDoc[];
  store?: Store;
  options?: InventoryOptions;
  adapters?: InventoryAdapterOptions;
  mastering?: MasteringRules;
}) {
  const store = setup.store ?? openEmbeddedStore();
  await store.collection<LocationDoc>('locations').insertMany(setup.locations ?? sites);
  await store.collection<PositionDoc>('positions').insertMany(setup.positions);
  const bus = createMemoryEventBus({ logger });
  const clock = manualClock();
  const subgraph = await createInventorySubgraph({
    store,
    logger,
    bus,
    services,
    now: clock.now,
    options: { sweepIntervalMs: 3_600_000, ...setup.options },
    ...(setup.adapters ? { adapters: setup.adapters } : {}),
    ...(setup.mastering ? { mastering: setup.mastering } : {}),
  });
  const { inventory } = subgraph;
  return {
    subgraph,
    store,
    bus,
    clock,
    services: subgraph.services,
    reserve: (raw: RawReserveRequest) => subgraph.services.reserver.reserve(raw, 'test'),
    /** A position with its holds (hold documents merged with the position's journal). */
    position: async (id: string) =>
      (await inventory.withHolds([(await inventory.positions.findOne({ _id: id }))!]))[0]!,
    positions: async () => inventory.withHolds(await inventory.positions.find({})),
    reservation: async (id: string) => (await inventory.reservations.findOne({ _id: id }))!,
    reservations: () => inventory.reservations.find({}),
    /** Every event published so far on `stream`, after flushing the outboxes. */
    async events(stream = 'inventory'): Promise<EventEnvelope[]> {
      await subgraph.events!.relay.flush();
      return (await bus.read(stream, { count: 100_000 })).map((record) => record.envelope);
    },
    async close() {
      await subgraph.close();
      await bus.close();
    },
  };
}

/**
 * The invariants every test ends with: no negative quantity, onHand >= reserved, `free` in step with the
 * quantities, and `reserved` equal to the sum of the holds (fixtures start with nothing reserved).
 */
export function expectConsistent(positions: readonly PositionDoc[]): void {
  for (const p of positions) {
    const holds = Object.values(p.holds ?? {}).reduce((sum, units) => sum + units, 0);
    expect({
      id: p._id,
      negative: [p.onHand, p.reserved, p.safetyStock, p.damaged, p.qualityControl].some((q) => q < 0),
      onHandCoversReserved: p.onHand >= p.reserved,
      free: p.free,
      reserved: p.reserved,
    }).toEqual({
      id: p._id,
      negative: false,
      onHandCoversReserved: true,
      free: freeOf(p),
      reserved: holds,
    });
  }
}

/** Units an ACTIVE (or partially committed) reservation still has allocated, summed. */
export function allocatedUnits(reservations: readonly ReservationDoc[]): number {
  return reservations
    .filter((r) => r.status === 'ACTIVE')
    .flatMap((r) => r.allocations.flatMap((a) => a.lines))
    .reduce((sum, line) => sum + line.quantity, 0);
}

/** A store whose `positions.findOneAndUpdate` runs `before` first (to inject a concurrent change or a failure). */
export function interceptPositionWrites(
  inner: Store,
  before: (filter: Record<string, unknown>) => Promise<void>,
): Store {
  return {
    ...inner,
    kind: inner.kind,
    collection<T extends Doc>(name: string): Collection<T> {
      const collection = inner.collection<T>(name);
      if (name !== 'positions') return collection;
      return new Proxy(collection, {
        get(target, prop, receiver) {
          if (prop !== 'findOneAndUpdate') return Reflect.get(target, prop, receiver);
          return async (filter: Record<string, unknown>, update: never, options?: never) => {
            await before(filter);
            return target.findOneAndUpdate(filter, update, options);
          };
        },
      });
    },
    ping: () => inner.ping(),
    dropAll: () => inner.dropAll(),
    close: () => inner.close(),
  };
}

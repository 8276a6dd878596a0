import { startStandIn, type StandIn } from './stand-in.js';

// The reservation service API of inventory's schema.graphql, as far as orders calls it.
const SDL = `
type Query { ok: Boolean }
type Mutation {
  reserveStock(input: ReserveStockInput!): ReservationResult!
  releaseReservation(id: ID!, reason: ReservationReleaseReason!): Reservation!
}
enum Channel { WEB MARKETPLACE EDI INSIDE_SALES STORE }
enum ReservationReleaseReason { CANCELLED EXPIRED COMPENSATED }
enum ReservationStatus { PENDING ACTIVE PARTIALLY_COMMITTED COMMITTED RELEASED EXPIRED FAILED }
input ReserveStockLineInput { lineId: ID! sku: ID! quantity: Int! }
input ReserveStockInput { key: String! orderId: ID customerId: ID channel: Channel! shipToRegion: String lines: [ReserveStockLineInput!]! ttlSeconds: Int allowBackorder: Boolean }
type ReservationResult { reservation: Reservation! replayed: Boolean! }
type Reservation {
  id: ID! key: String! status: ReservationStatus! failureReason: String
  allocations: [ReservationAllocation!]! backordered: [ReservationLine!]! shortages: [Shortage!]!
}
type ReservationAllocation { location: Location! lines: [AllocatedLine!]! }
type Location { id: ID! }
type AllocatedLine { lineId: ID! sku: ID! quantity: Int! committed: Int! }
type ReservationLine { lineId: ID! sku: ID! quantity: Int! }
type Shortage { lineId: ID! sku: ID! requested: Int! available: Int! }
`;

/** What the stand-in holds and decides. */
export interface InventoryStandIn extends StandIn {
  /** Units available per SKU at `dc-east` (the only location). */
  stock: Map<string, number>;
  /** Reservations by key (the dedupe inventory promises). */
  reservations: Map<string, Reservation>;
  /** Replaces the answer to reserveStock calls (a misbehaving inventory). */
  override: ((input: ReserveInput) => Reservation) | null;
  /** How many of the next releaseReservation calls fail (an outage while compensating). */
  failReleases: number;
}

/** A reservation as the stand-in answers it. */
export interface Reservation {
  id: string;
  key: string;
  status: string;
  failureReason: string | null;
  allocations: {
    location: { id: string };
    lines: { lineId: string; sku: string; quantity: number; committed: number }[];
  }[];
  backordered: { lineId: string; sku: string; quantity: number }[];
  shortages: { lineId: string; sku: string; requested: number; available: number }[];
}

interface ReserveInput {
  key: string;
  orderId: string;
  lines: { lineId: string; sku: string; quantity: number }[];
}

/** An inventory stand-in: all-or-nothing reservations at one location, idempotent on the key. */
export async function startInventory(stock: Record<string, number>): Promise<InventoryStandIn> {
  let n = 0;
  // The resolvers read the returned object, so tests can change stock and override answers as they go.
  let state!: InventoryStandIn;
  const reserve = (input: ReserveInput): Reservation => {
    const id = `RES-${++n}`;
    if (state.override) return state.override(input);
    const shortages = input.lines
      .filter((l) => (state.stock.get(l.sku) ?? 0) < l.quantity)
      .map((l) => ({ lineId: l.lineId, sku: l.sku, requested: l.quantity, available: state.stock.get(l.sku) ?? 0 }));
    if (shortages.length > 0)
      return { id, key: input.key, status: 'FAILED', failureReason: null, allocations: [], backordered: [], shortages };
    for (const l of input.lines) state.stock.set(l.sku, state.stock.get(l.sku)! - l.quantity);
    const lines = input.lines.map((l) => ({ ...l, committed: 0 }));
    return {
      id,
      key: input.key,
      status: 'ACTIVE',
      failureReason: null,
      allocations: [{ location: { id: 'dc-east' }, lines }],
      backordered: [],
      shortages: [],
    };
  };
  const standIn = await startStandIn(SDL, {
    reserveStock: ({ input }: { input: ReserveInput }) => {
      const existing = state.reservations.get(input.key);
      if (existing) return { reservation: existing, replayed: true };
      const reservation = reserve(input);
      state.reservations.set(input.key, reservation);
      return { reservation, replayed: false };
    },
    releaseReservation: ({ id }: { id: string }) => {
      if (state.failReleases > 0) {
        state.failReleases -= 1;
        throw new Error('inventory is restarting');
      }
      const reservation = [...state.reservations.values()].find((r) => r.id === id);
      if (!reservation) throw new Error(`Reservation "${id}" was not found`);
      reservation.status = 'RELEASED';
      return reservation;
    },
  });
  state = Object.assign(standIn, {
    stock: new Map(Object.entries(stock)),
    reservations: new Map<string, Reservation>(),
    override: null,
    failReleases: 0,
  });
  return state;
}

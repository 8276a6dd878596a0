import { DomainError, type ServiceDirectory } from '@fulfillment-mesh/runtime';
import type { ReleaseRequestDoc } from '../../store/models.js';
import type { ReservationOutcome, ReserveStockInput } from '../../domain/reservation.js';
import { lazyClient, type ClientSettings } from './lazy-client.js';

/** inventory's reservation service API (docs/events.md), as the orders process uses it. */
export interface InventoryClient {
  /**
   * Reserves an order's lines under its key. Resolves with the outcome, or rejects UNAVAILABLE when inventory
   * cannot be reached (down, timeout, open circuit) or is still working on the key (PENDING).
   */
  reserveStock(input: ReserveStockInput): Promise<ReservationOutcome>;
  /** Releases a reservation; repeating it is harmless. */
  releaseReservation(id: string, reason: ReleaseRequestDoc['reason']): Promise<void>;
}

const RESERVE = `mutation ReserveStock($input: ReserveStockInput!) {
  reserveStock(input: $input) {
    reservation {
      id key status failureReason
      allocations { location { id } lines { lineId sku quantity } }
      backordered { lineId sku quantity }
      shortages { lineId sku requested available }
    }
  }
}`;

const RELEASE = `mutation ReleaseReservation($id: ID!, $reason: ReservationReleaseReason!) {
  releaseReservation(id: $id, reason: $reason) { id status }
}`;

interface Line {
  lineId: string;
  sku: string;
  quantity: number;
}

interface ReservationView {
  id: string;
  key: string;
  status: string;
  failureReason: string | null;
  allocations: { location: { id: string }; lines: Line[] }[];
  backordered: Line[];
  shortages: { lineId: string; sku: string; requested: number; available: number }[];
}

/** Maps inventory's reservation to an outcome; PENDING (another call holds the key) is not an outcome yet. */
export function toOutcome(r: ReservationView): ReservationOutcome {
  const line = (l: Line) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity });
  if (r.status === 'PENDING') {
    throw new DomainError(
      'UNAVAILABLE',
      `Reservation "${r.id}" for key "${r.key}" is still being made; its outcome will arrive as an event`,
      { service: 'inventory' },
    );
  }
  if (r.status === 'FAILED' || r.status === 'RELEASED' || r.status === 'EXPIRED') {
    const shortages = r.shortages
      .map((s) => `${s.sku} (line ${s.lineId}): requested ${s.requested}, available ${s.available}`)
      .join('; ');
    const reason =
      r.failureReason ?? (shortages ? `insufficient stock: ${shortages}` : `reservation ${r.id} is ${r.status}`);
    return { kind: 'failed', key: r.key, reservationId: r.id, reason };
  }
  return {
    kind: 'confirmed',
    key: r.key,
    reservationId: r.id,
    allocations: r.allocations.map((a) => ({ locationId: a.location.id, lines: a.lines.map(line) })),
    backordered: r.backordered.map(line),
  };
}

/**
 * Calls inventory's `reserveStock` / `releaseReservation` on the inventory subgraph's own URL, with a timeout
 * per attempt, retries (safe: inventory dedupes by key, and releasing twice is harmless) and a circuit breaker.
 */
export function createInventoryClient(services: ServiceDirectory, settings: ClientSettings = {}): InventoryClient {
  const client = lazyClient(services, 'inventory', settings);
  return {
    async reserveStock(input) {
      const { allowBackorder, ...rest } = input;
      // Without an explicit choice inventory applies the channel's backorder rule.
      const variables = { input: allowBackorder === null ? rest : input };
      const data = await client().request<{ reserveStock: { reservation: ReservationView } }>(RESERVE, variables);
      return toOutcome(data.reserveStock.reservation);
    },
    async releaseReservation(id, reason) {
      await client().request(RELEASE, { id, reason });
    },
  };
}

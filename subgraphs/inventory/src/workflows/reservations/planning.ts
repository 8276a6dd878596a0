import { DomainError } from '@fulfillment-mesh/runtime';
import {
  channelAvailable,
  isEligible,
  positionId,
  sameRequest,
  type Allocation,
  type ChannelRule,
  type RequestedLine,
  type ReserveRequest,
  type SourcingLocation,
} from '../../domain/index.js';
import type { ReservationDoc } from '../../store/models.js';
import type { InventoryStore } from '../../store/index.js';

/** Units to hold at one position. */
export interface Hold {
  positionId: string;
  quantity: number;
}

/** The channel's eligible locations stocking the requested SKUs, with their channel ATP per SKU (two reads). */
export async function candidates(
  inventory: InventoryStore,
  lines: readonly RequestedLine[],
  rule: ChannelRule,
): Promise<SourcingLocation[]> {
  const positions = await inventory.positionsBySkus([...new Set(lines.map((l) => l.sku))]);
  const locations = await inventory.locationsByIds([...new Set(positions.map((p) => p.locationId))]);
  return locations
    .filter((location) => isEligible(rule, location))
    .map((location) => ({
      id: location.id,
      region: location.region,
      priority: location.priority,
      stock: new Map(
        positions.filter((p) => p.locationId === location.id).map((p) => [p.sku, channelAvailable(rule, p)]),
      ),
    }));
}

/** Units to hold per position (lines of one SKU at one location add up: one hold per reservation and position). */
export function holdsOf(allocations: readonly Allocation[]): Hold[] {
  const holds = new Map<string, number>();
  for (const allocation of allocations) {
    for (const line of allocation.lines) {
      const id = positionId(line.sku, allocation.locationId);
      holds.set(id, (holds.get(id) ?? 0) + line.quantity);
    }
  }
  return [...holds].map(([id, quantity]) => ({ positionId: id, quantity }));
}

/** The reservation behind a repeated key, provided the key is not reused for a different request (CONFLICT). */
export function same(doc: ReservationDoc, request: ReserveRequest): ReservationDoc {
  if (!sameRequest(doc, request)) {
    throw new DomainError(
      'CONFLICT',
      `Reservation key "${request.key}" was already used for a different request (reservation "${doc._id}")`,
      { entity: 'Reservation', id: doc._id, key: request.key },
    );
  }
  return doc;
}

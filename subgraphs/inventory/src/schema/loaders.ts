import type DataLoader from 'dataloader';
import { entityLoader, groupLoader } from '@fulfillment-mesh/runtime';
import type { LocationDoc, PositionDoc, ReservationDoc } from '../store/models.js';
import type { InventoryStore } from '../store/index.js';

/** The inventory's per-request loaders. */
export interface InventoryLoaders {
  location: DataLoader<string, LocationDoc>;
  /** Positions by `_id` (`<sku>@<locationId>`); a missing one is a NOT_FOUND naming that id. */
  position: DataLoader<string, PositionDoc>;
  /** All positions of a SKU (empty when it is stocked nowhere), shared by `positions` and `availability`. */
  positionsBySku: DataLoader<string, PositionDoc[]>;
  reservation: DataLoader<string, ReservationDoc>;
}

/** Creates one set of loaders per request: every lookup of one kind in a request becomes one `$in` query. */
export function createLoaders(deps: { inventory: InventoryStore }): InventoryLoaders {
  return {
    location: entityLoader(
      'Location',
      (ids) => deps.inventory.locationsByIds(ids),
      (l) => l.id,
    ),
    position: entityLoader(
      'InventoryPosition',
      (ids) => deps.inventory.positionsByIds(ids),
      (p) => p._id,
    ),
    positionsBySku: groupLoader(
      (skus) => deps.inventory.positionsBySkus(skus),
      (p) => p.sku,
    ),
    reservation: entityLoader(
      'Reservation',
      (ids) => deps.inventory.reservationsByIds(ids),
      (r) => r._id,
    ),
  };
}

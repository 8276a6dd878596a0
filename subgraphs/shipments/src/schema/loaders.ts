import type DataLoader from 'dataloader';
import { entityLoader, groupLoader } from '@fulfillment-mesh/runtime';
import type { ShipmentDoc } from '../store/models.js';
import type { ShipmentStore } from '../store/index.js';

/** The shipments subgraph's per-request loaders. */
export interface ShipmentLoaders {
  /** Shipments by id; NOT_FOUND for an unknown id. */
  shipment: DataLoader<string, ShipmentDoc>;
  /** Shipments of an order, oldest first; an empty list for an order without shipments. */
  shipmentsByOrder: DataLoader<string, ShipmentDoc[]>;
}

/** Creates one set of loaders per request: every lookup of a kind in a request becomes one `$in` query. */
export function createLoaders(deps: { shipments: ShipmentStore }): ShipmentLoaders {
  return {
    shipment: entityLoader(
      'Shipment',
      (ids) => deps.shipments.byIds(ids),
      (s) => s._id,
    ),
    // byOrderIds returns rows oldest first and groupLoader keeps row order within each group.
    shipmentsByOrder: groupLoader(
      (orderIds) => deps.shipments.byOrderIds(orderIds),
      (s) => s.orderId,
    ),
  };
}

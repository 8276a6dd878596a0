/**
 * The canonical shape of the seed dataset: plain records, one list per domain. Each record type is owned by the
 * subgraph that seeds it (its `seed.ts`); this package only generates them. No subgraph reads another's slice.
 */
import type { SeedProduct } from '@fulfillment-mesh/catalog/seed';
import type { LocationKind, SeedAddress, SeedLocation, SeedPosition } from '@fulfillment-mesh/inventory/seed';
import type { Channel, SeedOrder, SeedOrderLine, SeedTimelineEntry } from '@fulfillment-mesh/orders/seed';
import type { SeedMilestone, SeedShipment } from '@fulfillment-mesh/shipments/seed';

export type { Channel, LocationKind, SeedAddress, SeedLocation, SeedMilestone, SeedOrder, SeedOrderLine, SeedPosition };
export type { SeedProduct, SeedShipment, SeedTimelineEntry };

/** The whole dataset: every subgraph's slice. */
export interface SeedDataset {
  products: SeedProduct[];
  locations: SeedLocation[];
  positions: SeedPosition[];
  orders: SeedOrder[];
  shipments: SeedShipment[];
}

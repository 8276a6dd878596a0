/**
 * @fulfillment-mesh/seed-data: the deterministic dataset of a distributor (catalog, locations, stock,
 * orders, shipments) that every subgraph seeds its slice from, plus the seeded PRNG it is built with.
 */
export type * from './types.js';
export { generateDataset, DEFAULT_OPTIONS, type GenerateOptions } from './generate.js';
export { createRng, deriveSeed, mulberry32, type Rng } from './random.js';
export {
  CHANNELS,
  MILESTONE_STATUSES,
  OPEN_ORDER_STATUSES,
  ORDER_STATUSES,
  type MilestoneStatus,
  type OrderStatus,
  type ShipmentStatus,
} from './statuses.js';
export { ANCHOR_ISO } from './time.js';
export { CARRIERS, type Carrier } from './carriers.js';
export { formatCents } from './products.js';

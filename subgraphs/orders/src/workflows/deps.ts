import type { Logger } from '@fulfillment-mesh/runtime';
import type { CatalogClient } from './clients/catalog.js';
import type { InventoryClient } from './clients/inventory.js';
import type { OrderStore } from '../store/index.js';
import type { OrderWriter } from '../store/order-writer.js';
import type { OutcomeEventResult } from './reservations.js';

/** What the order process steps are built from. */
export interface ProcessDeps {
  store: OrderStore;
  writer: OrderWriter;
  catalog: CatalogClient;
  inventory: InventoryClient;
  logger: Logger;
  now: () => Date;
  /** A new unique id with this prefix, e.g. `O-…`, `RMA-…`. */
  newId: (prefix: string) => string;
  /** Passed to reserveStock; null lets inventory apply the channel's backorder rule. */
  allowBackorder: boolean | null;
  /** Asks the outbox relay to publish soon (after writes that carry events). */
  notify: () => void;
  /** Told what each reservation outcome event did (counted in `fm_orders_reservation_outcome_events_total`). */
  onOutcomeEvent?: (result: OutcomeEventResult) => void;
}

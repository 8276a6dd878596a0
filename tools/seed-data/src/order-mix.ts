import type { Rng } from './random.js';
import { CHANNELS, ORDER_STATUSES, type OrderStatus } from './statuses.js';
import type { Channel } from './types.js';

/** The channel and final status one order is generated for. */
export interface OrderSlot {
  channel: Channel;
  status: OrderStatus;
}

/** Where a distributor's 90-day order book stands: mostly delivered, a working set in flight, a few problems. */
const STATUS_WEIGHTS: readonly (readonly [OrderStatus, number])[] = [
  ['PENDING_VALIDATION', 4],
  ['ACCEPTED', 6],
  ['BACKORDERED', 4],
  ['REJECTED', 3],
  ['RELEASED', 8],
  ['PARTIALLY_SHIPPED', 5],
  ['SHIPPED', 12],
  ['DELIVERED', 38],
  ['CANCELLED', 6],
  ['RETURN_REQUESTED', 3],
  ['RETURNED', 4],
];

/** Web leads; marketplace, EDI, inside sales and the trade counters share the rest. */
const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['WEB', 35],
  ['MARKETPLACE', 20],
  ['EDI', 15],
  ['INSIDE_SALES', 15],
  ['STORE', 15],
];

/**
 * Plans max(orderCount, 55) orders: first every channel × status pair once, so every channel shows every
 * status and every status appears at least five times, then weighted draws for the rest.
 */
export function planOrderMix(rng: Rng, orderCount: number): OrderSlot[] {
  const slots: OrderSlot[] = CHANNELS.flatMap((channel) => ORDER_STATUSES.map((status) => ({ channel, status })));
  while (slots.length < orderCount) {
    slots.push({ channel: rng.weighted(CHANNEL_WEIGHTS), status: rng.weighted(STATUS_WEIGHTS) });
  }
  return slots;
}

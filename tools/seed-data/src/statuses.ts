import type { Channel } from './types.js';

/** Every sales channel, in the order the mix and the statistics list them. */
export const CHANNELS: readonly Channel[] = ['WEB', 'MARKETPLACE', 'EDI', 'INSIDE_SALES', 'STORE'];

/** Every order status the dataset uses. */
export const ORDER_STATUSES = [
  'PENDING_VALIDATION',
  'ACCEPTED',
  'BACKORDERED',
  'REJECTED',
  'RELEASED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'RETURN_REQUESTED',
  'RETURNED',
] as const;

/** An order status. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses whose sourced, not-yet-shipped quantities are held as `reserved` at their source location. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['ACCEPTED', 'RELEASED', 'PARTIALLY_SHIPPED'];

/** Carrier milestone statuses, in the order a healthy parcel passes them (the last two are detours). */
export const MILESTONE_STATUSES = [
  'LABEL_CREATED',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
  'RETURNED_TO_SENDER',
] as const;

/** A carrier milestone status. */
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** A shipment's status: its last milestone's, or PENDING while it has none (created, not yet labelled). */
export type ShipmentStatus = MilestoneStatus | 'PENDING';

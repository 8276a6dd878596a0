import type { Collection, Doc } from '@fulfillment-mesh/runtime';

/**
 * A clock the sweeper checks: a shipment that must ship by `dueAt`, or an order that must leave
 * PENDING_VALIDATION by then. Written and removed by the event raisers; the sweeper raises what is overdue.
 */
export interface WatchDoc extends Doc {
  kind: 'SHIPMENT_DUE' | 'PENDING_VALIDATION';
  subject: string;
  dueAt: string;
  /** For summaries: the order and channel behind it. */
  orderId: string;
  channel: string | null;
}

/** When and where an order was placed (the ship-by clock starts at placement). */
export interface PlacedOrderDoc extends Doc {
  channel: string;
  placedAt: string;
}

/** Ship-by SLAs per channel. */
export interface SlaOptions {
  /** Per channel (WEB, EDI, …) in ms; default {} (every channel uses `defaultShipByMs`). */
  shipByMs?: Record<string, number>;
  /** Default 24 * 60 * 60_000 // 24 hours. */
  defaultShipByMs?: number;
  /** How long an order may stay PENDING_VALIDATION; default 10 * 60_000 // 10 minutes. */
  pendingValidationMs?: number;
}

/** The ship-by instant of an order placed at `placedAt` on `channel`. */
export function shipBy(placedAt: string, channel: string | null, sla: SlaOptions): string {
  const ms = (channel ? sla.shipByMs?.[channel] : undefined) ?? sla.defaultShipByMs ?? 24 * 60 * 60_000;
  return new Date(Date.parse(placedAt) + ms).toISOString();
}

/** Reads `LATE_SHIPMENT_SLA` (`WEB=4h,EDI=2d,default=24h`; units s, m, h, d) into per-channel SLAs. */
export function parseSlaEnv(text: string | undefined): Pick<SlaOptions, 'shipByMs' | 'defaultShipByMs'> {
  const out: Pick<SlaOptions, 'shipByMs' | 'defaultShipByMs'> = { shipByMs: {} };
  if (!text) return out;
  const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z_]+)=(\d+)([smhd])$/.exec(part);
    if (!match)
      throw new Error(`Invalid LATE_SHIPMENT_SLA entry "${part}": expected CHANNEL=<number><s|m|h|d>, e.g. WEB=4h`);
    const ms = Number(match[2]) * units[match[3]!]!;
    if (match[1]!.toLowerCase() === 'default') out.defaultShipByMs = ms;
    else out.shipByMs![match[1]!.toUpperCase()] = ms;
  }
  return out;
}

/** The raisers' collections. */
export interface WatchCollections {
  watches: Collection<WatchDoc>;
  placedOrders: Collection<PlacedOrderDoc>;
}

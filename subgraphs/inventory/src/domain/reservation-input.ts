import { DomainError, hygieneLimits, invalidInput } from '@fulfillment-mesh/runtime';
import { channelRule, type Channel, type ChannelConfig } from './channels.js';
import type { RequestedLine } from './sourcing.js';

/** A reservation request after validation. */
export interface ReserveRequest {
  key: string;
  orderId: string | null;
  /** The owner of the reservation (the order's customer), for tenant isolation; null when no customer is named. */
  customerId: string | null;
  channel: Channel;
  shipToRegion: string | null;
  lines: RequestedLine[];
  ttlSeconds: number | null;
  allowBackorder: boolean | null;
}

/** Limits of a reservation request. */
export interface RequestLimits {
  /** Longest checkout hold; default 7 * 24 * 3_600 // 7 days, in seconds. */
  maxTtlSeconds: number;
  /** Most lines in one reservation; default 500. */
  maxLines: number;
  /** Most units one line may ask for; default `MAX_LINE_QUANTITY` (100,000 unless set). */
  maxLineQuantity?: number;
}

/** The default {@link RequestLimits}. */
export const DEFAULT_LIMITS: RequestLimits = { maxTtlSeconds: 7 * 24 * 3_600, maxLines: 500 };

/** A request as it arrives (GraphQL input or an event), before validation. */
export interface RawReserveRequest {
  key: string;
  orderId?: string | null;
  customerId?: string | null;
  channel: string;
  shipToRegion?: string | null;
  lines: readonly { lineId: string; sku: string; quantity: number }[];
  ttlSeconds?: number | null;
  allowBackorder?: boolean | null;
}

/**
 * Validates a reservation request; INVALID_INPUT names the field and, for a line, its index and lineId
 * (`Invalid quantity of line "L2" (lines[1]): expected a whole number >= 1, received 0`).
 */
export function parseReserveRequest(
  raw: RawReserveRequest,
  channels: ChannelConfig,
  limits: RequestLimits = DEFAULT_LIMITS,
): ReserveRequest {
  const key = raw.key.trim();
  if (key.length === 0 || key.length > 200)
    throw invalidInput('key', 'a non-empty key of at most 200 characters', raw.key);
  channelRule(channels, raw.channel);
  if (raw.lines.length === 0 || raw.lines.length > limits.maxLines)
    throw invalidInput('lines', `1 to ${limits.maxLines} lines`, `${raw.lines.length} lines`);
  // Refused here, before the request reaches a position's group commit: the batch never sees it.
  const maxQuantity = limits.maxLineQuantity ?? hygieneLimits().maxQuantity;
  const seen = new Set<string>();
  raw.lines.forEach((line, index) => {
    if (line.lineId.length === 0) throw invalidInput(`lines[${index}].lineId`, 'a non-empty line id', line.lineId);
    if (seen.has(line.lineId))
      throw lineError(line.lineId, index, 'lineId', 'a line id not used by another line', line.lineId);
    seen.add(line.lineId);
    if (line.sku.length === 0) throw lineError(line.lineId, index, 'sku', 'a non-empty SKU', line.sku);
    if (!Number.isInteger(line.quantity) || line.quantity < 1)
      throw lineError(line.lineId, index, 'quantity', 'a whole number >= 1', line.quantity);
    if (line.quantity > maxQuantity)
      throw lineError(
        line.lineId,
        index,
        'quantity',
        `at most ${maxQuantity} units (MAX_LINE_QUANTITY)`,
        line.quantity,
      );
  });
  const ttl = raw.ttlSeconds ?? null;
  if (ttl !== null && (!Number.isInteger(ttl) || ttl < 1 || ttl > limits.maxTtlSeconds))
    throw invalidInput('ttlSeconds', `a whole number of seconds from 1 to ${limits.maxTtlSeconds}`, ttl);
  return {
    key,
    orderId: raw.orderId ?? null,
    customerId: raw.customerId ?? null,
    channel: raw.channel as Channel,
    shipToRegion: raw.shipToRegion ?? null,
    lines: raw.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
    ttlSeconds: ttl,
    allowBackorder: raw.allowBackorder ?? null,
  };
}

/** Validates a TTL extension (`ttlSeconds` 1..max). */
export function parseTtl(ttlSeconds: number, limits: RequestLimits = DEFAULT_LIMITS): number {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > limits.maxTtlSeconds)
    throw invalidInput('ttlSeconds', `a whole number of seconds from 1 to ${limits.maxTtlSeconds}`, ttlSeconds);
  return ttlSeconds;
}

/**
 * True when a repeated key asks for the same thing: the same lines (by id, SKU and quantity) on the same
 * channel. TTL and backorder flags may differ between a synchronous call and its event-driven retry.
 */
export function sameRequest(
  a: Pick<ReserveRequest, 'channel' | 'lines'>,
  b: Pick<ReserveRequest, 'channel' | 'lines'>,
): boolean {
  const canonical = (r: Pick<ReserveRequest, 'channel' | 'lines'>) =>
    JSON.stringify([r.channel, [...r.lines].map((l) => [l.lineId, l.sku, l.quantity]).sort()]);
  return canonical(a) === canonical(b);
}

function lineError(lineId: string, index: number, field: string, expected: string, received: unknown): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    `Invalid ${field} of line "${lineId}" (lines[${index}]): expected ${expected}, received ${JSON.stringify(received)}`,
    {
      field: `lines[${index}].${field}`,
      lineId,
    },
  );
}

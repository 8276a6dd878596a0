import { DomainError, encodeCursor, invalidInput } from '@fulfillment-mesh/runtime';
import type { Filter, SortSpec } from '@fulfillment-mesh/runtime';
import type { Channel, MoneyDoc, OrderDoc, OrderStatus, TimelineEntryDoc } from '../store/models.js';

/** A client order filter as it arrives (instants already normalised by the DateTime scalar). */
export interface OrderFilterInput {
  channel?: Channel | null;
  status?: OrderStatus | null;
  customerId?: string | null;
  createdAfter?: string | null;
  createdBefore?: string | null;
}

/** The position of an order in the newest-first listing: the two sort keys. */
export interface OrderCursor {
  createdAt: string;
  id: string;
}

/** Newest first; `_id` breaks ties between orders created in the same millisecond so pages never overlap. */
export const NEWEST_FIRST: SortSpec = { createdAt: -1, _id: -1 };

// A Record rather than an array so that the compiler proves every OrderStatus is listed.
const STATUSES: Record<OrderStatus, true> = {
  PENDING_VALIDATION: true,
  ACCEPTED: true,
  BACKORDERED: true,
  REJECTED: true,
  RELEASED: true,
  PARTIALLY_SHIPPED: true,
  SHIPPED: true,
  DELIVERED: true,
  CANCELLED: true,
  RETURN_REQUESTED: true,
  RETURNED: true,
};

/** Narrows a status string from outside (seed data, adapters); throws INVALID_INPUT naming `field`. */
export function parseOrderStatus(value: string, field: string): OrderStatus {
  if (Object.hasOwn(STATUSES, value)) return value as OrderStatus;
  throw invalidInput(field, `one of ${Object.keys(STATUSES).join(', ')}`, value);
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Validates an ISO-8601 instant with a time zone and normalises it with `toISOString()`; throws INVALID_INPUT naming `field`. */
export function toInstant(value: string, field: string): string {
  const match = INSTANT.exec(value);
  const ms = Date.parse(value);
  // Date.parse rolls 2026-02-30 over into March instead of refusing it, so the calendar day is checked by hand.
  if (!match || Number.isNaN(ms) || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw invalidInput(field, 'an ISO-8601 instant with a time zone, e.g. 2026-11-01T09:30:00Z', value);
  }
  return new Date(ms).toISOString();
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Translates a client filter into a store filter. The creation window is half-open, createdAfter inclusive
 * and createdBefore exclusive, so consecutive windows tile without gaps or double counting.
 */
export function orderFilter(input: OrderFilterInput | null | undefined): Filter {
  const filter: Filter = {};
  if (input?.channel) filter.channel = input.channel;
  if (input?.status) filter.status = input.status;
  if (input?.customerId != null) filter['customer.id'] = input.customerId;
  const after = input?.createdAfter != null ? toInstant(input.createdAfter, 'filter.createdAfter') : null;
  const before = input?.createdBefore != null ? toInstant(input.createdBefore, 'filter.createdBefore') : null;
  if (after !== null && before !== null && after >= before) {
    throw invalidInput('filter.createdAfter', `an instant before filter.createdBefore (${before})`, after);
  }
  if (after !== null || before !== null) {
    filter.createdAt = { ...(after !== null ? { $gte: after } : {}), ...(before !== null ? { $lt: before } : {}) };
  }
  return filter;
}

/** Restricts a filter to the orders after `cursor` in {@link NEWEST_FIRST} order (strictly older, or same instant and smaller id). */
export function continueAfter(filter: Filter, cursor: OrderCursor): Filter {
  // $or sits beside any createdAt range rather than inside it, so both constraints apply unchanged.
  return {
    ...filter,
    $or: [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, _id: { $lt: cursor.id } }],
  };
}

/** The sort key a cursor encodes: `<createdAt>|<id>` (an ISO instant never contains `|`; ids may). */
export function orderCursorKey(order: Pick<OrderDoc, '_id' | 'createdAt'>): string {
  return `${order.createdAt}|${order._id}`;
}

/** Parses a decoded cursor key; throws INVALID_INPUT naming `after` for anything {@link orderCursorKey} did not produce. */
export function parseOrderCursor(key: string): OrderCursor {
  const bar = key.indexOf('|');
  const createdAt = bar < 0 ? '' : key.slice(0, bar);
  const id = bar < 0 ? '' : key.slice(bar + 1);
  const ms = Date.parse(createdAt);
  // Only the exact toISOString() form is accepted: it is the form stored, and the form compared by the store.
  const canonical = !Number.isNaN(ms) && new Date(ms).toISOString() === createdAt;
  if (!canonical || id.length === 0)
    throw invalidInput('after', 'a cursor returned by an earlier page', encodeCursor(key));
  return { createdAt, id };
}

/** The loader key of an order by its channel id: `<channel>:<externalId>`, also the id NOT_FOUND names. */
export function externalKey(channel: Channel, externalId: string): string {
  return `${channel}:${externalId}`;
}

/** Splits an {@link externalKey}; channels never contain `:`, external ids may. */
export function parseExternalKey(key: string): { channel: Channel; externalId: string } {
  const colon = key.indexOf(':');
  return { channel: key.slice(0, colon) as Channel, externalId: key.slice(colon + 1) };
}

/** Orders timeline entries oldest first (stable for equal instants), as the schema promises. */
export function timelineOldestFirst(entries: readonly TimelineEntryDoc[]): TimelineEntryDoc[] {
  return [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** Money is computed in ten-thousandths: exact for every amount the catalog accepts (at most four fraction digits). */
const SCALE = 4;
const DECIMAL = /^(\d{1,12})(?:\.(\d{1,4}))?$/;

/** A non-negative decimal string as an integer count of ten-thousandths, or null when it is not one. */
export function decimalToUnits(amount: string): bigint | null {
  const match = DECIMAL.exec(amount);
  if (!match) return null;
  return BigInt(match[1] ?? '0') * 10n ** BigInt(SCALE) + BigInt((match[2] ?? '').padEnd(SCALE, '0'));
}

/** Formats ten-thousandths as a decimal string with two places, rounding half up once at the very end. */
export function unitsToAmount(units: bigint): string {
  const cents = (units + 50n) / 100n;
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}

/**
 * Sum of quantity x unit price over the lines, exact (BigInt, never floats), with two places. An order has
 * one currency: mixed currencies, or no lines to take one from, are a CONFLICT naming the order. Malformed
 * stored amounts or quantities are a data defect, thrown as plain errors (logged, masked for clients).
 */
export function orderTotal(order: Pick<OrderDoc, '_id' | 'lines'>): MoneyDoc {
  const currencies = [...new Set(order.lines.map((line) => line.unitPrice.currencyCode))].sort();
  const [currencyCode] = currencies;
  if (currencyCode === undefined) {
    throw new DomainError('CONFLICT', `Order "${order._id}" has no lines, so its total has no currency`, {
      entity: 'Order',
      id: order._id,
    });
  }
  if (currencies.length > 1) {
    throw new DomainError(
      'CONFLICT',
      `Order "${order._id}" mixes currencies ${currencies.join(', ')}; a total needs one currency`,
      {
        entity: 'Order',
        id: order._id,
        currencies,
      },
    );
  }
  let units = 0n;
  for (const line of order.lines) {
    const price = decimalToUnits(line.unitPrice.amount);
    if (price === null)
      throw new Error(
        `Order "${order._id}" line "${line.lineId}" has unit price "${line.unitPrice.amount}", not a decimal string`,
      );
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 0) {
      throw new Error(
        `Order "${order._id}" line "${line.lineId}" has quantity ${line.quantity}, not a whole number >= 0`,
      );
    }
    units += BigInt(line.quantity) * price;
  }
  return { amount: unitsToAmount(units), currencyCode };
}

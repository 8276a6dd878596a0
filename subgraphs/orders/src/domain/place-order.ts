import {
  checkQuantity,
  cleanInput,
  differingFields,
  idempotencyConflict,
  invalidInput,
  type Provenance,
} from '@fulfillment-mesh/runtime';
import { businessUnitSchema, DEFAULT_BUSINESS_UNIT } from '@fulfillment-mesh/connectors';
import { decimalToUnits } from './orders.js';
import type { Channel, MoneyDoc, OrderDoc, OrderLineDoc, SubmittedOrder } from '../store/models.js';

/** What a channel submits (mirrors `input PlaceOrderInput`). */
export interface PlaceOrderInput {
  channel: Channel;
  externalId: string;
  /** The business unit whose ERP books the order; default `default`. */
  businessUnit?: string | null;
  customer: { id: string; name: string; email?: string | null };
  shipTo: {
    name: string;
    address: {
      line1: string;
      line2?: string | null;
      city: string;
      region: string;
      postalCode: string;
      country: string;
    };
  };
  lines: { lineId?: string | null; sku: string; quantity: number; unitPrice?: MoneyDoc | null }[];
}

/** A validated line before pricing: its id is settled, its price may still come from the catalog. */
export interface DraftLine {
  lineId: string;
  sku: string;
  quantity: number;
  unitPrice: MoneyDoc | null;
}

/** What the catalog says about one SKU. */
export interface CatalogProduct {
  sku: string;
  status: string;
  price: MoneyDoc | null;
}

/** At most this many lines per order: the catalog answers up to 100 SKUs per call. */
export const MAX_LINES = 100;
const MAX_KEY_LENGTH = 200;
const CURRENCY = /^[A-Z]{3}$/;

/**
 * The submission with every string trimmed; INVALID_INPUT naming the field for a control or bidi override
 * character, an over-long text or a quantity beyond MAX_LINE_QUANTITY (the same rules on every door: adapters
 * place orders through here without passing the GraphQL layer).
 */
export function cleanPlaceOrder(input: PlaceOrderInput): PlaceOrderInput {
  return cleanInput(input, 'input');
}

/** Checks the shape of a submission; returns its lines with ids (`L1`, `L2`, … by position when absent). */
export function validatePlaceOrder(input: PlaceOrderInput, idempotencyKey: string | null | undefined): DraftLine[] {
  if (idempotencyKey != null && (idempotencyKey.trim() === '' || idempotencyKey.length > MAX_KEY_LENGTH)) {
    throw invalidInput('idempotencyKey', `a non-blank string of at most ${MAX_KEY_LENGTH} characters`, idempotencyKey);
  }
  for (const [field, value] of [
    ['externalId', input.externalId],
    ['customer.id', input.customer.id],
    ['customer.name', input.customer.name],
    ['shipTo.name', input.shipTo.name],
    ['shipTo.address.region', input.shipTo.address.region],
    ['shipTo.address.country', input.shipTo.address.country],
  ] as const) {
    if (value.trim() === '') throw invalidInput(field, 'a non-blank string', value);
  }
  if (input.businessUnit != null && !businessUnitSchema.safeParse(input.businessUnit).success)
    throw invalidInput('businessUnit', '1-64 letters, digits, ".", "_" or "-"', input.businessUnit);
  if (input.lines.length === 0 || input.lines.length > MAX_LINES)
    throw invalidInput('lines', `1 to ${MAX_LINES} lines`, `${input.lines.length} lines`);
  const seen = new Set<string>();
  return input.lines.map((line, i) => {
    const lineId = line.lineId ?? `L${i + 1}`;
    if (lineId.trim() === '' || seen.has(lineId))
      throw invalidInput(`lines[${i}].lineId`, 'an id no other line of the order uses', lineId);
    seen.add(lineId);
    if (line.sku.trim() === '') throw invalidInput(`lines[${i}].sku`, 'a non-blank SKU', line.sku);
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      throw invalidInput(`lines[${i}].quantity`, 'a positive whole number', line.quantity);
    checkQuantity(`lines[${i}].quantity`, line.quantity);
    if (line.unitPrice) checkMoney(line.unitPrice, `lines[${i}].unitPrice`);
    return { lineId, sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice ?? null };
  });
}

/** The submission as it is stored and compared for idempotency (see `OrderDoc.request`). */
export function submittedOrder(input: PlaceOrderInput, drafts: readonly DraftLine[]): SubmittedOrder {
  const a = input.shipTo.address;
  return {
    channel: input.channel,
    externalId: input.externalId,
    customer: { id: input.customer.id, name: input.customer.name, email: input.customer.email ?? null },
    shipTo: {
      name: input.shipTo.name,
      address: {
        line1: a.line1,
        line2: a.line2 ?? null,
        city: a.city,
        region: a.region,
        postalCode: a.postalCode,
        country: a.country,
      },
    },
    lines: drafts.map((d) => ({
      lineId: d.lineId,
      sku: d.sku,
      quantity: d.quantity,
      unitPrice: d.unitPrice ? { amount: d.unitPrice.amount, currencyCode: d.unitPrice.currencyCode } : null,
    })),
  };
}

/**
 * Exact idempotency of placeOrder: throws CONFLICT naming the differing fields when `earlier` (found by the same
 * idempotency key or the same channel and external id) was placed with other content than `submitted`. Orders
 * stored before submissions were kept are compared on what they still hold of it (their priced lines: a unit
 * price is compared only where the retry names one).
 */
export function checkSameSubmission(earlier: OrderDoc, submitted: SubmittedOrder): void {
  const stored = earlier.request ?? legacySubmission(earlier, submitted);
  const fields = differingFields(stored, submitted);
  if (fields.length > 0)
    throw idempotencyConflict(`Order ${earlier._id} (${earlier.channel} ${earlier.externalId})`, fields);
}

function legacySubmission(order: OrderDoc, submitted: SubmittedOrder): SubmittedOrder {
  return {
    channel: order.channel,
    externalId: order.externalId,
    customer: { id: order.customer.id, name: order.customer.name, email: order.customer.email ?? null },
    shipTo: order.shipTo,
    lines: order.lines.map((l, i) => ({
      lineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: submitted.lines[i]?.unitPrice ? l.unitPrice : null,
    })),
  };
}

function checkMoney(money: MoneyDoc, field: string): void {
  if (decimalToUnits(money.amount) === null)
    throw invalidInput(
      `${field}.amount`,
      'a decimal string >= 0 with at most four fraction digits, e.g. 12.50',
      money.amount,
    );
  if (!CURRENCY.test(money.currencyCode))
    throw invalidInput(`${field}.currencyCode`, 'an ISO-4217 code such as USD', money.currencyCode);
}

/**
 * Checks each line against the catalog (known SKU, ACTIVE, a price) and prices it: the submitted unit price,
 * else the catalog's. An order has one currency, the first line's.
 */
export function priceLines(drafts: readonly DraftLine[], catalog: ReadonlyMap<string, CatalogProduct>): OrderLineDoc[] {
  let currency: string | null = null;
  return drafts.map((draft, i) => {
    const product = catalog.get(draft.sku);
    if (!product) throw invalidInput(`lines[${i}].sku`, 'a SKU known to the catalog', draft.sku);
    if (product.status !== 'ACTIVE')
      throw invalidInput(`lines[${i}].sku`, 'an ACTIVE product', `${draft.sku} (${product.status})`);
    const unitPrice = draft.unitPrice ?? product.price;
    if (!unitPrice)
      throw invalidInput(`lines[${i}].unitPrice`, `a unit price (the catalog has none for ${draft.sku})`, undefined);
    if (!draft.unitPrice) checkMoney(unitPrice, `lines[${i}].unitPrice (catalog price)`);
    currency ??= unitPrice.currencyCode;
    if (unitPrice.currencyCode !== currency)
      throw invalidInput(
        `lines[${i}].unitPrice.currencyCode`,
        `${currency}, the currency of lines[0]`,
        unitPrice.currencyCode,
      );
    return { lineId: draft.lineId, sku: draft.sku, quantity: draft.quantity, unitPrice, ...NEW_LINE_STATE };
  });
}

const NEW_LINE_STATE = {
  status: 'OPEN',
  allocatedQuantity: 0,
  backorderedQuantity: 0,
  shippedQuantity: 0,
  cancelledQuantity: 0,
  returnRequestedQuantity: 0,
  returnedQuantity: 0,
} as const;

/** The reservation key of an order: stable, so every retry lands on the same reservation in inventory. */
export function reservationKey(orderId: string): string {
  return `order:${orderId}`;
}

/** The actor of what a channel did, e.g. `channel:inside_sales`. */
export function channelActor(channel: Channel): string {
  return `channel:${channel.toLowerCase()}`;
}

/**
 * The new order document: PENDING_VALIDATION, written before inventory is asked so that a crash loses nothing.
 * `origin` is the provenance of what was ordered when an adapter knows better than "the channel, now" (the
 * source system, its version of the order, the adapter run); the status is always the process's own.
 */
export function newOrderDoc(args: {
  id: string;
  input: PlaceOrderInput;
  lines: OrderLineDoc[];
  idempotencyKey?: string | null;
  at: string;
  origin?: Provenance | null;
  request?: SubmittedOrder;
}): OrderDoc {
  const { id, input, at } = args;
  const actor = channelActor(input.channel);
  const provenance = { source: actor, sourceVersion: '1', observedAt: at };
  const content = args.origin ?? provenance;
  const a = input.shipTo.address;
  return {
    _id: id,
    channel: input.channel,
    externalId: input.externalId,
    businessUnit: input.businessUnit ?? DEFAULT_BUSINESS_UNIT,
    ...(args.idempotencyKey != null ? { idempotencyKey: args.idempotencyKey } : {}),
    ...(args.request ? { request: args.request } : {}),
    customer: { id: input.customer.id, name: input.customer.name, email: input.customer.email ?? null },
    shipTo: {
      name: input.shipTo.name,
      address: {
        line1: a.line1,
        line2: a.line2 ?? null,
        city: a.city,
        region: a.region,
        postalCode: a.postalCode,
        country: a.country,
      },
    },
    lines: args.lines,
    status: 'PENDING_VALIDATION',
    createdAt: at,
    updatedAt: at,
    timeline: [{ at, status: 'PENDING_VALIDATION', note: `received from ${input.channel}`, actor }],
    version: 1,
    provenance: { content, status: provenance },
    statusReason: null,
    allocations: [],
    reservation: { key: reservationKey(id), id: null, mode: 'SYNC', requestedAt: at },
    pendingReleases: [],
    shipmentStates: [],
    returnIds: [],
    appliedEvents: [],
  };
}

import { notFound, type DomainError } from '@fulfillment-mesh/runtime';
import type { Client } from './client.js';
import { AccessDomainError } from './errors.js';
import type { Policy } from './authorization-checks.js';

// Tenant isolation (docs/access.md "Ownership"): the one rule every subgraph applies to customer-owned data.
// A partner client is confined to the customer whose id is its partnerId; every other kind of client is not
// confined by ownership (its scopes decide). Another customer's data is never revealed: it is answered exactly
// like an id that does not exist (NOT_FOUND with the same message), and lists leave it out.

/** The `@policy` name every subgraph puts on its customer-owned entity types (Order, Shipment, Return, Reservation). */
export const PARTNER_OWNED = 'partner-owned';

/** The `@policy` name on the hidden hydration fields of subscriptions: the event's entity must be the partner's. */
export const PARTNER_OWNED_EVENT = 'partner-owned-event';

/** The customer `client` is confined to: its partnerId for a partner, null (no confinement) for any other kind. */
export function tenantOf(client: Client | null | undefined): string | null {
  if (client?.kind !== 'partner') return null;
  // A partner always carries a partnerId (clientSchema); one without would see nothing rather than everything.
  return client.partnerId ?? '\u0000no-partner';
}

/** True when `client` may see data owned by customer `ownerId` (data without a recorded owner: only non-partners). */
export function mayAccessOwner(client: Client | null | undefined, ownerId: string | null | undefined): boolean {
  const tenant = tenantOf(client);
  return tenant === null || (typeof ownerId === 'string' && ownerId === tenant);
}

/**
 * The owner recorded on a stored entity: `customerId` (shipments, returns, reservations), or `customer.id` on an
 * order, whose customer is its owner. Undefined when the entity records none (such data is never a partner's).
 */
export function ownerOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as { customerId?: unknown; customer?: { id?: unknown } | null };
  if (typeof record.customerId === 'string') return record.customerId;
  const nested = record.customer?.id;
  return typeof nested === 'string' ? nested : undefined;
}

/**
 * The store filter that confines a list query to what `client` may see: `{}` for non-partners, else
 * `{ [ownerField]: partnerId }`. Lists apply it in the query itself so pages and totals count only own data.
 */
export function ownerFilter(client: Client | null | undefined, ownerField: string): Record<string, string> {
  const tenant = tenantOf(client);
  return tenant === null ? {} : { [ownerField]: tenant };
}

/**
 * `filter` confined to what `client` may see (for list queries): unchanged for non-partners, else AND-ed with
 * `{ [ownerField]: partnerId }`, so a client filter naming another customer matches nothing instead of overriding.
 */
export function confineToOwner<F extends Record<string, unknown>>(
  client: Client | null | undefined,
  filter: F,
  ownerField: string,
): F | { $and: unknown[] } {
  const owner = ownerFilter(client, ownerField);
  return Object.keys(owner).length === 0 ? filter : { $and: [filter, owner] };
}

/**
 * The NOT_FOUND a partner gets for another customer's entity: byte for byte what an unknown id gets
 * (`<Entity> "<id>" was not found`), so the answer does not tell "exists, not yours" from "does not exist".
 */
export function concealed(entity: string, id: string): DomainError {
  return notFound(entity, id);
}

/**
 * Throws the concealing NOT_FOUND unless `client` may access `value` (for resolvers that look an entity up
 * before acting on it, e.g. a mutation naming an order id); returns the value otherwise.
 */
export function requireOwned<T>(client: Client | null | undefined, entity: string, id: string, value: T): T {
  if (!mayAccessOwner(client, ownerOf(value))) throw concealed(entity, id);
  return value;
}

/**
 * The customer a write is made for. A partner writes only for itself: a body that names no customer gets the
 * partner, a body naming the partner is accepted, one naming another customer is FORBIDDEN (thrown before anything
 * is written). Other clients write for the customer they name. `field` names the input field in the error.
 */
export function customerForWrite(
  client: Client | null | undefined,
  named: string | null | undefined,
  field: string,
): string {
  const tenant = tenantOf(client);
  if (tenant === null) {
    if (typeof named !== 'string' || named === '')
      throw new AccessDomainError('INVALID_INPUT', `${field} is required`, { field });
    return named;
  }
  if (named === undefined || named === null || named === '' || named === tenant) return tenant;
  throw new AccessDomainError(
    'FORBIDDEN',
    `${field} must be your own customer id "${tenant}": a partner writes only its own data, received "${named}"`,
    {
      field,
    },
  );
}

/** Reads the type name of the guarded value and its id, so a denial can be worded like the unknown-id answer. */
export interface OwnedPolicyTarget {
  /** The GraphQL type the policy guards the value as (`Shipment`). */
  typeName: string;
}

/**
 * The {@link PARTNER_OWNED} policy: a partner passes only for values whose {@link ownerOf} is its partnerId; a
 * denial is the concealing NOT_FOUND for `<type> "<id>"` (id from `_id` or `id`), not FORBIDDEN.
 */
export const partnerOwned: Policy = (client, value, _args, _context, target) => {
  if (mayAccessOwner(client, ownerOf(value))) return true;
  const record = (value ?? {}) as { _id?: unknown; id?: unknown };
  const id = typeof record._id === 'string' ? record._id : typeof record.id === 'string' ? record.id : '';
  return concealed(target?.typeName ?? 'Entity', id);
};

/**
 * The {@link PARTNER_OWNED_EVENT} policy for a subscription's hidden hydration field (`event` argument): `ownerOfEvent`
 * finds the owner of the event's entity in the subgraph's own store (the gateway-built payload is not trusted for it);
 * a partner passes only for its own. The gateway filters events by the same rule before hydrating (defence in depth).
 */
export function partnerOwnedEvent(
  ownerOfEvent: (event: Record<string, unknown>, context: unknown) => Promise<string | null | undefined>,
): Policy {
  return async (client, _parent, args, context) => {
    if (tenantOf(client) === null) return true;
    const event = args.event && typeof args.event === 'object' ? (args.event as Record<string, unknown>) : {};
    return mayAccessOwner(client, await ownerOfEvent(event, context));
  };
}

import type { ClientKind } from '@fulfillment-mesh/access';

/** The grants of docs/access.md per client kind, used for the ready-made clients of `headersFor`. */
export const GRANTS: Record<Exclude<ClientKind, 'service'>, string[]> = {
  storefront: ['catalog:read', 'inventory:read', 'orders:write'],
  console: ['catalog:read', 'inventory:read', 'orders:read', 'shipments:read', 'orders:write'],
  partner: ['catalog:read', 'inventory:read', 'orders:read', 'shipments:read', 'orders:write'],
  operator: [
    'catalog:read',
    'inventory:read',
    'orders:read',
    'shipments:read',
    'orders:write',
    'fulfillment:write',
    'inventory:write',
    'catalog:write',
    'operations:read',
    'operations:write',
  ],
};

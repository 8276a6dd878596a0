import { defineMasteringRules } from '@fulfillment-mesh/connectors';

/**
 * Who masters which inventory fact (issue 7). Every inbound write names its source, a per-source sequence and
 * an observed-at time; `decide` (packages/connectors) refuses a write from a source that is not listed here
 * for the position's location kind, or one older than what that source already applied, and the refusal is
 * kept in the conflict log (`inventoryConflicts`).
 *
 * | field group | authoritative source                          | where                | policy       |
 * |-------------|-----------------------------------------------|----------------------|--------------|
 * | `onHand`    | `wms:<locationId>` (the warehouse's WMS)      | DC, THREE_PL         | source-wins  |
 * |             | `pos:<locationId>` (the store's point of sale) | STORE                |              |
 * | `incoming`  | `erp` (purchase orders and transfers in transit) | every location    | source-wins  |
 * | `ownership` | `erp` (whose books the stock is on)           | every location       | source-wins  |
 *
 * The ERP's on-hand figures are therefore compared (reconciliation) but never written at WMS or POS
 * locations: the physical count belongs to the system that counts. Values set by `seed` or `api` are not
 * authoritative, so the first authoritative write replaces them.
 */
export const inventoryMastering = defineMasteringRules({
  domain: 'inventory',
  fieldGroups: {
    onHand: {
      policy: 'source-wins',
      description: 'Physical stock is counted by the WMS at warehouses and by the POS at stores.',
      authorities: [
        { sources: ['wms:*'], locationKinds: ['DC', 'THREE_PL'] },
        { sources: ['pos:*'], locationKinds: ['STORE'] },
      ],
    },
    incoming: {
      policy: 'source-wins',
      description: 'In-transit stock comes from purchase orders and transfers, which live in the ERP.',
      authorities: [{ sources: ['erp'] }],
    },
    ownership: {
      policy: 'source-wins',
      description: 'Inventory ownership (consigned, owned) is a financial fact of the ERP.',
      authorities: [{ sources: ['erp'] }],
    },
  },
});

import { defineMasteringRules } from '@fulfillment-mesh/connectors';

/**
 * Who masters which field group of a product (see packages/connectors/README.md#mastering-rules for how a write
 * is decided). Sources:
 *
 * | source | who                                                              | writes                       |
 * |--------|------------------------------------------------------------------|------------------------------|
 * | `erp`  | the ERP item master import (`POST /imports/erp-items`, CLI)      | `price`, `uom`, `status`     |
 * | `pim`  | the PIM webhook (`POST /webhooks/pim`)                           | `content` (and, refused, `price` when a PIM sends one) |
 * | `seed` | the seed dataset; not authoritative anywhere, so the first write of a real source replaces it |
 *
 * Each group has one authority, so `source-wins` only ever settles the seed (always replaced) and any source a
 * rule change demotes. Within one source, writes are ordered by the source's version (a higher version wins,
 * an equal or lower one is refused as stale) whatever their timestamps say: the ERP's row version and the PIM's
 * document version are integers, so `10` > `9`.
 */
export const catalogMastering = defineMasteringRules({
  domain: 'catalog',
  fieldGroups: {
    price: {
      description: 'Selling price and currency: finance owns prices, so only the ERP item master sets them.',
      policy: 'source-wins',
      authorities: [{ sources: ['erp'] }],
    },
    uom: {
      description: 'Selling unit of measure (EA, CS, BX): the ERP’s item master, which costing and purchasing share.',
      policy: 'source-wins',
      authorities: [{ sources: ['erp'] }],
    },
    status: {
      description: 'Whether the item may be sold (ACTIVE) or is DISCONTINUED: the ERP’s item lifecycle.',
      policy: 'source-wins',
      authorities: [{ sources: ['erp'] }],
    },
    content: {
      description: 'Name, description, brand, category and attributes: merchandising owns them in the PIM.',
      policy: 'source-wins',
      authorities: [{ sources: ['pim'] }],
    },
  },
});

/** The field groups of a product, in the order one update applies them. */
export const PRODUCT_FIELD_GROUPS = ['content', 'price', 'uom', 'status'] as const;

/** One of {@link PRODUCT_FIELD_GROUPS}. */
export type ProductFieldGroup = (typeof PRODUCT_FIELD_GROUPS)[number];

import { defineMasteringRules } from '@fulfillment-mesh/connectors';

/**
 * Who masters which field group of an order (see packages/connectors/README.md#mastering-rules for how a rule
 * is decided). Sources are named `<system>[:<detail>]`:
 *
 * | source                | who                                                               |
 * |-----------------------|-------------------------------------------------------------------|
 * | `channel:web` …       | the placeOrder mutation, per channel (`channel:<channel>`)        |
 * | `channel:shopify`     | the Shopify orders webhook                                        |
 * | `channel:woocommerce` | the WooCommerce orders webhook                                    |
 * | `channel:edi:<id>`    | an EDI 850 from trading partner `<id>` (its ISA sender id)        |
 * | `erp`                 | the ERP's answer to a sales-order posting                         |
 *
 * The order `status` is not mastered by any external system: the order process owns it (its provenance is
 * kept for history only).
 */
export const ordersMastering = defineMasteringRules({
  domain: 'orders',
  fieldGroups: {
    content: {
      description:
        'What was ordered (customer, ship-to, lines and quantities): the channel the customer ordered through.',
      policy: 'source-wins',
      authorities: [{ sources: ['channel:*'] }],
    },
    financialStatus: {
      description:
        'Payment state. The ERP is the system of record; until it has spoken, the channel’s own payment state is shown. ' +
        'Once the ERP wrote it, a channel update is refused (it ranks below the ERP) and kept as a conflict.',
      policy: 'source-wins',
      authorities: [{ sources: ['erp', 'channel:*'] }],
    },
    erpOrderNumber: {
      description: 'The ERP’s sales order number for the order, from its answer to the posting.',
      policy: 'source-wins',
      authorities: [{ sources: ['erp'] }],
    },
  },
});

/** The payment states an order can show (mirrors `enum FinancialStatus`). */
export const FINANCIAL_STATUSES = [
  'PENDING',
  'AUTHORIZED',
  'PARTIALLY_PAID',
  'PAID',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
  'VOIDED',
] as const;

/** One of {@link FINANCIAL_STATUSES}. */
export type FinancialStatus = (typeof FINANCIAL_STATUSES)[number];

/** Narrows an upper- or lower-case, `_`-separated status (`partially_paid`, `PAID`) to a FinancialStatus, or null. */
export function toFinancialStatus(value: string | null | undefined): FinancialStatus | null {
  const upper = (value ?? '').trim().toUpperCase().replace(/[-\s]/g, '_');
  return (FINANCIAL_STATUSES as readonly string[]).includes(upper) ? (upper as FinancialStatus) : null;
}

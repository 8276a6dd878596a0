import { defineMasteringRules, type MasteringRules } from '@fulfillment-mesh/connectors';

/**
 * Who masters which part of a shipment. Every inbound write names its source, a source version and an
 * observed-at time; a write from a source that is not authoritative here, or older than what was applied, is
 * not applied and lands in the conflict log (`conflicts`, queryable as `shipmentsConflicts`).
 *
 * | field group    | fields                                                       | authoritative                         |
 * |----------------|--------------------------------------------------------------|---------------------------------------|
 * | `plan`         | order, location, lines as released                           | `orders` (release events), `wms:*` (splits) |
 * | `confirmation` | what left, when, carrier, service, tracking number           | `wms:<the shipment's own locationId>` |
 * | `tracking`     | milestones and the status they move                          | `carrier:<the shipment's carrier>`, then `wms:*` and `console` |
 * | `freightCost`  | freightCost                                                  | `tms:*`, then `erp`                   |
 *
 * Two authorities are narrowed per shipment by {@link rulesFor}: only the WMS of the location a shipment
 * leaves from may confirm it (`wms:DC-WEST` confirming a DC-EAST shipment is refused), and only the carrier
 * that carries it reports its milestones (a FedEx tracker for a UPS parcel is refused). Source names are
 * lower-case after the colon for carriers (`carrier:fedex`); location ids keep their case (`wms:DC-EAST`).
 *
 * Tracking milestones older than the last applied one are not refused: they are history, appended without
 * moving the status (domain/tracking.ts) and without replacing the `tracking` provenance.
 */
export const shipmentsMastering = defineMasteringRules({
  domain: 'shipments',
  fieldGroups: {
    plan: {
      policy: 'source-wins',
      authorities: [{ sources: ['orders', 'wms:*'] }],
      description: 'The orders subgraph decides which lines ship from where; the WMS splits what it could not ship.',
    },
    confirmation: {
      policy: 'source-wins',
      authorities: [{ sources: ['wms:*'] }],
      description:
        "The WMS of the shipment's location knows what physically left, when, and under which tracking number.",
    },
    tracking: {
      policy: 'newest-wins',
      authorities: [{ sources: ['carrier:*', 'wms:*', 'console'] }],
      description: 'Carriers report where the parcel is; the WMS records the label, people correct by hand.',
    },
    freightCost: {
      policy: 'source-wins',
      authorities: [{ sources: ['tms:*', 'erp'] }],
      description: 'The TMS rates and audits freight; the ERP books it and is the fallback when no TMS reports.',
    },
  },
});

/** The field groups of {@link shipmentsMastering}. */
export type ShipmentFieldGroup = 'plan' | 'confirmation' | 'tracking' | 'freightCost';

/** The source name of a carrier: `carrier:<lower-case name>` (`FedEx` → `carrier:fedex`). */
export function carrierSource(carrier: string): string {
  return `carrier:${carrier.trim().toLowerCase()}`;
}

/** The source name of a location's WMS: `wms:<locationId>`. */
export function wmsSource(locationId: string): string {
  return `wms:${locationId}`;
}

const cache = new Map<string, MasteringRules>();

/**
 * The rules for one shipment: {@link shipmentsMastering} with `wms:*` narrowed to the shipment's own WMS for
 * `confirmation` and `carrier:*` narrowed to its carrier for `tracking` (any carrier while it has none yet).
 */
export function rulesFor(shipment: { locationId: string; carrier: string }): MasteringRules {
  const carrier = shipment.carrier.trim() === '' ? 'carrier:*' : carrierSource(shipment.carrier);
  const key = `${shipment.locationId}\u0000${carrier}`;
  let rules = cache.get(key);
  if (!rules) {
    const groups = shipmentsMastering.fieldGroups;
    rules = defineMasteringRules({
      domain: shipmentsMastering.domain,
      fieldGroups: {
        ...groups,
        confirmation: { ...groups.confirmation!, authorities: [{ sources: [wmsSource(shipment.locationId)] }] },
        tracking: { ...groups.tracking!, authorities: [{ sources: [carrier, 'wms:*', 'console'] }] },
      },
    });
    if (cache.size > 1_000) cache.clear(); // a bounded memo: locations x carriers is small, this is a safety net
    cache.set(key, rules);
  }
  return rules;
}

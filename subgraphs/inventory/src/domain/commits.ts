import type { Allocation, RequestedLine } from './sourcing.js';

/** Units of one line at one location: what is released or committed. */
export interface LocatedLine extends RequestedLine {
  locationId: string;
}

/** A shipment's commit as a reservation records it: the units it took from the reservation's holds. */
export interface ShipmentCommit {
  shipmentId: string;
  lines: LocatedLine[];
  at: string;
}

/** A confirmed shipment as inventory needs it. */
export interface ShippedGoods {
  shipmentId: string;
  locationId: string;
  lines: readonly RequestedLine[];
}

/** One position step of a shipment: units of a SKU that left a location, and how many of them were held. */
export interface ShipmentStep {
  sku: string;
  locationId: string;
  quantity: number;
  fromHold: number;
}

const lineKey = (lineId: string, locationId: string) => `${lineId}\u0000${locationId}`;

/** Units still held per allocated line and location: allocated minus committed, only where some remain. */
export function remainingLines(allocations: readonly Allocation[], commits: readonly ShipmentCommit[]): LocatedLine[] {
  const committed = new Map<string, number>();
  for (const commit of commits) {
    for (const line of commit.lines) {
      const key = lineKey(line.lineId, line.locationId);
      committed.set(key, (committed.get(key) ?? 0) + line.quantity);
    }
  }
  const remaining: LocatedLine[] = [];
  for (const allocation of allocations) {
    for (const line of allocation.lines) {
      const key = lineKey(line.lineId, allocation.locationId);
      // Sourcing allocates each line at most once per location, so (line, location) identifies a hold share.
      const left = line.quantity - (committed.get(key) ?? 0);
      if (left > 0)
        remaining.push({ lineId: line.lineId, sku: line.sku, locationId: allocation.locationId, quantity: left });
    }
  }
  return remaining;
}

/**
 * The part of a shipment that consumes the reservation's holds: each shipped line takes from what its own
 * line still holds at the shipping location, then (a WMS may renumber lines) from other lines of the same SKU
 * there. Units shipped beyond that were never held for this reservation at this location.
 */
export function heldPart(
  allocations: readonly Allocation[],
  commits: readonly ShipmentCommit[],
  shipment: ShippedGoods,
): LocatedLine[] {
  const remaining = remainingLines(allocations, commits).filter((line) => line.locationId === shipment.locationId);
  const taken: LocatedLine[] = [];
  const take = (candidates: LocatedLine[], wanted: number): number => {
    let left = wanted;
    for (const candidate of candidates) {
      const units = Math.min(left, candidate.quantity);
      if (units === 0) continue;
      candidate.quantity -= units;
      left -= units;
      const same = taken.find((t) => t.lineId === candidate.lineId && t.locationId === candidate.locationId);
      if (same) same.quantity += units;
      else taken.push({ ...candidate, quantity: units });
    }
    return left;
  };
  for (const line of shipment.lines) {
    const left = take(
      remaining.filter((r) => r.lineId === line.lineId && r.sku === line.sku),
      line.quantity,
    );
    take(
      remaining.filter((r) => r.lineId !== line.lineId && r.sku === line.sku),
      left,
    );
  }
  return taken;
}

/** The status after the commits: COMMITTED when the reservation holds nothing more, else PARTIALLY_COMMITTED. */
export function statusAfterCommits(
  allocations: readonly Allocation[],
  commits: readonly ShipmentCommit[],
): 'COMMITTED' | 'PARTIALLY_COMMITTED' {
  return remainingLines(allocations, commits).length === 0 ? 'COMMITTED' : 'PARTIALLY_COMMITTED';
}

/** The position steps of a shipment: per SKU (in first-seen order), units shipped and how many were held. */
export function shipmentSteps(shipment: ShippedGoods, held: readonly LocatedLine[]): ShipmentStep[] {
  const steps = new Map<string, ShipmentStep>();
  for (const line of shipment.lines) {
    const step = steps.get(line.sku) ?? { sku: line.sku, locationId: shipment.locationId, quantity: 0, fromHold: 0 };
    step.quantity += line.quantity;
    steps.set(line.sku, step);
  }
  for (const line of held) {
    const step = steps.get(line.sku);
    if (step) step.fromHold += line.quantity;
  }
  return [...steps.values()];
}

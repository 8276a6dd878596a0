import { sourcingRegion } from './regions.js';

/** A requested line: whole units of one SKU. */
export interface RequestedLine {
  lineId: string;
  sku: string;
  quantity: number;
}

/** What one location ships: parts of lines, in request order. */
export interface Allocation {
  locationId: string;
  lines: RequestedLine[];
}

/** Why a line cannot be served: what was asked and what the channel could promise for its SKU. */
export interface Shortage {
  lineId: string;
  sku: string;
  requested: number;
  available: number;
}

/** A location as sourcing sees it: its rank inputs and what it can promise per SKU (channel ATP). */
export interface SourcingLocation {
  id: string;
  region: string;
  /** 1 is tried first. */
  priority: number;
  /** Channel available-to-promise per SKU; missing SKUs count as 0. */
  stock: ReadonlyMap<string, number>;
}

/** Everything a strategy decides from; it reads no clock and no store. */
export interface SourcingRequest {
  lines: readonly RequestedLine[];
  /** The channel's eligible locations. */
  locations: readonly SourcingLocation[];
  shipToRegion: string | null;
  /** Most locations the order may ship from. */
  maxSplits: number;
  allowBackorder: boolean;
  /** Named in rejection reasons. */
  channel: string;
}

/** A plan (allocations, plus backorders where allowed) or a rejection naming the SKUs short. */
export type SourcingResult =
  | { ok: true; allocations: Allocation[]; backordered: RequestedLine[] }
  | { ok: false; reason: string; shortages: Shortage[] };

/** Decides where an order ships from. Implementations must be pure and deterministic. */
export interface SourcingStrategy {
  readonly name: string;
  source(request: SourcingRequest): SourcingResult;
}

/**
 * The default strategy: ship from as few locations as possible (one when one can fill every line), choosing
 * among equally small sets the one whose locations rank first — the ship-to region before others, then
 * priority, then id. Sets are enumerated exactly (C(n, k) for k up to maxSplits), which is cheap for the tens
 * of locations a channel has. When no set of at most `maxSplits` locations fills the order, the set that fills
 * the most units ships what it can and the rest is backordered where allowed; otherwise the order is rejected.
 */
export const fewestLocations: SourcingStrategy = {
  name: 'fewest-locations',
  source(request) {
    const ranked = rankLocations(request.locations, request.shipToRegion);
    const demand = demandBySku(request.lines);
    const largest = Math.min(Math.max(request.maxSplits, 1), ranked.length);
    for (let size = 1; size <= largest; size++) {
      for (const set of combinations(ranked, size)) {
        if (covered(set, demand) === total(demand))
          return { ok: true, allocations: allocate(request.lines, set).allocations, backordered: [] };
      }
    }
    let best: SourcingLocation[] = [];
    let bestUnits = 0;
    for (const set of largest > 0 ? combinations(ranked, largest) : []) {
      const units = covered(set, demand);
      if (units > bestUnits) [best, bestUnits] = [set, units];
    }
    const plan = allocate(request.lines, best);
    if (request.allowBackorder) return { ok: true, allocations: plan.allocations, backordered: plan.missing };
    return reject(request, plan.missing);
  },
};

/** Locations in preference order: in the ship-to region first (a state code counts as its region), then by priority, then by id. */
export function rankLocations(locations: readonly SourcingLocation[], shipToRegion: string | null): SourcingLocation[] {
  const region = sourcingRegion(shipToRegion);
  const key = (l: SourcingLocation) => (region !== null && l.region === region ? 0 : 1);
  return [...locations].sort(
    (a, b) => key(a) - key(b) || a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Every k-subset of `items`, in lexicographic order of positions (so higher-ranked sets come first). */
export function* combinations<T>(items: readonly T[], k: number): Generator<T[]> {
  const index = Array.from({ length: k }, (_, i) => i);
  if (k === 0 || k > items.length) return;
  for (;;) {
    yield index.map((i) => items[i]!);
    let i = k - 1;
    while (i >= 0 && index[i] === items.length - k + i) i--;
    if (i < 0) return;
    index[i]!++;
    for (let j = i + 1; j < k; j++) index[j] = index[j - 1]! + 1;
  }
}

/** Units wanted per SKU (lines of one SKU share its stock). */
function demandBySku(lines: readonly RequestedLine[]): Map<string, number> {
  const demand = new Map<string, number>();
  for (const line of lines) demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
  return demand;
}

function total(demand: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const units of demand.values()) sum += units;
  return sum;
}

/** Units of the demand that `set` can fill together. */
function covered(set: readonly SourcingLocation[], demand: ReadonlyMap<string, number>): number {
  let units = 0;
  for (const [sku, wanted] of demand)
    units += Math.min(
      wanted,
      set.reduce((sum, l) => sum + (l.stock.get(sku) ?? 0), 0),
    );
  return units;
}

/** Fills lines in request order from the set's locations in rank order; returns what stays unfilled. */
function allocate(
  lines: readonly RequestedLine[],
  set: readonly SourcingLocation[],
): { allocations: Allocation[]; missing: RequestedLine[] } {
  const left = new Map(set.map((l) => [l.id, new Map(l.stock)]));
  const byLocation = new Map<string, RequestedLine[]>();
  const missing: RequestedLine[] = [];
  for (const line of lines) {
    let remaining = line.quantity;
    for (const location of set) {
      const stock = left.get(location.id)!;
      const take = Math.min(remaining, stock.get(line.sku) ?? 0);
      if (take === 0) continue;
      stock.set(line.sku, (stock.get(line.sku) ?? 0) - take);
      byLocation.set(location.id, [
        ...(byLocation.get(location.id) ?? []),
        { lineId: line.lineId, sku: line.sku, quantity: take },
      ]);
      remaining -= take;
      if (remaining === 0) break;
    }
    if (remaining > 0) missing.push({ lineId: line.lineId, sku: line.sku, quantity: remaining });
  }
  const allocations = set
    .filter((l) => byLocation.has(l.id))
    .map((l) => ({ locationId: l.id, lines: byLocation.get(l.id)! }));
  return { allocations, missing };
}

/** The rejection: which SKUs are short, and whether stock is missing or only the split limit stands in the way. */
function reject(request: SourcingRequest, missing: readonly RequestedLine[]): SourcingResult {
  const atp = new Map<string, number>();
  for (const location of request.locations)
    for (const [sku, units] of location.stock) atp.set(sku, (atp.get(sku) ?? 0) + units);
  const demand = demandBySku(request.lines);
  const shortLines = request.lines.filter((line) => missing.some((m) => m.lineId === line.lineId));
  const shortages = shortLines.map((line) => ({
    lineId: line.lineId,
    sku: line.sku,
    requested: line.quantity,
    available: atp.get(line.sku) ?? 0,
  }));
  const skus = [...new Set(shortLines.map((line) => line.sku))];
  const outOfStock = skus.filter((sku) => (atp.get(sku) ?? 0) < (demand.get(sku) ?? 0));
  const reason =
    outOfStock.length > 0
      ? `Not enough stock on channel ${request.channel} for ${outOfStock.join(', ')}`
      : `${skus.join(', ')} cannot be shipped from at most ${request.maxSplits} location(s) on channel ${request.channel}`;
  return { ok: false, reason, shortages };
}

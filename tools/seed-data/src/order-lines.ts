import type { Customer } from './customers.js';
import { HOME_NODE_BY_REGION, LOCATIONS, locationById } from './locations.js';
import type { Rng } from './random.js';
import type { Channel, SeedPosition, SeedProduct } from './types.js';

/** What can be sold and where it sits: active products by SKU, and the in-stock active SKUs of each location. */
export interface Assortment {
  products: ReadonlyMap<string, SeedProduct>;
  stockedAt: ReadonlyMap<string, readonly string[]>;
  /** Active SKUs the whole network holds fewer than SHORT_STOCK units of, with that total. */
  shortStock: ReadonlyMap<string, number>;
}

/** An order line before ids exist; `sourceLocationId` is where sourcing would (or did) allocate it. */
export interface DraftLine {
  sku: string;
  quantity: number;
  unitPrice: string;
  sourceLocationId: string;
}

/** Most orders are one to three lines; a few restocking orders run to six. */
const LINE_COUNT_WEIGHTS = [
  [1, 30],
  [2, 25],
  [3, 18],
  [4, 12],
  [5, 8],
  [6, 7],
] as const;
/** Nodes that ship parcels to customers as a second source when the first cannot fill every line. */
const SECONDARY_NODES = ['dc-east', 'dc-central', 'dc-west', '3pl-dallas'];
/** Below this many units network-wide a SKU is short: a larger order line goes on backorder. */
const SHORT_STOCK = 20;
/** A node with fewer in-stock SKUs than the longest order cannot be an order's primary source. */
const MIN_NODE_ASSORTMENT = 6;

/** Indexes active products and, per location, the active SKUs it has on hand (sourcing skips empty bins). */
export function buildAssortment(products: readonly SeedProduct[], positions: readonly SeedPosition[]): Assortment {
  const active = new Map(
    products.filter((product) => product.status === 'ACTIVE').map((product) => [product.sku, product]),
  );
  const stockedAt = new Map<string, string[]>(LOCATIONS.map((location) => [location.id, []]));
  const networkOnHand = new Map<string, number>();
  for (const position of positions) {
    if (!active.has(position.sku)) continue;
    if (position.onHand > 0) stockedAt.get(position.locationId)?.push(position.sku);
    networkOnHand.set(position.sku, (networkOnHand.get(position.sku) ?? 0) + position.onHand);
  }
  const shortStock = new Map([...networkOnHand].filter(([, onHand]) => onHand < SHORT_STOCK));
  return { products: active, stockedAt, shortStock };
}

/**
 * Makes the first line of a backordered order ask for more than the whole network holds, which is what
 * put it on backorder. Leaves the lines alone if no SKU is that short.
 */
export function shortFirstLine(rng: Rng, assortment: Assortment, lines: readonly DraftLine[]): DraftLine[] {
  const [first, ...rest] = lines;
  const inOrder = new Set(lines.map((line) => line.sku));
  const candidates = [...assortment.shortStock].filter(([sku]) => !inOrder.has(sku));
  const product = candidates.length > 0 ? assortment.products.get(rng.pick(candidates)[0]) : undefined;
  if (!first || !product) return [...lines];
  const onHand = assortment.shortStock.get(product.sku) ?? 0;
  const quantity = Math.min(50, onHand + rng.int(1, 30));
  return [{ ...first, sku: product.sku, unitPrice: product.price, quantity }, ...rest];
}

/** Picks the ordering account: EDI is for enterprise accounts, store orders come from accounts near the store. */
export function chooseCustomer(
  rng: Rng,
  channel: Channel,
  customers: readonly Customer[],
  storeId: string | null,
): Customer {
  const enterprise = customers.filter((customer) => customer.segment === 'enterprise');
  const business = customers.filter((customer) => customer.segment === 'business');
  if (channel === 'EDI') return rng.pick(enterprise);
  if (channel === 'INSIDE_SALES' && rng.chance(0.3)) return rng.pick(enterprise);
  if (storeId !== null) {
    const storeRegion = locationById(storeId).region;
    const nearby = business.filter((customer) => customer.region === storeRegion);
    return rng.pick(nearby.length > 0 ? nearby : business);
  }
  return rng.pick(business);
}

/**
 * The node that fills the order: the store it was placed at, else the home node of the ship-to region (the
 * 3PL takes a share of marketplace volume, and some orders are balanced onto another DC).
 */
export function choosePrimary(
  rng: Rng,
  assortment: Assortment,
  channel: Channel,
  customer: Customer,
  storeId: string | null,
): string {
  const preferred =
    storeId ??
    (channel === 'MARKETPLACE' && rng.chance(0.4) ? '3pl-dallas' : null) ??
    (rng.chance(0.15) ? rng.pick(SECONDARY_NODES) : null) ??
    HOME_NODE_BY_REGION[customer.region] ??
    'dc-central';
  // Tiny catalogs (tests ask for a few dozen SKUs) can leave a node nearly empty: fill from the best-stocked one.
  if ((assortment.stockedAt.get(preferred)?.length ?? 0) >= MIN_NODE_ASSORTMENT) return preferred;
  const [best] = [...assortment.stockedAt].sort(([, a], [, b]) => b.length - a.length);
  return best?.[0] ?? preferred;
}

/** A second node for a split order: any parcel-shipping node other than the primary that has stock. */
export function chooseSecondary(rng: Rng, assortment: Assortment, primary: string): string {
  const candidates = SECONDARY_NODES.filter((id) => id !== primary && (assortment.stockedAt.get(id)?.length ?? 0) > 0);
  return rng.pick(candidates);
}

/** How many lines an order has; split orders need at least two. */
export function chooseLineCount(rng: Rng, split: boolean): number {
  const count = rng.weighted(LINE_COUNT_WEIGHTS);
  return split ? Math.max(2, count) : count;
}

/**
 * Picks distinct active SKUs for the lines. Unsplit orders take every SKU from the primary's stock; split
 * orders take one or more lines from the secondary, preferring SKUs the primary does not carry (that is
 * why sourcing splits).
 */
export function chooseLines(
  rng: Rng,
  assortment: Assortment,
  channel: Channel,
  count: number,
  primary: string,
  secondary: string | null,
): DraftLine[] {
  const primaryStock = assortment.stockedAt.get(primary) ?? [];
  const plan: { sku: string; source: string }[] = [];
  if (secondary !== null) {
    const secondaryStock = assortment.stockedAt.get(secondary) ?? [];
    const carried = new Set(primaryStock);
    const exclusive = secondaryStock.filter((sku) => !carried.has(sku));
    const fromSecondary = rng.sample(exclusive.length > 0 ? exclusive : secondaryStock, rng.int(1, count - 1));
    plan.push(...fromSecondary.map((sku) => ({ sku, source: secondary })));
  }
  const taken = new Set(plan.map((line) => line.sku));
  const fromPrimary = rng.sample(
    primaryStock.filter((sku) => !taken.has(sku)),
    count - plan.length,
  );
  plan.unshift(...fromPrimary.map((sku) => ({ sku, source: primary })));
  return plan.map(({ sku, source }) => {
    const product = assortment.products.get(sku);
    if (!product) throw new Error(`${sku} is not an active product`);
    return { sku, quantity: quantity(rng, channel), unitPrice: product.price, sourceLocationId: source };
  });
}

/** Units per line by channel: EDI restocks in case multiples, marketplace buyers take a few. */
function quantity(rng: Rng, channel: Channel): number {
  switch (channel) {
    case 'EDI':
      return rng.int(2, 10) * 5;
    case 'INSIDE_SALES':
      return rng.int(1, rng.pick([10, 24, 50]));
    case 'MARKETPLACE':
      return rng.int(1, rng.pick([2, 4, 6]));
    case 'STORE':
      return rng.int(1, rng.pick([4, 10, 20]));
    case 'WEB':
      return rng.int(1, rng.pick([3, 6, 12]));
  }
}

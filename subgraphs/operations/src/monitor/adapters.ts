import type { GroupHealth, StreamHealth } from '@fulfillment-mesh/events';
import type { Collection, Doc } from '@fulfillment-mesh/runtime';
import type { ExceptionKind } from '../models.js';

/**
 * The outbound adapters the mesh runs as consumer groups of the backbone, and what their failing means. Their
 * health is read from the same bus counters `/metrics` exports (processed, retried, dead-lettered, backlog), so
 * the graph and the dashboards cannot disagree.
 */
export interface AdapterGroup {
  /** Connector name shown to operators. */
  adapter: string;
  direction: 'OUTBOUND' | 'INBOUND';
  stream: string;
  group: string;
  /** The exception its stalled work raises; none for adapters whose failures only show as health. */
  kind?: ExceptionKind;
}

/** Every outbound adapter group of the mesh (see each subgraph's ADAPTERS.md). */
export const ADAPTER_GROUPS: readonly AdapterGroup[] = [
  {
    adapter: 'erp-sales-orders',
    direction: 'OUTBOUND',
    stream: 'orders',
    group: 'orders.erp',
    kind: 'ERP_POSTING_FAILED',
  },
  {
    adapter: 'erp-shipments',
    direction: 'OUTBOUND',
    stream: 'shipments',
    group: 'shipments.erp',
    kind: 'ERP_POSTING_FAILED',
  },
  { adapter: 'edi-855', direction: 'OUTBOUND', stream: 'orders', group: 'orders.edi-855' },
  { adapter: 'edi-856', direction: 'OUTBOUND', stream: 'shipments', group: 'shipments.edi-856' },
  // Inventory applying the order process (degraded-mode reservations, commits on confirmation).
  {
    adapter: 'inventory-updates-orders',
    direction: 'INBOUND',
    stream: 'orders',
    group: 'inventory',
    kind: 'INVENTORY_UPDATE_FAILED',
  },
  {
    adapter: 'inventory-updates-shipments',
    direction: 'INBOUND',
    stream: 'shipments',
    group: 'inventory',
    kind: 'INVENTORY_UPDATE_FAILED',
  },
];

/** What operators see per adapter (the schema's AdapterHealth). */
export interface AdapterHealth {
  adapter: string;
  direction: string;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  failuresLastHour: number;
  backlog: number;
}

/** One adapter's remembered counters: enough to tell when it last succeeded or failed and how often lately. */
export interface AdapterStateDoc extends Doc {
  direction: string;
  processed: number;
  failures: number;
  backlog: number;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  /** Failure counter samples of the last hour, oldest first. */
  window: { at: string; failures: number }[];
}

/**
 * One inbound connector (Shopify, WooCommerce, PIM, WMS, carriers, EDI, ERP files), folded from the
 * `<domain>.inbound.outcome` events its subgraph publishes: documents applied, failures, open dead letters.
 */
export interface InboundAdapterDoc extends Doc {
  domain: string;
  // Fields appear with the first outcome that sets them (upserts by $inc / $set / $push).
  processed?: number;
  failures?: number;
  /** Dead letters not resolved yet. */
  backlog?: number;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  /** Recent failure times, oldest first (the last 1,000). */
  failureTimes?: string[];
}

/** Reads adapter health for the graph. */
export interface AdapterHealthView {
  list(): Promise<AdapterHealth[]>;
}

const HOUR_MS = 60 * 60_000;

/** Failures a group has seen: retried runs plus dead letters (a retry is a failed run). */
export const groupFailures = (g: GroupHealth): number => g.counters.retried + g.counters.deadLettered;

/** Finds an adapter's group in a health report. */
export function findGroup(health: readonly StreamHealth[], spec: AdapterGroup): GroupHealth | undefined {
  return health.find((s) => s.stream === spec.stream)?.groups.find((g) => g.group === spec.group);
}

/** Folds one health sample into an adapter's state (pure: the sweeper writes the result). */
export function nextAdapterState(
  prev: AdapterStateDoc | null,
  spec: AdapterGroup,
  group: GroupHealth | undefined,
  now: Date,
): AdapterStateDoc {
  const at = now.toISOString();
  const processed = group?.counters.processed ?? prev?.processed ?? 0;
  const failures = group ? groupFailures(group) : (prev?.failures ?? 0);
  const since = now.getTime() - HOUR_MS;
  // Keep the hour's samples plus the last one before it: the baseline failures are counted from.
  const samples = [...(prev?.window ?? []), { at, failures }];
  const firstInHour = samples.findIndex((s) => Date.parse(s.at) >= since);
  const window = samples.slice(Math.max(0, firstInHour - 1));
  return {
    _id: spec.adapter,
    direction: spec.direction,
    processed,
    failures,
    backlog: group ? group.backlog + group.pending : 0,
    lastSuccessAt: prev && processed > prev.processed ? at : (prev?.lastSuccessAt ?? null),
    lastFailureAt: prev && failures > prev.failures ? at : (prev?.lastFailureAt ?? null),
    window,
  };
}

/** Failures within the last hour: the counter now minus the counter at the hour's baseline sample. */
export function failuresLastHour(state: AdapterStateDoc): number {
  const baseline = state.window[0];
  return baseline ? Math.max(0, state.failures - baseline.failures) : 0;
}

/**
 * The graph's view over the stored adapter states: every outbound group (adapters never seen yet report empty
 * health), then every inbound connector that has received something, by name.
 */
export function createAdapterHealthView(
  states: Collection<AdapterStateDoc>,
  inbound?: Collection<InboundAdapterDoc>,
  now: () => Date = () => new Date(),
): AdapterHealthView {
  return {
    async list() {
      const byId = new Map((await states.find({})).map((s) => [s._id, s]));
      const since = now().getTime() - HOUR_MS;
      const inboundRows = (inbound ? await inbound.find({}) : [])
        .sort((a, b) => a._id.localeCompare(b._id))
        .map((doc) => ({
          adapter: doc._id,
          direction: 'INBOUND',
          lastSuccessAt: doc.lastSuccessAt ?? null,
          lastFailureAt: doc.lastFailureAt ?? null,
          failuresLastHour: (doc.failureTimes ?? []).filter((at) => Date.parse(at) >= since).length,
          backlog: Math.max(0, doc.backlog ?? 0),
        }));
      return [...outbound(byId), ...inboundRows];
    },
  };

  function outbound(byId: Map<string, AdapterStateDoc>): AdapterHealth[] {
    {
      return ADAPTER_GROUPS.map((spec) => {
        const state = byId.get(spec.adapter);
        return {
          adapter: spec.adapter,
          direction: spec.direction,
          lastSuccessAt: state?.lastSuccessAt ?? null,
          lastFailureAt: state?.lastFailureAt ?? null,
          failuresLastHour: state ? failuresLastHour(state) : 0,
          backlog: state?.backlog ?? 0,
        };
      });
    }
  }
}

/** Folds one inbound outcome into its connector's state (an upsert update). */
export function inboundOutcomeUpdate(domain: string, data: { outcome: string; at: string }) {
  const failed = { $push: { failureTimes: { $each: [data.at], $slice: -1000 } } };
  switch (data.outcome) {
    case 'applied':
      return { $set: { domain, lastSuccessAt: data.at }, $inc: { processed: 1 } };
    case 'dead-lettered':
      return { $set: { domain, lastFailureAt: data.at }, $inc: { failures: 1, backlog: 1 }, ...failed };
    case 'failed-again':
      return { $set: { domain, lastFailureAt: data.at }, $inc: { failures: 1 }, ...failed };
    default:
      return { $set: { domain }, $inc: { backlog: -1 } };
  }
}

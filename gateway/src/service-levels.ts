import type { IncomingMessage } from 'node:http';
import { clientErrorOf, httpStatusOf, sendJson, type RouteHandler } from '@fulfillment-mesh/runtime';
import type { Histogram } from 'prom-client';

/** A subgraph's declared owner and SLA (mesh.manifest.json); both optional. */
export interface ServiceLevelEntry {
  name: string;
  owner?: { team: string; contact: string } | undefined;
  sla?: { availability: string; p99LatencyMs: number } | undefined;
}

/** One row of `GET /admin/service-levels`. */
export interface ServiceLevel extends ServiceLevelEntry {
  /** Measured by this gateway since it started: fetches and their p99 (ms, null before the first fetch). */
  measured: { fetches: number; p99Ms: number | null };
  /** p99 within the SLA's target; null when either is unknown. */
  withinTarget: boolean | null;
}

/**
 * The p99 of one subgraph's fetches from `fm_subgraph_fetch_duration_seconds`, all outcomes together, the way
 * Prometheus' histogram_quantile estimates it: linear within the bucket holding the 99th percentile (the upper
 * bound of the last finite bucket when it lies in +Inf).
 */
export function p99FromBuckets(buckets: { le: number; count: number }[]): { fetches: number; p99Ms: number | null } {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return { fetches: 0, p99Ms: null };
  const rank = 0.99 * total;
  let lowerLe = 0;
  let lowerCount = 0;
  for (const { le, count } of sorted) {
    if (count >= rank) {
      if (!Number.isFinite(le)) return { fetches: total, p99Ms: round(lowerLe * 1000) };
      const within = count === lowerCount ? 1 : (rank - lowerCount) / (count - lowerCount);
      return { fetches: total, p99Ms: round((lowerLe + (le - lowerLe) * within) * 1000) };
    }
    lowerLe = le;
    lowerCount = count;
  }
  return { fetches: total, p99Ms: round(lowerLe * 1000) };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Each subgraph's owner and SLA next to the p99 this gateway measured, from the fetch histogram. */
export async function serviceLevels(
  entries: readonly ServiceLevelEntry[],
  histogram: Histogram<'subgraph' | 'status'>,
): Promise<ServiceLevel[]> {
  const { values } = await histogram.get();
  return entries.map((entry) => {
    // Cumulative bucket counts summed over outcomes (ok, graphql_error, error).
    const byLe = new Map<number, number>();
    for (const v of values) {
      if (v.metricName !== 'fm_subgraph_fetch_duration_seconds_bucket' || v.labels.subgraph !== entry.name) continue;
      const bound = (v.labels as { le?: string | number }).le;
      const le = bound === '+Inf' ? Infinity : Number(bound);
      byLe.set(le, (byLe.get(le) ?? 0) + v.value);
    }
    const measured = p99FromBuckets([...byLe].map(([le, count]) => ({ le, count })));
    const target = entry.sla?.p99LatencyMs;
    return {
      name: entry.name,
      ...(entry.owner ? { owner: entry.owner } : {}),
      ...(entry.sla ? { sla: entry.sla } : {}),
      measured,
      withinTarget: target === undefined || measured.p99Ms === null ? null : measured.p99Ms <= target,
    };
  });
}

/** `GET /admin/service-levels` (scope `operations:read`): {@link serviceLevels} as JSON, for the console. */
export function serviceLevelsRoute(
  entries: readonly ServiceLevelEntry[],
  histogram: Histogram<'subgraph' | 'status'>,
  guard: (req: IncomingMessage) => Promise<{ scopes: string[] } | undefined>,
): RouteHandler {
  return async (req, res) => {
    let scopes: string[] | undefined;
    try {
      scopes = (await guard(req))?.scopes;
    } catch (error) {
      const refusal = clientErrorOf(error);
      if (!refusal) throw error;
      return sendJson(res, httpStatusOf(refusal.code), {
        errors: [{ message: refusal.message, extensions: { code: refusal.code } }],
      });
    }
    if (!scopes?.includes('operations:read'))
      return sendJson(res, 403, {
        errors: [
          {
            message: 'The operations:read scope is required to read service levels',
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
    return sendJson(res, 200, { subgraphs: await serviceLevels(entries, histogram) });
  };
}

import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { p99FromBuckets, serviceLevels } from '../src/service-levels.js';

const histogram = () =>
  new Histogram({
    name: 'fm_subgraph_fetch_duration_seconds',
    help: 'test',
    labelNames: ['subgraph', 'status'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5],
    registers: [new Registry()],
  });

describe('service levels against measured latency', () => {
  it('estimates p99 inside the bucket that holds it, as histogram_quantile does', () => {
    // 100 fetches: 90 under 10 ms, 9 more under 50 ms, the last under 100 ms → rank 99 is the last of the 50 ms bucket.
    expect(
      p99FromBuckets([
        { le: 0.01, count: 90 },
        { le: 0.05, count: 99 },
        { le: 0.1, count: 100 },
        { le: Infinity, count: 100 },
      ]),
    ).toEqual({ fetches: 100, p99Ms: 50 });
    expect(p99FromBuckets([{ le: Infinity, count: 0 }])).toEqual({ fetches: 0, p99Ms: null });
  });

  it('reports each subgraph with its owner and SLA, its p99 over all outcomes, and whether it is within target', async () => {
    const h = histogram();
    for (let i = 0; i < 98; i++) h.observe({ subgraph: 'catalog', status: 'ok' }, 0.004);
    h.observe({ subgraph: 'catalog', status: 'error' }, 0.3);
    h.observe({ subgraph: 'catalog', status: 'graphql_error' }, 0.3);
    for (let i = 0; i < 10; i++) h.observe({ subgraph: 'orders', status: 'ok' }, 0.02);
    const owner = { team: 'Catalog team', contact: 'catalog@example.test' };
    const levels = await serviceLevels(
      [
        { name: 'catalog', owner, sla: { availability: '99.9%', p99LatencyMs: 150 } },
        { name: 'orders', sla: { availability: '99.9%', p99LatencyMs: 500 } },
        { name: 'shipments', sla: { availability: '99.9%', p99LatencyMs: 300 } },
        { name: 'operations' },
      ],
      h,
    );
    expect(levels).toEqual([
      // rank 99 of 100 falls in (0.1, 0.5]: 98 below, 2 inside → 0.1 + 0.4 × (99 − 98) / 2 = 0.3 s, over 150 ms.
      {
        name: 'catalog',
        owner,
        sla: { availability: '99.9%', p99LatencyMs: 150 },
        measured: { fetches: 100, p99Ms: 300 },
        withinTarget: false,
      },
      {
        name: 'orders',
        sla: { availability: '99.9%', p99LatencyMs: 500 },
        measured: { fetches: 10, p99Ms: 49.6 },
        withinTarget: true,
      },
      {
        name: 'shipments',
        sla: { availability: '99.9%', p99LatencyMs: 300 },
        measured: { fetches: 0, p99Ms: null },
        withinTarget: null,
      },
      { name: 'operations', measured: { fetches: 0, p99Ms: null }, withinTarget: null },
    ]);
  });
});

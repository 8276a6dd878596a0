import type { GraphQLDataSource } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { EventEnvelope } from '@fulfillment-mesh/events';
import { clientErrorOf, httpStatusOf, sendJson, type RouteHandler } from '@fulfillment-mesh/runtime';
import type { DocumentNode } from 'graphql';
import type { GatewayContext } from '../context.js';
import { ReadPathDataSource, isPublic, type RequestStates } from './datasource.js';
import { createInFlightDedup, type DedupStats } from './dedup.js';
import { createEntityCache, type EntityCache, type EntityCacheOptions, type EntityCacheStats } from './entity-cache.js';
import { createUndiciFetcher, type SubgraphFetcher, type UndiciFetcherOptions } from './fetcher.js';

export { createUndiciFetcher, type SubgraphFetcher, type UndiciFetcherOptions } from './fetcher.js';
export { DEFAULT_FIELD_MAX_AGE_MS, type EntityCacheOptions, type EntityCacheStats } from './entity-cache.js';

/** Scopes of a public caller: reading products and stock, and placing orders (a write scope reads nothing). */
export const DEFAULT_PUBLIC_SCOPES: readonly string[] = ['catalog:read', 'inventory:read', 'orders:write'];

/** How the gateway reads: the fetcher, in-flight sharing, the entity cache and the parse/plan caches. */
export interface ReadPathOptions {
  /** Keep-alive pool toward the subgraphs; `false` keeps Apollo's default fetcher (benchmarks compare both). */
  fetcher?: UndiciFetcherOptions | false;
  /** Share identical query fetches in flight between requests of the same identity; default on. */
  dedup?: boolean;
  /**
   * The public entity cache (needs the subscription event tail, which invalidates it); on by default, `false`
   * turns it off. Its specs (test/readpath.e2e.test.ts): identity separation, cross-instance eviction by events,
   * read-your-writes on the forwarding instance, tail-loss bypass.
   */
  entityCache?: (EntityCacheOptions & { publicScopes?: readonly string[]; subgraphs?: readonly string[] }) | false;
  /** Parsed and validated documents kept (Apollo Server's document store); default 16 MiB (approximate). */
  documentCacheBytes?: number;
  /** Query plans kept by @apollo/gateway; default 16 MiB (approximate). */
  queryPlanCacheMiB?: number;
}

/** The operators' view of the read path (`GET /admin/cache`). */
export interface ReadPathStats {
  entityCache: EntityCacheStats | null;
  dedup: DedupStats | null;
  documents: { hits: number; misses: number; maxBytes: number };
  queryPlanCacheMiB: number;
}

/** The pieces `createGateway` wires in. */
export interface ReadPath {
  fetcher: SubgraphFetcher | undefined;
  wrap(name: string, source: GraphQLDataSource<GatewayContext>): GraphQLDataSource<GatewayContext>;
  plugin: ApolloServerPlugin<GatewayContext>;
  documentStore: KeyValueCache<DocumentNode>;
  queryPlanCacheMiB: number;
  /** Feeds the cache from the subscription tail; undefined when the cache is off. */
  tailObserver:
    | {
        streams: readonly string[];
        onEvent(event: EventEnvelope, stream: string): void;
        onTailState(ready: boolean): void;
      }
    | undefined;
  stats(): ReadPathStats;
  prometheus(): string;
  close(): Promise<void>;
}

/** Builds the read path; `withTail` says whether an event tail exists (without one nothing is cached). */
export function createReadPath(options: ReadPathOptions = {}, withTail: boolean): ReadPath {
  const fetcher = options.fetcher === false ? undefined : createUndiciFetcher(options.fetcher ?? {});
  const dedup = options.dedup === false ? undefined : createInFlightDedup();
  const cacheOptions = options.entityCache === false || !withTail ? undefined : (options.entityCache ?? {});
  const cache: EntityCache | undefined = cacheOptions ? createEntityCache(cacheOptions) : undefined;
  // Write scopes grant no read: a storefront (which may place orders) reads what every public caller reads.
  const publicScopes = new Set(cacheOptions?.publicScopes ?? DEFAULT_PUBLIC_SCOPES);
  const policy = cache
    ? {
        cache,
        publicScopes,
        subgraphs: new Set(cacheOptions?.subgraphs ?? ['catalog', 'inventory']),
        productRootFields: new Set(['product']),
      }
    : undefined;
  const states: RequestStates = new WeakMap();
  const writes = { epoch: 0 };
  const documentCacheBytes = options.documentCacheBytes ?? 16 * 1024 * 1024; // 16 MiB
  const documents = countingCache(new InMemoryLRUCache<DocumentNode>({ maxSize: documentCacheBytes }));

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!cache) return;
          const state = states.get(contextValue);
          const headers = response.http.headers;
          const client = contextValue.client;
          if (state && !state.uncacheable && state.fetches > 0 && isPublic(client, publicScopes)) {
            const now = Date.now();
            // max-age is the shortest freshness bound left: downstream caches see no events, so they get no more.
            const maxAge = Math.max(0, Math.floor(((state.freshUntil ?? now) - now) / 1000));
            headers.set('cache-control', `public, max-age=${maxAge}`);
            headers.set('age', String(Math.max(0, Math.floor((now - (state.oldestStoredAt ?? now)) / 1000))));
          } else {
            headers.set('cache-control', isPublic(client, publicScopes) ? 'no-store' : 'private, no-store');
          }
        },
      };
    },
  };

  return {
    fetcher,
    wrap: (name, source) =>
      dedup || policy ? new ReadPathDataSource(name, source, { dedup, policy, states, writes }) : source,
    plugin,
    documentStore: documents.store,
    queryPlanCacheMiB: options.queryPlanCacheMiB ?? 16, // MiB
    tailObserver: cache
      ? {
          streams: cache.streams,
          onEvent: (event, stream) => cache.onEvent(event, stream),
          onTailState: (ready) => cache.onTailState(ready),
        }
      : undefined,
    stats: () => ({
      entityCache: cache?.stats() ?? null,
      dedup: dedup?.stats() ?? null,
      documents: { ...documents.counts, maxBytes: documentCacheBytes },
      queryPlanCacheMiB: options.queryPlanCacheMiB ?? 16,
    }),
    prometheus() {
      const lines: string[] = [];
      const metric = (name: string, type: 'gauge' | 'counter', help: string, value: number) => {
        lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
      };
      const c = cache?.stats();
      if (c) {
        metric('fm_gateway_entity_cache_entries', 'gauge', 'Entries in the public entity cache.', c.entries);
        metric('fm_gateway_entity_cache_bytes', 'gauge', 'JSON bytes held by the public entity cache.', c.bytes);
        metric(
          'fm_gateway_entity_cache_serving',
          'gauge',
          '1 while the event tail is positioned and the cache serves.',
          c.serving ? 1 : 0,
        );
        metric(
          'fm_gateway_entity_cache_hits_total',
          'counter',
          'Subgraph fetches served from the entity cache.',
          c.hits,
        );
        metric(
          'fm_gateway_entity_cache_misses_total',
          'counter',
          'Cacheable subgraph fetches that went to the subgraph.',
          c.misses,
        );
        metric(
          'fm_gateway_entity_cache_bypassed_total',
          'counter',
          'Cacheable fetches sent past the cache while the tail was down.',
          c.bypassed,
        );
        metric(
          'fm_gateway_entity_cache_evicted_by_events_total',
          'counter',
          'Entries evicted by domain events.',
          c.evictedByEvents,
        );
        metric(
          'fm_gateway_entity_cache_evicted_by_size_total',
          'counter',
          'Entries pushed out by the LRU bound.',
          c.evictedBySize,
        );
        metric(
          'fm_gateway_entity_cache_invalidation_p99_ms',
          'gauge',
          'Commit to eviction, p99 of the last 1,024 events.',
          c.invalidationMs.p99,
        );
      }
      const d = dedup?.stats();
      if (d)
        metric(
          'fm_gateway_fetches_deduplicated_total',
          'counter',
          'Subgraph fetches that joined an identical one in flight.',
          d.joined,
        );
      metric(
        'fm_gateway_document_cache_hits_total',
        'counter',
        'Parsed and validated documents reused.',
        documents.counts.hits,
      );
      metric(
        'fm_gateway_document_cache_misses_total',
        'counter',
        'Documents parsed and validated.',
        documents.counts.misses,
      );
      return `${lines.join('\n')}\n`;
    },
    close: async () => fetcher?.close(),
  };
}

/** `GET /admin/cache`: the read path's stats for a caller holding `operations:read`. */
export function cacheStatsRoute(
  readPath: ReadPath,
  guard: (req: import('node:http').IncomingMessage) => Promise<{ scopes: string[] } | undefined>,
): RouteHandler {
  return async (req, res) => {
    let scopes: string[] | undefined;
    try {
      scopes = (await guard(req))?.scopes;
    } catch (error) {
      // The one error mapping (runtime errors.ts): a refusal keeps its code and status; anything else is a failure.
      const refusal = clientErrorOf(error);
      if (!refusal) throw error;
      const body = { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] };
      return sendJson(res, httpStatusOf(refusal.code), body);
    }
    if (!scopes?.includes('operations:read')) {
      return sendJson(res, 403, {
        errors: [
          {
            message: 'The operations:read scope is required to read the cache stats',
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
    }
    return sendJson(res, 200, readPath.stats());
  };
}

function countingCache(inner: InMemoryLRUCache<DocumentNode>) {
  const counts = { hits: 0, misses: 0 };
  const store: KeyValueCache<DocumentNode> = {
    async get(key) {
      const value = await inner.get(key);
      if (value === undefined) counts.misses++;
      else counts.hits++;
      return value;
    },
    set: (key, value, options) => inner.set(key, value, options),
    delete: (key) => inner.delete(key),
  };
  return { store, counts };
}

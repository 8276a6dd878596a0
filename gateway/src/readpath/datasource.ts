import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Client } from '@fulfillment-mesh/access';
import { Kind, parse, type DocumentNode, type OperationTypeNode, type ValueNode } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { InFlightDedup } from './dedup.js';
import type { EntityCache } from './entity-cache.js';
import { productTag } from './entity-cache.js';
import type { SubgraphResponse } from './types.js';

/** Which fetches the public entity cache may hold; shared by every subgraph's wrapper. */
export interface CachePolicy {
  cache: EntityCache;
  /** Subgraphs whose entity fetches are cached; default catalog and inventory. */
  subgraphs: ReadonlySet<string>;
  /** A caller holding only these scopes (and no partner) is public: it sees what every public caller sees. */
  publicScopes: ReadonlySet<string>;
  /** Root fields that fetch one product by `sku` (e.g. catalog's `product(sku:)`), cached like entity fetches. */
  productRootFields: ReadonlySet<string>;
}

/** What one client request did with the cache, for its Cache-Control and Age headers. */
export interface RequestCacheState {
  fetches: number;
  /** A fetch of this request could not be cached (private caller, list field, mutation, tail down). */
  uncacheable: boolean;
  /** Oldest cached entry served (ms epoch), for Age. */
  oldestStoredAt?: number;
  /** When the first entry this response is built from stops being fresh (ms epoch), for max-age. */
  freshUntil?: number;
}

/** Per-request cache state by GraphQL context object (read by the headers plugin). */
export type RequestStates = WeakMap<object, RequestCacheState>;

interface FetchShape {
  operation: OperationTypeNode;
  /** Every field name selected anywhere in the document (freshness bounds). */
  fields: Set<string>;
  /** Root selections: `_entities`, `__typename` or a field with its `sku` argument. */
  roots: { name: string; sku?: ValueNode }[];
}

/**
 * Wraps a subgraph's data source (Apollo's fetch, identity header, error mapping all stay inside it) with the read
 * path: public product fetches of catalog and inventory come from the event-invalidated cache, and identical
 * query fetches in flight at the same time go out once per identity. Mutations, and every fetch of a request
 * whose operation is a mutation, pass straight through.
 */
export class ReadPathDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly shapes = new Map<string, FetchShape>();

  constructor(
    private readonly name: string,
    private readonly inner: GraphQLDataSource<GatewayContext>,
    private readonly deps: {
      dedup?: InFlightDedup | undefined;
      policy?: CachePolicy | undefined;
      states: RequestStates;
      /** Bumped by every mutation this gateway forwards: a read after it never joins a fetch sent before it. */
      writes: { epoch: number };
    },
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    // Health checks and schema loads carry no incoming request: nothing to share or cache.
    if (!('incomingRequestContext' in options) || !options.request.query) return this.inner.process(options);
    const { request, context } = options;
    const state = this.stateOf(context);
    const shape = this.shapeOf(request.query!, options.document);
    if (options.incomingRequestContext.operation?.operation !== 'query' || shape.operation !== 'query') {
      state.uncacheable = true;
      if (shape.operation !== 'mutation') return this.inner.process(options);
      return this.afterWrite(request.variables, await this.inner.process(options));
    }
    const variables = JSON.stringify(request.variables ?? {});
    const policy = this.deps.policy;
    const tags = policy ? this.cacheTags(policy, context.client, shape, request.variables) : undefined;
    if (!policy || !tags) {
      state.uncacheable = true;
      return this.fetch(options, `${identityKey(context.client)}\u0000${request.query}\u0000${variables}`);
    }
    const { cache } = policy;
    const key = `${this.name}\u0000${[...(context.client?.scopes ?? [])].sort().join(' ')}\u0000${request.query}\u0000${variables}`;
    if (!cache.serving()) {
      cache.bypass();
      state.uncacheable = true;
      return this.fetch(options, `${identityKey(context.client)}\u0000${request.query}\u0000${variables}`);
    }
    const hit = cache.lookup(key);
    if (hit) {
      state.oldestStoredAt = Math.min(state.oldestStoredAt ?? Infinity, hit.storedAt);
      state.freshUntil = Math.min(state.freshUntil ?? Infinity, hit.expiresAt);
      return JSON.parse(hit.text) as SubgraphResponse;
    }
    const epoch = cache.epoch();
    const response = await this.fetch(options, key);
    if (!response.errors?.length && response.data)
      cache.store(key, JSON.stringify({ ...response, http: undefined }), tags, shape.fields, epoch);
    state.freshUntil = Math.min(state.freshUntil ?? Infinity, Date.now() + cache.maxAgeFor(shape.fields));
    return response;
  }

  /**
   * Read-your-writes on this instance: the products a mutation names (in its variables or its result) are evicted
   * as soon as it returns, before its event comes back through the tail; a mutation naming none flushes all.
   */
  private afterWrite(variables: Record<string, unknown> | undefined, response: SubgraphResponse): SubgraphResponse {
    this.deps.writes.epoch++;
    this.deps.policy?.cache.evictWritten([variables, response.data]);
    return response;
  }

  private fetch(options: GraphQLDataSourceProcessOptions<GatewayContext>, key: string): Promise<SubgraphResponse> {
    const dedup = this.deps.dedup;
    // Without a verified client the gateway cannot tell two callers apart (open gateway): nothing is shared.
    if (!dedup || !options.context.client) return this.inner.process(options);
    const epoch = (this.deps.policy?.cache.epoch() ?? 0) + this.deps.writes.epoch; // both only grow
    return dedup.run(`${this.name}\u0000${key}`, epoch, () => this.inner.process(options));
  }

  private stateOf(context: GatewayContext): RequestCacheState {
    let state = this.deps.states.get(context);
    if (!state) this.deps.states.set(context, (state = { fetches: 0, uncacheable: false }));
    state.fetches++;
    return state;
  }

  /** The product tags of a cacheable fetch, or undefined when it may not be cached. */
  private cacheTags(
    policy: CachePolicy,
    client: Client | undefined,
    shape: FetchShape,
    variables: Record<string, unknown> | undefined,
  ) {
    if (!policy.subgraphs.has(this.name) || !isPublic(client, policy.publicScopes)) return undefined;
    const tags: string[] = [];
    for (const root of shape.roots) {
      if (root.name === '__typename') continue;
      if (root.name === '_entities') {
        const representations = variables?.representations;
        if (!Array.isArray(representations) || representations.length === 0) return undefined;
        for (const r of representations as { __typename?: unknown; sku?: unknown }[]) {
          if (r?.__typename !== 'Product' || typeof r.sku !== 'string') return undefined;
          tags.push(productTag(r.sku));
        }
        continue;
      }
      // A list or any other root field can change membership without naming a product: not cached.
      if (!policy.productRootFields.has(root.name) || !root.sku) return undefined;
      const sku =
        root.sku.kind === Kind.VARIABLE
          ? variables?.[root.sku.name.value]
          : root.sku.kind === Kind.STRING
            ? root.sku.value
            : undefined;
      if (typeof sku !== 'string') return undefined;
      tags.push(productTag(sku));
    }
    return tags.length > 0 ? tags : undefined;
  }

  private shapeOf(query: string, document: DocumentNode | undefined): FetchShape {
    let shape = this.shapes.get(query);
    if (shape) return shape;
    const doc = document ?? parse(query);
    const operation = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    const fields = new Set<string>();
    const roots: FetchShape['roots'] = [];
    const walk = (selections: readonly import('graphql').SelectionNode[], root: boolean) => {
      for (const selection of selections) {
        if (selection.kind === Kind.FIELD) {
          fields.add(selection.name.value);
          if (root) {
            const sku = selection.arguments?.find((a) => a.name.value === 'sku')?.value;
            roots.push({ name: selection.name.value, ...(sku ? { sku } : {}) });
          }
          if (selection.selectionSet) walk(selection.selectionSet.selections, false);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          walk(selection.selectionSet.selections, root);
        } else {
          roots.push({ name: '(fragment spread)' }); // named fragments: never cached (the planner does not emit them)
        }
      }
    };
    if (operation) walk(operation.selectionSet.selections, true);
    shape = { operation: operation?.operation ?? ('query' as OperationTypeNode), fields, roots };
    // The planner emits one document per plan node, so this stays as small as the query-plan cache.
    if (this.shapes.size >= 5_000) this.shapes.clear();
    this.shapes.set(query, shape);
    return shape;
  }
}

/** Who is asking, for in-flight sharing: never shared between different clients, kinds, partners or scopes. */
export function identityKey(client: Client | undefined): string {
  if (!client) return '';
  return [
    client.kind,
    client.id,
    client.partnerId ?? '',
    client.anonymous ? 'anonymous' : '',
    [...client.scopes].sort().join(' '),
  ].join('|');
}

/** A caller that sees only public data: no partner ownership rules and no scope beyond the public ones. */
export function isPublic(client: Client | undefined, publicScopes: ReadonlySet<string>): boolean {
  return (
    client !== undefined &&
    client.partnerId === undefined &&
    client.kind !== 'partner' &&
    client.scopes.every((s) => publicScopes.has(s))
  );
}

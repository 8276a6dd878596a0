import { resolvePersistedRequest, tenantOf, type Client } from '@fulfillment-mesh/access';
import type { EventBus } from '@fulfillment-mesh/events';
import { GraphQLError } from 'graphql';
import type { GatewayAccess } from './access.js';
import { loadSubscriptionManifest, type SubscriptionOptions } from './subscriptions/index.js';

/**
 * The mesh's subscriptions: fed by `bus`, declared in subscriptions.manifest.json, authenticated with the same
 * identity model as HTTP (graphql-ws `connectionParams` `{ "x-api-key" }` / `{ authorization }`, or the SSE
 * request's headers), and hydrated with the subscriber's identity so subgraphs authorize every field as for a query.
 */
export function meshSubscriptions(deps: { bus: EventBus; root: string; access: GatewayAccess }): SubscriptionOptions<Client> {
  return {
    bus: deps.bus,
    manifest: loadSubscriptionManifest(deps.root),
    // inventory.position.adjusted does not say which location kind it happened at, so every location counts
    // for every channel here; the channel's own ATP is what `product { availability(channel:) }` resolves.
    filters: { inventoryChannel: () => true },
    authenticate: async (params, req) =>
      (await deps.access.guard(params && Object.keys(params).length > 0 ? params : req.headers, req.socket.remoteAddress)).client,
    context: async ({ identity, requestId, logger }) => ({ requestId, logger, ...(identity ? { client: identity } : {}) }),
    // The rules of HTTP on both socket transports: partners run only their registered operations ...
    resolveDocument: async (identity, request) => {
      if (identity) {
        const resolution = await resolvePersistedRequest(identity, request, { registry: deps.access.manifests });
        if (resolution.kind === 'registered') return { query: resolution.query, hash: resolution.hash };
      }
      if (typeof request.query === 'string' && request.query !== '') return { query: request.query };
      throw new GraphQLError('Send a query, or the documentId of a registered operation', { extensions: { code: 'BAD_REQUEST' } });
    },
    // ... and see only their own customer's events (the manifest's `owner`), filtered before any hydration.
    tenantOf,
  };
}

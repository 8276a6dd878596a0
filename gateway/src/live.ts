import { resolvePersistedRequest, tenantOf, type Client } from '@fulfillment-mesh/access';
import type { EventBus, EventEnvelope } from '@fulfillment-mesh/events';
import { GraphQLError } from 'graphql';
import type { GatewayAccess } from './access.js';
import { loadSubscriptionManifest, type SubscriptionOptions } from './subscriptions/index.js';

/**
 * The mesh's subscriptions: fed by `bus`, declared in subscriptions.manifest.json, authenticated with the same
 * identity model as HTTP (graphql-ws `connectionParams` `{ "x-api-key" }` / `{ authorization }`, or the SSE
 * request's headers), and hydrated with the subscriber's identity so subgraphs authorize every field as for a query.
 */
export function meshSubscriptions(deps: {
  bus: EventBus;
  root: string;
  access: GatewayAccess;
}): SubscriptionOptions<Client> {
  return {
    bus: deps.bus,
    manifest: loadSubscriptionManifest(deps.root),
    filters: { inventoryChannel },
    authenticate: async (params, req) =>
      (
        await deps.access.guard(
          params && Object.keys(params).length > 0 ? params : req.headers,
          req.socket.remoteAddress,
        )
      ).client,
    context: async ({ identity, requestId, logger }) => ({
      requestId,
      logger,
      ...(identity ? { client: identity } : {}),
    }),
    // The rules of HTTP on both socket transports: partners run only their registered operations ...
    resolveDocument: async (identity, request) => {
      if (identity) {
        const resolution = await resolvePersistedRequest(identity, request, { registry: deps.access.manifests });
        if (resolution.kind === 'registered') return { query: resolution.query, hash: resolution.hash };
      }
      if (typeof request.query === 'string' && request.query !== '') return { query: request.query };
      throw new GraphQLError('Send a query, or the documentId of a registered operation', {
        extensions: { code: 'BAD_REQUEST' },
      });
    },
    // ... and see only their own customer's events (the manifest's `owner`), filtered before any hydration.
    tenantOf,
  };
}

/**
 * `inventoryChanged(channel:)`: a change reaches the subscriber when the channel may ship from its location
 * (`channels` of inventory.position.adjusted, decided by inventory's channel rules). Ledger entries written before
 * inventory named the channels carry none; they reach every channel, as they always did.
 */
export function inventoryChannel(value: unknown, event: EventEnvelope): boolean {
  const channels = (event.data as { channels?: unknown } | null)?.channels;
  return !Array.isArray(channels) || channels.includes(value);
}

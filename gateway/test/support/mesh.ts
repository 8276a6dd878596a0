import { randomUUID } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import type { EventBus, EventEnvelope } from '@fulfillment-mesh/events';
import { createLogger, type HttpService, type Logger } from '@fulfillment-mesh/runtime';
import { parse } from 'graphql';
import { createGateway } from '../../src/server.js';
import { parseSubscriptionManifest, type SubscriptionManifest } from '../../src/subscriptions/manifest.js';
import type { SubscriptionOptions } from '../../src/subscriptions/index.js';
import { serveFixtureSubgraphs, type FixtureCounters } from './subgraphs.js';

/** The fixture manifest: the same shape as subscriptions.manifest.json, for the fixture subgraphs. */
export const FIXTURE_MANIFEST: SubscriptionManifest = parseSubscriptionManifest({
  resumeArgument: 'after',
  subscriptions: {
    stockChanged: {
      stream: 'stock',
      events: ['stock.position.adjusted'],
      filters: { skus: '$.data.sku', locationIds: '$.data.locationId', zone: { custom: 'zone' } },
      hydration: { field: 'stockChangePayload', argument: 'event' },
      payload: {
        sku: '$.data.sku',
        locationId: '$.data.locationId',
        reason: '$.data.reason',
        onHand: '$.data.resulting.onHand',
        product: { sku: '$.data.sku' },
      },
    },
    parcelUpdated: {
      stream: 'parcels',
      events: ['parcels.parcel.created', 'parcels.milestone.recorded'],
      filters: { parcelId: '$.data.parcelId' },
      hydration: { field: 'parcelUpdatePayload', argument: 'event' },
      payload: { parcelId: '$.data.parcelId', status: '$.data.status' },
      payloadByType: { 'parcels.parcel.created': { status: 'PENDING' } },
    },
  },
});

/** A test identity: the `context` hook turns its role into the request id prefix the catalog fixture checks. */
export interface TestIdentity {
  user: string;
  role: 'admin' | 'guest';
}

/** The custom `zone` filter: locations are named `<zone>-<n>`. */
export const zoneFilter = (value: unknown, event: EventEnvelope) =>
  String((event.data as { locationId?: string }).locationId ?? '').startsWith(`${String(value)}-`);

/** Fixture subgraphs (shared) and any number of gateways over them. */
export interface TestMesh {
  counters: FixtureCounters;
  supergraphSdl: string;
  subgraphs: { name: string; url: string }[];
  /** Starts a gateway on a random port over `bus`. */
  startGateway(bus: EventBus, options?: Partial<SubscriptionOptions<TestIdentity>>): Promise<TestGateway>;
  close(): Promise<void>;
}

/** A running gateway of a {@link TestMesh}. */
export interface TestGateway {
  httpUrl: string;
  wsUrl: string;
  sseUrl: string;
  gateway: ReturnType<typeof createGateway<TestIdentity>>;
  service: HttpService;
  close(): Promise<void>;
}

/** Serves the fixture subgraphs and composes their supergraph in process. */
export async function startTestMesh(
  logger: Logger = createLogger({ service: 'gateway-test', level: 'silent' }),
): Promise<TestMesh> {
  const counters: FixtureCounters = { stockEcho: 0, parcelEcho: 0, catalogEntities: 0 };
  const served = await serveFixtureSubgraphs(counters);
  const composed = composeServices(served.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const supergraphSdl = composed.supergraphSdl;
  const gateways = new Set<TestGateway>();
  return {
    counters,
    supergraphSdl,
    subgraphs: served.map(({ name, url }) => ({ name, url })),
    async startGateway(bus, options = {}) {
      const gateway = createGateway<TestIdentity>({
        subgraphs: served.map(({ name, url }) => ({ name, url })),
        supergraphSdl,
        logger,
        subscriptions: {
          bus,
          manifest: FIXTURE_MANIFEST,
          filters: { zone: zoneFilter },
          context: async ({ identity, requestId, logger: requestLogger }) => ({
            requestId: `${identity?.role ?? 'anonymous'}:${requestId}`,
            logger: requestLogger,
          }),
          ...options,
        },
      });
      const service = await gateway.serve({ port: 0 });
      const base = `127.0.0.1:${service.port}`;
      const running: TestGateway = {
        httpUrl: service.url,
        wsUrl: `ws://${base}/graphql`,
        sseUrl: `http://${base}/graphql/stream`,
        gateway,
        service,
        async close() {
          gateways.delete(running);
          await service.close();
        },
      };
      gateways.add(running);
      return running;
    },
    async close() {
      for (const gateway of [...gateways]) await gateway.close();
      for (const s of served) await s.service.close();
    },
  };
}

/** A CloudEvents envelope as producers publish it (built by hand: the gateway does not depend on zod). */
export function envelope(type: string, subject: string, data: Record<string, unknown>): EventEnvelope {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/test',
    type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: `urn:fulfillment-mesh:${type}:v1`,
    dataversion: 1,
    data,
  };
}

/** A `stock.position.adjusted` event. */
export function stockAdjusted(sku: string, locationId: string, onHand: number, reason = 'RECEIVED'): EventEnvelope {
  return envelope('stock.position.adjusted', `${sku}@${locationId}`, {
    sku,
    locationId,
    reason,
    resulting: { onHand },
  });
}

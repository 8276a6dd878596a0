import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryEventBus, type EventBus } from '@fulfillment-mesh/events';
import { openEmbeddedStore, serveSubgraph, type HttpService } from '@fulfillment-mesh/runtime';
import type { ShipmentsAdapterOptions } from '../src/adapters/index.js';
import { createShipmentsSubgraph, type ShipmentsSubgraph } from '../src/server.js';
import { allocation, silent, T0 } from './support.js';

/** Where the shared real-world samples live (`SHARED_FIXTURES_DIR` overrides); tests read them in place. */
export const SHARED_FIXTURES =
  process.env.SHARED_FIXTURES_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/fixtures');
export const hasSharedFixtures = existsSync(SHARED_FIXTURES);
/** Appended to the names of tests that need the shared samples, so a skip says why. */
export const needsShared = hasSharedFixtures ? '' : ` (skipped: ${SHARED_FIXTURES} is absent)`;
export const sharedFixture = (path: string) => readFileSync(resolve(SHARED_FIXTURES, path), 'utf8');

export const WMS_SECRET = 'wms-test-secret';
export const EDI_SECRET = 'edi-test-secret';
export const ERP_SECRET = 'erp-test-secret';
export const IDENTITY_SECRET = 'an-identity-secret-of-at-least-32-bytes!';

/** Hex HMAC-SHA256 of `body`: what our WMS, ERP and EDI gateway put in their signature header. */
export const hexSignature = (secret: string, body: string | Buffer) =>
  createHmac('sha256', secret).update(body).digest('hex');

/** A promise with its resolve exposed, to wait for an event instead of sleeping. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * The shipments subgraph served on a random port with the given adapter options, an in-memory store and
 * (when `bus` is true) a memory event bus with the outbox relay, consumers and adapter groups running.
 */
export async function servedShipments(options: ShipmentsAdapterOptions = {}, withBus = false) {
  const store = openEmbeddedStore();
  const bus: EventBus | undefined = withBus ? createMemoryEventBus({ logger: silent }) : undefined;
  const clock = { now: new Date(T0) };
  const subgraph: ShipmentsSubgraph = await createShipmentsSubgraph({
    store,
    logger: silent,
    bus: bus as EventBus,
    services: {} as never,
    now: () => clock.now,
    adapters: {
      consume: { maxAttempts: 50, backoff: { baseMs: 5, maxMs: 40 }, blockMs: 20 },
      consumerName: 'test',
      ...options,
    },
  });
  const service: HttpService = await serveSubgraph(subgraph, { port: 0 });
  const base = service.url.replace(/\/graphql$/, '');
  return {
    subgraph,
    store,
    bus,
    clock,
    base,
    /** POSTs `body` to `path` with `headers`; resolves with status, headers and parsed (or raw) body. */
    async post(path: string, body: string | Buffer, headers: Record<string, string> = {}) {
      const res = await fetch(base + path, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
      const text = await res.text();
      let json: Record<string, unknown> | null = null;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = null;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    /** Runs a GraphQL operation over HTTP (no guard: authorization has its own test). */
    async graphql(query: string, variables: Record<string, unknown> = {}) {
      const res = await fetch(service.url, {
        method: 'POST',
        body: JSON.stringify({ query, variables }),
        headers: { 'content-type': 'application/json' },
      });
      return (await res.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
    },
    /** Creates the PENDING shipment `shp-<orderId>-<locationId>` (lines `[lineId, sku, quantity]`). */
    async release(orderId: string, locationId: string, ...lines: [string, string, number][]) {
      await subgraph.workflows.createFromRelease(
        { orderId, reservationId: `res-${orderId}`, allocations: [allocation(locationId, ...lines)] },
        `evt-${orderId}`,
      );
      return `shp-${orderId}-${locationId}`;
    },
    async close() {
      await service.close();
      await bus?.close();
    },
  };
}

/** A local HTTP stand-in for an external system; `handler` decides each answer. */
export async function standIn(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

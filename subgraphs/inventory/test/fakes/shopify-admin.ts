import {
  startRecordingServer,
  type FakeAnswer,
  type RecordedRequest,
  type RecordingServer,
} from './recording-server.js';

/** The GraphQL request a Shopify Admin client sent. */
export interface AdminGraphqlRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** A GraphQL operation handler: gets the request, answers its `data` (or a whole answer to override). */
export type AdminOperation = (request: AdminGraphqlRequest, raw: RecordedRequest) => FakeAnswer | undefined;

/** The fake Shopify Admin API (`POST /admin/api/<version>/graphql.json`). */
export interface FakeShopifyAdmin extends RecordingServer {
  /** GraphQL requests only, parsed. */
  graphql(): AdminGraphqlRequest[];
  /** `inventorySetQuantities` inputs received, in order. */
  setQuantities(): { input: Record<string, unknown>; idempotencyKey: unknown }[];
  /**
   * Adds a handler for GraphQL documents whose text matches `match` (e.g. /fulfillmentCreate/); later ones win.
   * Returning undefined defers to the next handler.
   */
  operation(match: RegExp, handler: AdminOperation): () => void;
  /** Registers a variant: `productVariants(query: "sku:<sku>")` finds it with this inventory item id. */
  variant(sku: string, inventoryItemId: string): void;
  /** The `extensions.cost.throttleStatus` of the next answers. */
  throttle(status: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }): void;
}

/**
 * Starts a fake Shopify Admin GraphQL API: `productVariants(first, query: "sku:…")` answers from registered
 * variants, `inventorySetQuantities` answers success with no user errors; every answer carries
 * `extensions.cost` (requested 10, throttle status as set, default 2000/1990/100).
 */
export async function startFakeShopifyAdmin(): Promise<FakeShopifyAdmin> {
  const server = await startRecordingServer();
  const variants = new Map<string, string>();
  const operations: { match: RegExp; handler: AdminOperation }[] = [];
  let throttleStatus = { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 };
  const withCost = (answer: FakeAnswer): FakeAnswer => {
    const body = (answer.body ?? {}) as Record<string, unknown>;
    return {
      ...answer,
      body: { ...body, extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10, throttleStatus } } },
    };
  };

  operations.push({
    match: /productVariants/,
    handler: (request) => {
      const sku = /sku:"?([^"\s]+)"?/.exec(String(request.variables.query ?? ''))?.[1] ?? '';
      const id = variants.get(sku);
      const nodes = id ? [{ sku, inventoryItem: { id } }] : [];
      return { body: { data: { productVariants: { nodes } } } };
    },
  });
  operations.push({
    match: /inventoryItem\(id/,
    handler: (request) => {
      const entry = [...variants].find(([, item]) => item === request.variables.id);
      return { body: { data: { inventoryItem: entry ? { id: entry[1], sku: entry[0] } : null } } };
    },
  });
  operations.push({
    match: /inventorySetQuantities/,
    handler: () => ({
      body: {
        data: {
          inventorySetQuantities: {
            inventoryAdjustmentGroup: { id: 'gid://shopify/InventoryAdjustmentGroup/1' },
            userErrors: [],
          },
        },
      },
    }),
  });

  server.route('POST', /^\/admin\/api\/[^/]+\/graphql\.json$/, (raw) => {
    const request = raw.body as AdminGraphqlRequest;
    for (const op of [...operations].reverse()) {
      if (!op.match.test(request.query)) continue;
      const answer = op.handler({ query: request.query, variables: request.variables ?? {} }, raw);
      if (answer) return answer.status && answer.status !== 200 ? answer : withCost(answer);
    }
    return { status: 200, body: { errors: [{ message: 'fake: no handler for this document' }] } };
  });

  const graphql = () =>
    server.requests.filter((r) => r.path.endsWith('/graphql.json')).map((r) => r.body as AdminGraphqlRequest);
  return Object.assign(server, {
    graphql,
    setQuantities: () =>
      graphql()
        .filter((r) => /inventorySetQuantities/.test(r.query))
        .map((r) => ({
          input: r.variables.input as Record<string, unknown>,
          idempotencyKey: r.variables.idempotencyKey,
        })),
    operation(match: RegExp, handler: AdminOperation) {
      const entry = { match, handler };
      operations.push(entry);
      return () => void operations.splice(operations.indexOf(entry), 1);
    },
    variant: (sku: string, inventoryItemId: string) => void variants.set(sku, inventoryItemId),
    throttle: (status: typeof throttleStatus) => void (throttleStatus = status),
  });
}

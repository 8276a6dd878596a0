import {
  createLogger,
  DomainError,
  serveSubgraph,
  type BaseRequestContext,
  type HttpService,
  type SubgraphDefinition,
} from '@fulfillment-mesh/runtime';
import { parse } from 'graphql';

/** How often each fixture resolver ran: the tests count hydrations at the source. */
export interface FixtureCounters {
  stockEcho: number;
  parcelEcho: number;
  catalogEntities: number;
}

/** A tiny inventory-like subgraph: two subscription fields on two streams, their payloads and hidden echo fields. */
export const STOCK_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@inaccessible"])

  type Query {
    stockHealth: String
    stockChangePayload(event: StockChangeInput!): StockChange @inaccessible
    parcelUpdatePayload(event: ParcelUpdateInput!): ParcelUpdate @inaccessible
  }

  type Subscription {
    stockChanged(skus: [ID!], locationIds: [ID!], zone: String, after: String): StockChange!
    parcelUpdated(parcelId: ID, after: String): ParcelUpdate!
  }

  enum StockReason {
    RESERVED
    RELEASED
    RECEIVED
  }
  enum ParcelStatus {
    PENDING
    IN_TRANSIT
    DELIVERED
  }

  type StockChange {
    sku: ID!
    locationId: ID!
    reason: StockReason!
    onHand: Int!
    cursor: String!
    eventId: ID!
    product: Product!
    "A string of \`bytes\` characters (slow-consumer tests need big payloads)."
    padding(bytes: Int!): String!
  }

  type ParcelUpdate {
    parcelId: ID!
    status: ParcelStatus!
    cursor: String!
    eventId: ID!
  }

  input StockChangeInput @inaccessible {
    sku: ID!
    locationId: ID!
    reason: StockReason!
    onHand: Int!
    cursor: String!
    eventId: ID!
    product: ProductRefInput!
  }
  input ProductRefInput @inaccessible {
    sku: ID!
  }
  input ParcelUpdateInput @inaccessible {
    parcelId: ID!
    status: ParcelStatus!
    cursor: String!
    eventId: ID!
  }

  type Product @key(fields: "sku") {
    sku: ID!
    stockLevel: Int!
  }
`;

/** A tiny catalog: enums, a union and an interface reachable from the payload, and a field only admins may read. */
export const CATALOG_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Query {
    product(sku: ID!): Product
  }

  interface Named {
    name: String!
  }
  type Apparel implements Named {
    name: String!
    size: String!
  }
  type Gadget implements Named {
    name: String!
    voltage: Int!
  }
  union ProductDetails = Apparel | Gadget
  enum ProductKind {
    APPAREL
    GADGET
  }

  type Product @key(fields: "sku") {
    sku: ID!
    name: String!
    kind: ProductKind!
    details: ProductDetails!
    maker: Named!
    "Only for requests whose id says admin (the test's stand-in for an identity-based rule)."
    secretNote: String
  }
`;

type Ctx = BaseRequestContext;

function catalogProduct(sku: string) {
  const gadget = sku.endsWith('2');
  return {
    sku,
    name: `Product ${sku}`,
    kind: gadget ? 'GADGET' : 'APPAREL',
    details: gadget
      ? { __typename: 'Gadget', name: `Gadget ${sku}`, voltage: 12 }
      : { __typename: 'Apparel', name: `Shirt ${sku}`, size: 'M' },
    maker: { __typename: 'Apparel', name: 'Acme', size: 'L' },
  };
}

function definition(
  name: string,
  sdl: string,
  resolvers: SubgraphDefinition<Ctx>['resolvers'],
): SubgraphDefinition<Ctx> {
  return {
    name,
    typeDefs: parse(sdl),
    resolvers,
    logger: createLogger({ service: name, level: 'silent' }),
    createContext: ({ requestId, logger }) => ({ requestId, logger }),
    ready: async () => {},
    close: async () => {},
  };
}

/** Serves both fixture subgraphs on random loopback ports. */
export async function serveFixtureSubgraphs(
  counters: FixtureCounters,
): Promise<{ name: string; url: string; sdl: string; service: HttpService }[]> {
  // SKUs named `FLAKY-<n>` fail the first n hydrations of each event with UNAVAILABLE, as a subgraph restarting would.
  const failures = new Map<string, number>();
  const stock = definition('stock', STOCK_SDL, {
    Query: {
      stockHealth: () => 'ok',
      stockChangePayload: (_: unknown, args: { event: Record<string, unknown> }, ctx: Ctx) => {
        counters.stockEcho++;
        // SKUs named `SECRET-…` are for admins only: the whole payload is refused to anyone else.
        if (String(args.event.sku).startsWith('SECRET-') && !ctx.requestId.startsWith('admin:')) {
          throw new DomainError('FORBIDDEN', `Stock of "${String(args.event.sku)}" is restricted`);
        }
        const flaky = /^FLAKY-(\d+)$/.exec(String(args.event.sku));
        if (flaky) {
          const seen = failures.get(String(args.event.eventId)) ?? 0;
          failures.set(String(args.event.eventId), seen + 1);
          if (seen < Number(flaky[1]))
            throw new DomainError('UNAVAILABLE', 'The stock service is restarting; try again shortly');
        }
        return args.event;
      },
      parcelUpdatePayload: (_: unknown, args: { event: Record<string, unknown> }) => {
        counters.parcelEcho++;
        return args.event;
      },
    },
    StockChange: { padding: (_: unknown, args: { bytes: number }) => 'x'.repeat(args.bytes) },
    Product: {
      __resolveReference: (ref: { sku: string }) => ref,
      stockLevel: (product: { sku: string }) => product.sku.length * 10,
    },
  });
  const catalog = definition('catalog', CATALOG_SDL, {
    Query: { product: (_: unknown, args: { sku: string }) => catalogProduct(args.sku) },
    Product: {
      __resolveReference: (ref: { sku: string }) => {
        counters.catalogEntities++;
        return catalogProduct(ref.sku);
      },
      secretNote: (product: { sku: string }, _args: unknown, ctx: Ctx) => {
        if (!ctx.requestId.startsWith('admin:'))
          throw new DomainError('FORBIDDEN', `Only admins may read the note of product "${product.sku}"`);
        return `note for ${product.sku}`;
      },
    },
  });
  const served = [];
  for (const [def, sdl] of [
    [stock, STOCK_SDL],
    [catalog, CATALOG_SDL],
  ] as const) {
    const service = await serveSubgraph(def, { port: 0 });
    served.push({ name: def.name, url: service.url, sdl, service });
  }
  return served;
}

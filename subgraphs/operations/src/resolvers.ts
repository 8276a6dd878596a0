import { DomainError, notFound, pageRequest, toConnection } from '@fulfillment-mesh/runtime';
import { ageSeconds, exceptionCursorKey, exceptionFilter } from './domain/exceptions.js';
import { clientUsage, coordinateUsage, exportUsage, type UsageStore } from '@fulfillment-mesh/access';
import type { Context } from './context.js';
import type { ExceptionDoc, SubjectType } from './models.js';

/** Who acts: the client id the gateway signed (operators are named in notes and as resolvers). */
function actor(ctx: Context): string {
  return ctx.client?.id ?? 'unknown';
}

/** The scope check the guard also makes, repeated so the surface stays closed when served without it. */
function requireScope(ctx: Context, scope: string): void {
  if (!ctx.client?.scopes.includes(scope)) {
    throw new DomainError('FORBIDDEN', `The "${scope}" scope is required for exceptions`, { scope });
  }
}

/** The exception with the subscription's cursor and event id layered on (only exceptionRaised sets them). */
type ExceptionParent = ExceptionDoc & { cursor?: string; eventId?: string };

/** Thin resolvers over the exception service and loaders (the event-backbone surface is merged in server.ts). */
export const exceptionResolvers = {
  Query: {
    async exceptions(
      _root: unknown,
      args: { filter?: Parameters<typeof exceptionFilter>[0]; first?: number | null; after?: string | null },
      ctx: Context,
    ) {
      requireScope(ctx, 'operations:read');
      const page = pageRequest(args);
      const [rows, totalCount] = await Promise.all([
        ctx.collections.exceptions.find(exceptionFilter(args.filter, page.after), {
          sort: { openedAt: 1, _id: 1 },
          limit: page.first + 1,
        }),
        ctx.collections.exceptions.countDocuments(exceptionFilter(args.filter, null)),
      ]);
      for (const row of rows) ctx.loaders.exception.prime(row._id, row);
      const { nodes, pageInfo } = toConnection(rows, page.first, exceptionCursorKey);
      return { nodes, pageInfo, totalCount };
    },
    exception(_root: unknown, { id }: { id: string }, ctx: Context) {
      requireScope(ctx, 'operations:read');
      return ctx.loaders.exception.load(id);
    },
    async exceptionRaisedPayload(
      _root: unknown,
      { event }: { event: { cursor: string; eventId: string; id: string } },
      ctx: Context,
    ) {
      requireScope(ctx, 'operations:read');
      const doc = await ctx.loaders.exception.load(event.id);
      return { ...doc, cursor: event.cursor, eventId: event.eventId };
    },
    adapterHealth(_root: unknown, _args: unknown, ctx: Context) {
      requireScope(ctx, 'operations:read');
      return ctx.adapters.list();
    },
  },
  Mutation: {
    acknowledgeException(_root: unknown, args: { id: string; note?: string | null }, ctx: Context) {
      requireScope(ctx, 'operations:write');
      return ctx.exceptions.acknowledge(args.id, actor(ctx), args.note);
    },
    assignException(_root: unknown, args: { id: string; assignee: string }, ctx: Context) {
      requireScope(ctx, 'operations:write');
      return ctx.exceptions.assign(args.id, actor(ctx), args.assignee);
    },
    resolveException(_root: unknown, args: { id: string; note?: string | null }, ctx: Context) {
      requireScope(ctx, 'operations:write');
      return ctx.exceptions.resolve(args.id, actor(ctx), args.note);
    },
  },
  Exception: {
    async __resolveReference(ref: { id: string }, ctx: Context) {
      const doc = await ctx.collections.exceptions.findOne({ _id: ref.id });
      if (!doc) throw notFound('Exception', ref.id);
      return doc;
    },
    id: (doc: ExceptionParent) => doc._id,
    ageSeconds: (doc: ExceptionParent, _args: unknown, ctx: Context) => ageSeconds(doc, ctx.now()),
    cursor: (doc: ExceptionParent) => doc.cursor ?? null,
    eventId: (doc: ExceptionParent) => doc.eventId ?? null,
  },
  // Operations only adds `exceptions` to these entities: the reference is the whole parent.
  Order: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    exceptions: (order: { id: string }, _args: unknown, ctx: Context) => bySubject(ctx, 'ORDER', order.id),
  },
  Shipment: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    exceptions: (shipment: { id: string }, _args: unknown, ctx: Context) => bySubject(ctx, 'SHIPMENT', shipment.id),
  },
  Product: {
    __resolveReference: (ref: { sku: string }) => ({ sku: ref.sku }),
    exceptions: (product: { sku: string }, _args: unknown, ctx: Context) => bySubject(ctx, 'PRODUCT', product.sku),
  },
};

/** Exceptions about one entity: the same id string could name an adapter or stream, so the type is checked too. */
async function bySubject(ctx: Context, subjectType: SubjectType, subject: string): Promise<ExceptionDoc[]> {
  requireScope(ctx, 'operations:read');
  return (await ctx.loaders.bySubject.load(subject)).filter((doc) => doc.subjectType === subjectType);
}

/** schemaUsage and clientUsage over the store the gateways flush usage to (docs/governance.md). */
export function usageResolvers(store: UsageStore | undefined, now: () => Date) {
  const read = async (ctx: Context, since: string | null | undefined) => {
    requireScope(ctx, 'operations:read');
    if (!store) throw new DomainError('UNAVAILABLE', 'Usage reporting is not configured for this subgraph (REDIS_URL)');
    const at = now();
    const from = since ? new Date(since) : new Date(at.getTime() - 30 * 86_400_000);
    if (Number.isNaN(from.getTime()))
      throw new DomainError('INVALID_INPUT', `since must be an ISO date or time, got "${since}"`, { field: 'since' });
    return exportUsage(store, from, at);
  };
  return {
    async schemaUsage(_root: unknown, args: { coordinate: string; since?: string | null }, ctx: Context) {
      return coordinateUsage(await read(ctx, args.since), args.coordinate);
    },
    async clientUsage(_root: unknown, args: { clientId: string; since?: string | null }, ctx: Context) {
      return clientUsage(await read(ctx, args.since), args.clientId);
    },
  };
}

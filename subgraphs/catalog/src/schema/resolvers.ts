import { DateTime, invalidInput, pageRequest, provenanceList, toConnection } from '@fulfillment-mesh/runtime';
import { productFilter } from '../domain/products.js';
import type { Resolvers } from '../generated/graphql.js';
import { conflictPage, DEFAULT_BUSINESS_UNIT } from '@fulfillment-mesh/connectors';

/** Thin resolvers: parse arguments, call the store through loaders, let errors map in one place. */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    product: (_root, { sku }, ctx) => ctx.loaders.product.load(sku),
    async products(_root, args, ctx) {
      const page = pageRequest(args);
      const filter = productFilter(args.filter, page.after);
      const [rows, totalCount] = await Promise.all([
        ctx.store.page(filter, page.first + 1),
        ctx.store.count(productFilter(args.filter, null)),
      ]);
      for (const row of rows) ctx.loaders.product.prime(row.sku, row);
      return { ...toConnection(rows, page.first, (p) => p.sku), totalCount };
    },
    categories: (_root, _args, ctx) => ctx.store.categories(),
    async catalogConflicts(_root, args, ctx) {
      return conflictPage(ctx.conflicts, args);
    },
    async importJob(_root, { id }, ctx) {
      const job = await ctx.imports.get(id);
      return job && { ...job, id: job._id };
    },
  },
  ImportJob: {
    errors(job, { first }, ctx) {
      const n = first ?? 100;
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw invalidInput('first', 'an integer from 1 to 1000', first);
      return ctx.imports.errors(job.id, n);
    },
  },
  Product: {
    __resolveReference: (ref, ctx) => ctx.loaders.product.load(ref.sku),
    provenance: (product) => provenanceList(product.provenance),
    businessUnit: (product) => product.businessUnit ?? DEFAULT_BUSINESS_UNIT,
  },
};

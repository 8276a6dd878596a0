import { invalidInput } from '@fulfillment-mesh/runtime';
import type { Context } from '../context.js';
import type { MutationResolvers } from '../generated/graphql.js';
import { reservationView } from './views.js';

/** The write side: adjustments for operators and adapters, the reservation service API for orders. */
export const mutations: MutationResolvers<Context> = {
  adjustInventory: (_root, { input }, ctx) =>
    ctx.workflows.stock.adjust({
      sku: input.sku,
      locationId: input.locationId,
      delta: {
        onHand: input.delta.onHand ?? 0,
        safetyStock: input.delta.safetyStock ?? 0,
        damaged: input.delta.damaged ?? 0,
        qualityControl: input.delta.qualityControl ?? 0,
      },
      reason: input.reason,
      reference: input.reference ?? null,
      expectedVersion: input.expectedVersion ?? null,
      source: input.source ?? 'api',
      actor: input.actor ?? 'anonymous',
    }),
  async reserveStock(_root, { input }, ctx) {
    const outcome = await ctx.workflows.reserver.reserve(input, 'api');
    return { reservation: await reservationView(outcome.reservation, ctx), replayed: outcome.replayed };
  },
  releaseReservation: async (_root, { id, reason }, ctx) => {
    if (reason === 'EXPIRED')
      throw invalidInput('reason', 'CANCELLED or COMPENSATED (reservations expire on their own)', reason);
    return reservationView(await ctx.workflows.lifecycle.release(id, reason, 'api', 'api'), ctx);
  },
  extendReservation: async (_root, { id, ttlSeconds }, ctx) =>
    reservationView(await ctx.workflows.lifecycle.extend(id, ttlSeconds), ctx),
};

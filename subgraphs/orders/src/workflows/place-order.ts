import { defineWorkflow, DuplicateKeyError, finish, type Provenance } from '@fulfillment-mesh/runtime';
import {
  checkSameSubmission,
  cleanPlaceOrder,
  newOrderDoc,
  priceLines,
  submittedOrder,
  validatePlaceOrder,
  type DraftLine,
  type PlaceOrderInput,
} from '../domain/place-order.js';
import type { ReservationOutcome } from '../domain/reservation.js';
import type { OrderDoc, SubmittedOrder } from '../store/models.js';
import type { ProcessDeps } from './deps.js';
import type { ReservationSteps } from './reservations.js';

/** What placeOrder answers: the order, and whether this call created it (false for a duplicate). */
export interface PlaceOrderResult {
  order: OrderDoc;
  created: boolean;
}

/** What the steps of one placeOrder run pass on; each step fills in its part. */
interface PlaceOrderState {
  input: PlaceOrderInput;
  idempotencyKey: string | null;
  origin: Provenance | null;
  drafts?: DraftLine[];
  request?: SubmittedOrder;
  order?: OrderDoc;
  outcome?: ReservationOutcome;
  created: boolean;
}

/** The steps of placeOrder, in order (a resumed run starts at one of them). */
export const PLACE_ORDER_STEPS = ['validate', 'idempotency', 'price', 'record', 'reserve', 'decide'] as const;
export type PlaceOrderStep = (typeof PLACE_ORDER_STEPS)[number];

/**
 * The step an order recorded in the store has reached: a PENDING_VALIDATION order was recorded and waits for its
 * reservation (`reserve`); any other status is settled (null: nothing to resume). This is what the order already
 * holds (status, `reservation.mode`, `reservation.checkedAt`), so reaching a step costs no extra write.
 */
export function stepReached(order: OrderDoc): PlaceOrderStep | null {
  return order.status === 'PENDING_VALIDATION' ? 'reserve' : null;
}

/** placeOrder and the resumption of a run that stopped after `record` (the sweeper's). */
export interface PlaceOrderWorkflow {
  /** `origin`: provenance of the content when an adapter places the order (see newOrderDoc); default the channel. */
  placeOrder(
    submitted: PlaceOrderInput,
    idempotencyKey?: string | null,
    origin?: Provenance | null,
  ): Promise<PlaceOrderResult>;
  /**
   * Resumes an order still waiting for its outcome (its placeOrder process died, or the outcome event was lost
   * with an in-process bus): notes the attempt (`reservation.checkedAt`), then runs on from the step it reached.
   */
  resume(order: OrderDoc): Promise<OrderDoc>;
}

/**
 * placeOrder as one declared workflow, read top to bottom:
 *
 * 1. validate     clean and check the submission (INVALID_INPUT naming the field).
 * 2. idempotency  same key or same (channel, externalId): the original order for the same content, else CONFLICT.
 * 3. price        check and price the lines with the catalog.
 * 4. record       insert the order PENDING_VALIDATION before inventory is asked (a crash loses nothing; unique
 *                 indexes settle concurrent duplicates). The step reached is now on the order: a run that dies
 *                 from here on is resumed by the sweeper at `reserve` (see sweeper.ts, {@link stepReached}).
 * 5. reserve      ask inventory under the order's key (it dedupes: a resumed run lands on the same reservation).
 *                 Inventory unreachable: degraded mode, the order stays PENDING_VALIDATION and is handed to the
 *                 backbone (`orders.order.placed`); its outcome then arrives as an event (events/consumers.ts).
 *                 Compensation: when a later step fails, release what the order owes inventory.
 * 6. decide       record the answer (domain/reservation.ts decideReservation): ACCEPTED, BACKORDERED or REJECTED;
 *                 a confirmation the order cannot take rejects it and releases the reservation (COMPENSATED).
 *
 * This reply is the answer of the synchronous path: an outcome event for an order still waiting here changes
 * nothing (answered once, see domain/reservation.ts answeredSynchronously).
 */
export function createPlaceOrder(deps: ProcessDeps, reservations: ReservationSteps): PlaceOrderWorkflow {
  const duplicateOf = (state: PlaceOrderState, earlier: OrderDoc) => {
    checkSameSubmission(earlier, state.request!);
    return finish({ ...state, order: earlier, created: false });
  };
  const at = () => deps.now().toISOString();

  const workflow = defineWorkflow<PlaceOrderState>('placeOrder', [
    {
      name: 'validate',
      run(state) {
        const input = cleanPlaceOrder(state.input);
        const drafts = validatePlaceOrder(input, state.idempotencyKey);
        return { ...state, input, drafts, request: submittedOrder(input, drafts) };
      },
    },
    {
      name: 'idempotency',
      async run(state) {
        const earlier = await deps.store.findDuplicate(
          state.input.channel,
          state.input.externalId,
          state.idempotencyKey,
        );
        return earlier ? duplicateOf(state, earlier) : state;
      },
    },
    {
      name: 'price',
      async run(state) {
        const lines = priceLines(state.drafts!, await deps.catalog.products(state.drafts!.map((d) => d.sku)));
        const { input, idempotencyKey, origin, request } = state;
        const order = newOrderDoc({ id: deps.newId('O'), input, lines, idempotencyKey, at: at(), origin, request });
        return { ...state, order };
      },
    },
    {
      name: 'record',
      async run(state) {
        try {
          await deps.store.orders.insertOne(state.order!);
          return { ...state, created: true };
        } catch (error) {
          // A concurrent duplicate won the unique index: answer with its order (insert first, then read back).
          const { channel, externalId } = state.input;
          const winner =
            error instanceof DuplicateKeyError
              ? await deps.store.findDuplicate(channel, externalId, state.idempotencyKey)
              : null;
          if (winner) return duplicateOf(state, winner);
          throw error;
        }
      },
    },
    {
      name: 'reserve',
      async run(state) {
        const outcome = await reservations.ask(state.order!);
        if (outcome.kind !== 'unreachable') return { ...state, outcome };
        const cause = `inventory unavailable (${outcome.reason}); reservation continues through the event backbone`;
        return finish({
          ...state,
          order: await reservations.degrade(state.order!._id, { cause, actor: 'system', at: at() }),
        });
      },
      // Whatever the order recorded as owed (a confirmation it could not take, one after a cancellation).
      async compensate(state) {
        const current = await deps.store.orders.findOne({ _id: state.order!._id });
        if (current) await reservations.performReleases(current);
      },
    },
    {
      name: 'decide',
      async run(state) {
        const why = { cause: 'reserveStock answered', actor: 'inventory', at: at() };
        return { ...state, order: await reservations.applyOutcome(state.order!._id, state.outcome!, why) };
      },
    },
  ]);

  return {
    async placeOrder(submitted, idempotencyKey = null, origin = null) {
      const done = await workflow.run({ input: submitted, idempotencyKey, origin, created: false });
      return { order: done.order!, created: done.created };
    },
    async resume(order) {
      const from = stepReached(order);
      if (!from) return order;
      const noted = await deps.store.orders.updateOne(
        { _id: order._id, status: 'PENDING_VALIDATION' },
        { $set: { 'reservation.checkedAt': at() } },
      );
      if (noted.matchedCount === 0) return order;
      deps.logger.info(
        { orderId: order._id, mode: order.reservation?.mode, from },
        'resuming placeOrder of an order that has no outcome yet',
      );
      // The steps from `reserve` on read only the recorded order, not the submission.
      const input = order.request as PlaceOrderInput;
      const done = await workflow.run(
        { input, idempotencyKey: order.idempotencyKey ?? null, origin: null, order, created: true },
        { from },
      );
      return done.order!;
    },
  };
}

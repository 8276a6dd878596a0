import type { Context } from '../context.js';
import type { ResolversTypes } from '../generated/graphql.js';
import type { ReconciliationRunDoc } from '../store/models.js';

/** A stored reconciliation report as the schema's `ReconciliationRun` (locations through the request's loader). */
export async function reconciliationRunView(
  run: ReconciliationRunDoc,
  ctx: Context,
): Promise<ResolversTypes['ReconciliationRun']> {
  const discrepancies = await Promise.all(
    run.discrepancies.map(async (d) => ({ ...d, location: await ctx.loaders.location.load(d.locationId) })),
  );
  return {
    id: run._id,
    at: run.at,
    source: run.source,
    tolerance: run.tolerance,
    rows: run.rows,
    compared: run.compared,
    corrected: run.corrected,
    reported: run.reported,
    discrepancies,
    errors: run.errors,
  };
}

import { invalidInput } from '@fulfillment-mesh/runtime';

/**
 * How far the ERP and the mesh may disagree before it is a discrepancy. A difference within EITHER limit is
 * tolerated (`{ units: 2, percent: 5 }`: 2 units always pass, and so do 5 % of a large position); with
 * neither limit every difference counts.
 */
export interface Tolerance {
  /** Whole units; default 0. */
  units?: number;
  /** Percent of the mesh's value (0–100); default 0. */
  percent?: number;
}

/** Checks a tolerance once, at the edge (INVALID_INPUT naming the field). */
export function checkTolerance(tolerance: Tolerance): Required<Tolerance> {
  const units = tolerance.units ?? 0;
  const percent = tolerance.percent ?? 0;
  if (!Number.isInteger(units) || units < 0) throw invalidInput('tolerance.units', 'a whole number >= 0', units);
  if (!Number.isFinite(percent) || percent < 0 || percent > 100)
    throw invalidInput('tolerance.percent', 'a number from 0 to 100', percent);
  return { units, percent };
}

/** True when `erp` and `mesh` differ by more than the tolerance allows. */
export function beyondTolerance(erp: number, mesh: number, tolerance: Required<Tolerance>): boolean {
  const difference = Math.abs(erp - mesh);
  if (difference === 0) return false;
  if (difference <= tolerance.units) return false;
  return difference * 100 > tolerance.percent * Math.abs(mesh);
}

import type { Provenance } from '@fulfillment-mesh/runtime';
import { authoritativePatterns, ruleFor, sourceRank, type MasteringContext, type MasteringRules } from './rules.js';
import { compareVersions, isoTime } from './versions.js';

/** What an inbound write claims about itself, and what the document currently records for the field group. */
export interface MasteringInput {
  fieldGroup: string;
  context?: MasteringContext;
  incoming: Provenance;
  /** The provenance applied so far; absent for a first write. */
  current?: Provenance | null;
}

/** Why a write was refused: the code is stable for queries, the reason is for people. */
export type RefusalCode = 'non-authoritative' | 'stale' | 'older-observation' | 'needs-review';

/** The outcome of {@link decide}. */
export type MasteringDecision =
  { outcome: 'apply'; reason: string } | { outcome: 'refuse'; code: RefusalCode; reason: string };

/**
 * Decides whether an inbound write may replace the current value of a field group. In order:
 * 1. the source must match an authority that applies in the context, else `non-authoritative source`;
 * 2. a first write applies;
 * 3. from the same source, its version must be above the applied one (see `compareVersions`), else `stale`;
 *    a source's own sequence orders its writes, whatever their timestamps say;
 * 4. a value applied by a source that is not authoritative here (a seed, or a source a rule change demoted) is
 *    always replaced;
 * 5. between two authoritative sources the field group's policy settles it (see {@link ConflictPolicy}).
 * Pure: no I/O, so every policy is unit-tested without a store.
 */
export function decide(rules: MasteringRules, input: MasteringInput): MasteringDecision {
  const { fieldGroup, incoming } = input;
  const current = input.current ?? null;
  const context = input.context ?? {};
  const rule = ruleFor(rules, fieldGroup);
  const patterns = authoritativePatterns(rule, context);
  const rank = sourceRank(patterns, incoming.source);
  if (rank < 0) {
    return refuse(
      'non-authoritative',
      `non-authoritative source: ${incoming.source} does not master ${fieldGroup}${where(context)} (authoritative: ${patterns.join(', ') || 'none'})`,
    );
  }
  if (!current) return { outcome: 'apply', reason: 'first value' };

  if (current.source === incoming.source) {
    if (compareVersions(incoming.sourceVersion, current.sourceVersion) <= 0) {
      return refuse('stale', `stale: version ${incoming.sourceVersion} ≤ applied ${current.sourceVersion}`);
    }
    return { outcome: 'apply', reason: 'newer version from the same source' };
  }

  const currentRank = sourceRank(patterns, current.source);
  if (currentRank < 0) return { outcome: 'apply', reason: `supersedes non-authoritative ${current.source}` };

  switch (rule.policy) {
    case 'manual-review':
      return refuse(
        'needs-review',
        `needs review: ${incoming.source} and ${current.source} both master ${fieldGroup}; the value from ${current.source} is kept`,
      );
    case 'source-wins':
      if (rank < currentRank) return { outcome: 'apply', reason: `${incoming.source} outranks ${current.source}` };
      if (rank > currentRank) {
        return refuse(
          'non-authoritative',
          `non-authoritative source: ${incoming.source} ranks below ${current.source} for ${fieldGroup}`,
        );
      }
      return newest(incoming, current);
    case 'newest-wins':
      return newest(incoming, current);
  }
}

function newest(incoming: Provenance, current: Provenance): MasteringDecision {
  const a = isoTime(incoming.observedAt);
  const b = isoTime(current.observedAt);
  const order = a !== null && b !== null ? a - b : compareVersions(incoming.observedAt, current.observedAt);
  if (order > 0) return { outcome: 'apply', reason: 'newer observation' };
  return refuse(
    'older-observation',
    `older observation: ${incoming.observedAt} ≤ applied ${current.observedAt} from ${current.source}`,
  );
}

function refuse(code: RefusalCode, reason: string): MasteringDecision {
  return { outcome: 'refuse', code, reason };
}

function where(context: MasteringContext): string {
  const parts = [
    context.locationKind ? `at ${context.locationKind}` : '',
    context.channel ? `on ${context.channel}` : '',
  ].filter(Boolean);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

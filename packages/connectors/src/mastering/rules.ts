import { DomainError, invalidInput } from '@fulfillment-mesh/runtime';

/**
 * How a write from an authoritative source is settled against a value another authoritative source applied:
 * - `source-wins`: the source listed first among the authorities wins; between equally ranked sources
 *   (e.g. two matches of `wms:*`), the newer observation wins.
 * - `newest-wins`: the write observed last (`observedAt`, the source's timestamp) wins.
 * - `manual-review`: neither is applied automatically; the write is refused as `needs review` and logged.
 */
export type ConflictPolicy = 'source-wins' | 'newest-wins' | 'manual-review';

/** Who masters a field group, optionally only at some location kinds or for some channels. */
export interface Authority {
  /** Source patterns, highest priority first: exact (`erp`) or with `*` wildcards (`wms:*`). */
  sources: readonly string[];
  /** Applies only where the context's location kind is one of these (e.g. `DC`, `THREE_PL`); absent = anywhere. */
  locationKinds?: readonly string[];
  /** Applies only where the context's channel is one of these; absent = any channel. */
  channels?: readonly string[];
}

/** The rule of one field group (a set of fields written together, e.g. `price`, `content`, `onHand`). */
export interface FieldGroupRule {
  /** Every authority whose conditions match the context contributes its sources, in declaration order. */
  authorities: readonly Authority[];
  policy: ConflictPolicy;
  /** Why this system masters it, for the docs and for whoever reads a conflict. */
  description?: string;
}

/** The mastering rules of one domain, declared in one readable config. */
export interface MasteringRules {
  readonly domain: string;
  readonly fieldGroups: Readonly<Record<string, FieldGroupRule>>;
}

/** Where a write lands, for authorities that depend on it. */
export interface MasteringContext {
  locationKind?: string | null;
  channel?: string | null;
}

const POLICIES: readonly ConflictPolicy[] = ['source-wins', 'newest-wins', 'manual-review'];

/** Validates and freezes a rule set; throws INVALID_INPUT naming the field group at fault. */
export function defineMasteringRules(rules: MasteringRules): MasteringRules {
  for (const [group, rule] of Object.entries(rules.fieldGroups)) {
    if (!POLICIES.includes(rule.policy))
      throw invalidInput(`fieldGroups.${group}.policy`, POLICIES.join(' | '), rule.policy);
    if (rule.authorities.length === 0)
      throw invalidInput(`fieldGroups.${group}.authorities`, 'at least one authority', []);
    for (const authority of rule.authorities) {
      if (authority.sources.length === 0 || authority.sources.some((s) => s.trim() === '')) {
        throw invalidInput(`fieldGroups.${group}.authorities.sources`, 'non-empty source patterns', authority.sources);
      }
    }
  }
  return Object.freeze({ domain: rules.domain, fieldGroups: Object.freeze({ ...rules.fieldGroups }) });
}

/** The rule of `fieldGroup`; throws INVALID_INPUT listing the known groups (a wiring mistake, not bad data). */
export function ruleFor(rules: MasteringRules, fieldGroup: string): FieldGroupRule {
  const rule = rules.fieldGroups[fieldGroup];
  if (!rule) {
    throw new DomainError(
      'INVALID_INPUT',
      `Invalid fieldGroup for ${rules.domain} mastering: expected one of ${Object.keys(rules.fieldGroups).join(', ')}, received "${fieldGroup}"`,
      { field: 'fieldGroup' },
    );
  }
  return rule;
}

/** The source patterns that are authoritative for `rule` in `context`, highest priority first. */
export function authoritativePatterns(rule: FieldGroupRule, context: MasteringContext = {}): string[] {
  const applies = (allowed: readonly string[] | undefined, value: string | null | undefined) =>
    allowed === undefined || (value != null && allowed.includes(value));
  return rule.authorities
    .filter((a) => applies(a.locationKinds, context.locationKind) && applies(a.channels, context.channel))
    .flatMap((a) => a.sources);
}

/** Position of the first pattern matching `source` (lower = higher priority), or -1 when none matches. */
export function sourceRank(patterns: readonly string[], source: string): number {
  return patterns.findIndex((pattern) => matchesSource(pattern, source));
}

/** True when `source` matches `pattern`, where `*` stands for any run of characters (`wms:*` ~ `wms:dc-east`). */
export function matchesSource(pattern: string, source: string): boolean {
  if (!pattern.includes('*')) return pattern === source;
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`).test(source);
}

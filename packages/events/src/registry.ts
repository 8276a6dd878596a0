import { DomainError } from '@fulfillment-mesh/runtime';
import { describeIssues, type EventDefinition, type EventEnvelope } from './envelope.js';

/** Outcome of {@link EventRegistry.check}: the envelope with validated data, or why it cannot be handled. */
export type RegistryCheck =
  { ok: true; event: EventEnvelope; definition: EventDefinition } | { ok: false; reason: string };

/** The event definitions a consumer understands, by type and version. */
export interface EventRegistry {
  /** Adds a definition; registering the same type and version twice is a CONFLICT. */
  register(definition: EventDefinition): EventRegistry;
  /** The definition for `type` at `version` (default: the newest), if known. */
  get(type: string, version?: number): EventDefinition | undefined;
  /** Every registered definition, sorted by type then version. */
  list(): EventDefinition[];
  /**
   * `ok` with parsed data, or `unknown type` | `unsupported version N (max M)` | `invalid data: …`. An envelope of
   * version N is read by the definition of N, else by that of N+1 (the current and the previous version).
   */
  check(envelope: EventEnvelope): RegistryCheck;
}

/** Creates a registry holding `definitions`. */
export function createEventRegistry(definitions: readonly EventDefinition[] = []): EventRegistry {
  const byType = new Map<string, Map<number, EventDefinition>>();

  const registry: EventRegistry = {
    register(definition) {
      const versions = byType.get(definition.type) ?? new Map<number, EventDefinition>();
      if (versions.has(definition.version)) {
        throw new DomainError('CONFLICT', `Event ${definition.type} v${definition.version} is already registered`, {
          eventType: definition.type,
        });
      }
      versions.set(definition.version, definition);
      byType.set(definition.type, versions);
      return registry;
    },
    get(type, version) {
      const versions = byType.get(type);
      if (!versions) return undefined;
      return versions.get(version ?? Math.max(...versions.keys()));
    },
    list() {
      return [...byType.values()]
        .flatMap((versions) => [...versions.values()])
        .sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
    },
    check(envelope) {
      const versions = byType.get(envelope.type);
      if (!versions) return { ok: false, reason: 'unknown type' };
      // A reader of version N also reads N-1 (tolerant readers name only the fields they use), so a producer can
      // move to a new version while its consumers follow one release later.
      const definition = versions.get(envelope.dataversion) ?? versions.get(envelope.dataversion + 1);
      if (!definition) {
        // An older version and a version from the future get the same answer: we cannot read it.
        return {
          ok: false,
          reason: `unsupported version ${envelope.dataversion} (max ${Math.max(...versions.keys())})`,
        };
      }
      const parsed = definition.schema.safeParse(envelope.data);
      if (!parsed.success) return { ok: false, reason: `invalid data: ${describeIssues(parsed.error)}` };
      return { ok: true, event: { ...envelope, data: parsed.data }, definition };
    },
  };
  for (const definition of definitions) registry.register(definition);
  return registry;
}

import { createHash } from 'node:crypto';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { DomainError } from '@fulfillment-mesh/runtime';

/** graphql-codegen's `persisted-documents.json`: `{ "<hash>" | "sha256:<hash>": "<document>" }`. */
export type PersistedManifest = Readonly<Record<string, string>>;

/** One verified manifest entry: the bare lowercase hex SHA-256 and its document. */
export interface ManifestEntry {
  hash: string;
  document: string;
}

/** A registered operation as listed to operators. */
export interface RegisteredOperation {
  hash: string;
  /** The name of the document's first operation, null when anonymous. */
  operationName: string | null;
}

/** Per-client trusted documents: Redis in production, files or memory in the embedded mode. */
export interface ManifestRegistry {
  /** Verifies and stores `manifest` for `clientId`, added to what is there, or instead of it with `replace`. */
  registerManifest(
    clientId: string,
    manifest: unknown,
    options?: { replace?: boolean },
  ): Promise<{ added: number; total: number }>;
  /** The document registered under `hash` for `clientId`, or null (another client's documents are not found). */
  lookup(clientId: string, hash: string): Promise<string | null>;
  /** Every operation registered for `clientId`, by hash. */
  listOperations(clientId: string): Promise<RegisteredOperation[]>;
}

/** The bare lowercase hex hash of `sha256:<hex>` or `<hex>`; null when it is neither. */
export function normalizeHash(id: string): string | null {
  const hex = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return /^[0-9a-fA-F]{64}$/.test(hex) ? hex.toLowerCase() : null;
}

/** SHA-256 (hex) of a document, exactly as sent: what graphql-codegen and Apollo's APQ compute. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document, 'utf8').digest('hex');
}

/**
 * Checks a manifest before anything is stored: an object of hash → document where every hash is the SHA-256 of
 * its document and every document parses. Refuses the whole manifest with INVALID_INPUT naming the first bad entry.
 */
export function verifyManifest(manifest: unknown): ManifestEntry[] {
  if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest))
    throw invalid('The manifest must be a JSON object of "<sha256 hash>": "<document>"');
  const entries: ManifestEntry[] = [];
  for (const [id, document] of Object.entries(manifest)) {
    const hash = normalizeHash(id);
    if (!hash) throw invalid(`Manifest entry "${id}" is not a SHA-256 hash (expected sha256:<64 hex digits>)`, id);
    if (typeof document !== 'string') throw invalid(`Manifest entry "${id}" must map to a GraphQL document string`, id);
    const actual = documentHash(document);
    if (actual !== hash)
      throw invalid(`Manifest entry "${id}" does not match its document (the document hashes to sha256:${actual})`, id);
    try {
      parse(document, { noLocation: true });
    } catch (error) {
      throw invalid(`Manifest entry "${id}" is not a valid GraphQL document: ${(error as Error).message}`, id);
    }
    entries.push({ hash, document });
  }
  if (entries.length === 0) throw invalid('The manifest has no operations');
  return entries;
}

/** The name of a document's first operation (for listings), or null. */
export function operationNameOf(document: string): string | null {
  try {
    const operation = parse(document, { noLocation: true }).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    return operation?.name?.value ?? null;
  } catch {
    return null;
  }
}

function invalid(message: string, entry?: string): DomainError {
  return new DomainError('INVALID_INPUT', message, entry ? { entry } : {});
}

/** Trusted documents in process memory (tests, single-process tools). */
export function createMemoryManifestRegistry(): ManifestRegistry {
  const byClient = new Map<string, Map<string, string>>();
  return {
    async registerManifest(clientId, manifest, options) {
      const entries = verifyManifest(manifest);
      const documents = options?.replace
        ? new Map<string, string>()
        : (byClient.get(clientId) ?? new Map<string, string>());
      const before = documents.size;
      for (const { hash, document } of entries) documents.set(hash, document);
      byClient.set(clientId, documents);
      return { added: documents.size - (options?.replace ? 0 : before), total: documents.size };
    },
    async lookup(clientId, hash) {
      return byClient.get(clientId)?.get(hash) ?? null;
    },
    async listOperations(clientId) {
      return [...(byClient.get(clientId) ?? new Map<string, string>())]
        .map(([hash, document]) => ({ hash, operationName: operationNameOf(document) }))
        .sort((a, b) => a.hash.localeCompare(b.hash));
    },
  };
}

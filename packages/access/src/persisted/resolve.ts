import type { Client } from '../client.js';
import { accessError } from '../errors.js';
import { normalizeHash, type ManifestRegistry } from './manifest.js';

/** The fields of a GraphQL request (POST body or GET parameters) that decide how its document is found. */
export interface PersistedRequestInput {
  query?: unknown;
  /** GraphQL-over-HTTP persisted document id: `sha256:<hex>` or bare hex. */
  documentId?: unknown;
  /** `extensions.persistedQuery.sha256Hash` is the Apollo (APQ) way of sending a document id. */
  extensions?: unknown;
}

/** How a request's document was found. */
export type PersistedResolution =
  /** From the client's own manifest: execute `query`; drop any `persistedQuery` extension. */
  | { kind: 'registered'; query: string; hash: string }
  /** Not a trusted document: a raw query or an APQ hash, for the server to handle as usual. */
  | { kind: 'passthrough' };

/** Options of {@link resolvePersistedRequest}. */
export interface ResolvePersistedOptions {
  registry: ManifestRegistry;
  /** Clients that may only run registered operations; default: partners. */
  requirePersisted?: (client: Client) => boolean;
}

/** Partners run only what they registered; every other kind may also send queries. */
export const partnersOnly = (client: Client): boolean => client.kind === 'partner';

/**
 * Finds the document of a request in the calling client's manifest. A `documentId` or an APQ hash sent
 * without a query is looked up in that client's manifest only (another client's operations are not found);
 * for clients that may send raw queries an unknown APQ hash passes through to APQ. Clients restricted to
 * registered operations get PERSISTED_QUERY_REQUIRED for a raw query and PERSISTED_QUERY_NOT_FOUND for an
 * unknown id; a malformed id is BAD_REQUEST.
 */
export async function resolvePersistedRequest(
  client: Client,
  input: PersistedRequestInput,
  options: ResolvePersistedOptions,
): Promise<PersistedResolution> {
  const restricted = (options.requirePersisted ?? partnersOnly)(client);
  const hasQuery = typeof input.query === 'string' && input.query !== '';
  const apqHash = persistedQueryHash(input.extensions);

  if (input.documentId !== undefined && input.documentId !== null) {
    if (hasQuery) throw accessError('BAD_REQUEST', 'Send either documentId or query, not both');
    const hash = typeof input.documentId === 'string' ? normalizeHash(input.documentId) : null;
    if (!hash) throw accessError('BAD_REQUEST', 'documentId must be "sha256:" followed by 64 hex digits');
    return fromManifest(hash, true);
  }
  if (hasQuery) {
    if (restricted)
      throw accessError(
        'PERSISTED_QUERY_REQUIRED',
        `Client "${client.id}" may only run registered operations: send documentId (sha256:<hash>) instead of a query`,
      );
    return { kind: 'passthrough' };
  }
  if (apqHash !== undefined) {
    const hash = normalizeHash(apqHash);
    if (!hash) throw accessError('BAD_REQUEST', 'extensions.persistedQuery.sha256Hash must be 64 hex digits');
    return fromManifest(hash, restricted);
  }
  return { kind: 'passthrough' }; // no document at all: the server reports it

  async function fromManifest(hash: string, required: boolean): Promise<PersistedResolution> {
    const query = await options.registry.lookup(client.id, hash);
    if (query !== null) return { kind: 'registered', query, hash };
    if (!required) return { kind: 'passthrough' };
    throw accessError(
      'PERSISTED_QUERY_NOT_FOUND',
      `Operation sha256:${hash} is not registered for client "${client.id}"`,
      { documentId: `sha256:${hash}` },
    );
  }
}

/** The persisted-document fields of GET query parameters (`extensions` arrives JSON-encoded). */
export function persistedInputFromSearch(search: string | URLSearchParams): PersistedRequestInput {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  let extensions: unknown;
  const raw = params.get('extensions');
  if (raw) {
    try {
      extensions = JSON.parse(raw);
    } catch {
      throw accessError('BAD_REQUEST', 'The extensions parameter is not valid JSON');
    }
  }
  return { query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions };
}

function persistedQueryHash(extensions: unknown): string | undefined {
  const persisted =
    extensions && typeof extensions === 'object'
      ? (extensions as { persistedQuery?: unknown }).persistedQuery
      : undefined;
  const hash =
    persisted && typeof persisted === 'object' ? (persisted as { sha256Hash?: unknown }).sha256Hash : undefined;
  return typeof hash === 'string' ? hash : undefined;
}

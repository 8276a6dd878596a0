import { join } from 'node:path';
import { z } from 'zod';
import { jsonFile, type JsonFile } from '../json-file.js';
import { operationNameOf, verifyManifest, type ManifestRegistry } from './manifest.js';

/** Dependencies of {@link createFileManifestRegistry}. */
export interface FileManifestRegistryDeps {
  /** Folder holding `manifests/<clientId>.json` (embedded mode: `./data/access`). */
  dir: string;
}

const documentsSchema = z.record(z.string(), z.string());

/**
 * Trusted documents in files for the embedded mode, one `manifests/<clientId>.json` (hash → document) per
 * client; re-read when changed, so manifests registered with the CLI apply without a restart.
 */
export function createFileManifestRegistry(deps: FileManifestRegistryDeps): ManifestRegistry {
  const files = new Map<string, JsonFile<Record<string, string>>>();
  const fileOf = (clientId: string) => {
    let file = files.get(clientId);
    if (!file) {
      // Client ids come from tokens too: encoded, they can never leave the folder.
      file = jsonFile(join(deps.dir, 'manifests', `${encodeURIComponent(clientId)}.json`), documentsSchema, () => ({}));
      files.set(clientId, file);
    }
    return file;
  };
  return {
    async registerManifest(clientId, manifest, options) {
      const entries = verifyManifest(manifest);
      const file = fileOf(clientId);
      const documents = options?.replace ? {} : { ...(await file.read()) };
      const before = Object.keys(documents).length;
      for (const { hash, document } of entries) documents[hash] = document;
      await file.write(documents);
      const total = Object.keys(documents).length;
      return { added: total - before, total };
    },
    async lookup(clientId, hash) {
      const documents = await fileOf(clientId).read();
      return Object.hasOwn(documents, hash) ? (documents[hash] ?? null) : null;
    },
    async listOperations(clientId) {
      const documents = await fileOf(clientId).read();
      return Object.entries(documents)
        .map(([hash, document]) => ({ hash, operationName: operationNameOf(document) }))
        .sort((a, b) => a.hash.localeCompare(b.hash));
    },
  };
}

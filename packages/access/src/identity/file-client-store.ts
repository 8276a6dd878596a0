import { join } from 'node:path';
import { z } from 'zod';
import { toClient } from '../client.js';
import { jsonFile } from '../json-file.js';
import { clientExists, clientRecordSchema, prepareClient, toListing, type ClientStore } from './client-store.js';

/** Dependencies of {@link createFileClientStore}. */
export interface FileClientStoreDeps {
  /** Folder holding `clients.json` (embedded mode: `./data/access`). */
  dir: string;
}

const fileSchema = z.object({ clients: z.array(clientRecordSchema) });

/**
 * API-key clients in `<dir>/clients.json` for the embedded mode: hashes only, never keys, so the file may be
 * backed up or shared with operators. Re-read when it changes, so clients created by the CLI apply at once.
 * One writer at a time (the CLI); the gateway only reads.
 */
export function createFileClientStore(deps: FileClientStoreDeps): ClientStore {
  const file = jsonFile(join(deps.dir, 'clients.json'), fileSchema, () => ({ clients: [] }));
  return {
    async findByKeyHash(keyHash) {
      const { clients } = await file.read();
      const record = clients.find((c) => c.keyHash === keyHash);
      return record ? toClient(record) : null;
    },
    async createClient(input) {
      const { record, apiKey } = prepareClient(input);
      const { clients } = await file.read();
      if (clients.some((c) => c.id === record.id)) throw clientExists(record.id);
      await file.write({ clients: [...clients, record] });
      return { client: toClient(record), apiKey, createdAt: record.createdAt };
    },
    async revokeClient(id) {
      const { clients } = await file.read();
      const remaining = clients.filter((c) => c.id !== id);
      if (remaining.length === clients.length) return false;
      await file.write({ clients: remaining });
      return true;
    },
    async listClients() {
      const { clients } = await file.read();
      return clients.map(toListing).sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}

import { toClient } from '../client.js';
import { clientExists, prepareClient, toListing, type ClientRecord, type ClientStore } from './client-store.js';

/** API-key clients in process memory, for tests and single-process tools. */
export function createMemoryClientStore(): ClientStore {
  const byId = new Map<string, ClientRecord>();
  return {
    async findByKeyHash(keyHash) {
      for (const record of byId.values()) if (record.keyHash === keyHash) return toClient(record);
      return null;
    },
    async createClient(input) {
      const { record, apiKey } = prepareClient(input);
      if (byId.has(record.id)) throw clientExists(record.id);
      byId.set(record.id, record);
      return { client: toClient(record), apiKey, createdAt: record.createdAt };
    },
    async revokeClient(id) {
      return byId.delete(id);
    },
    async listClients() {
      return [...byId.values()].map(toListing).sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}

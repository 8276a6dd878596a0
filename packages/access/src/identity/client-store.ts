import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DomainError, invalidInput } from '@fulfillment-mesh/runtime';
import { CLIENT_ID_PATTERN, clientSchema, toClient, type Client, type ClientKind } from '../client.js';
import { generateApiKey, hashApiKey } from './api-keys.js';

/** What is stored per client: the client, when it was created, and the SHA-256 of its key (never the key). */
export interface ClientRecord extends Client {
  keyHash: string;
  /** ISO-8601 instant. */
  createdAt: string;
}

/** Input of {@link ClientStore.createClient}; the id defaults to `<kind>-<8 hex>`. */
export interface NewClient {
  id?: string;
  kind: ClientKind;
  scopes: string[];
  partnerId?: string;
}

/** A created client and its API key, which exists only in this value: show it once, then drop it. */
export interface CreatedClient {
  client: Client;
  apiKey: string;
  createdAt: string;
}

/** A client as listed to operators: no key material. */
export type ClientListing = Client & { createdAt: string };

/** Registered API-key clients: Redis in production, a `clients.json` file in the embedded mode. */
export interface ClientStore {
  /** The client whose key hashes to `keyHash`, or null (unknown or revoked). */
  findByKeyHash(keyHash: string): Promise<Client | null>;
  /** Registers a client with a fresh key; CONFLICT when the id is taken. */
  createClient(input: NewClient): Promise<CreatedClient>;
  /** Deletes the client and its key; false when there was no such client. */
  revokeClient(id: string): Promise<boolean>;
  /** Every client, by id. */
  listClients(): Promise<ClientListing[]>;
}

/** Runtime shape of a stored {@link ClientRecord}. */
export const clientRecordSchema = z.intersection(
  clientSchema,
  z.object({ keyHash: z.string().regex(/^[0-9a-f]{64}$/), createdAt: z.string() }),
);

/** Validates `input` and builds the record and the one-time key for it (shared by every store). */
export function prepareClient(input: NewClient, now: Date = new Date()): { record: ClientRecord; apiKey: string } {
  const id = input.id ?? `${input.kind}-${randomBytes(4).toString('hex')}`;
  if (!CLIENT_ID_PATTERN.test(id))
    throw invalidInput('client id', 'letters, digits, ".", "_", ":" or "-" (at most 128)', id);
  const parsed = clientSchema.safeParse({ ...input, id, scopes: [...new Set(input.scopes)] });
  if (!parsed.success) throw invalidInput('client', parsed.error.issues.map((i) => i.message).join('; '), input);
  const apiKey = generateApiKey();
  return { record: { ...toClient(parsed.data), keyHash: hashApiKey(apiKey), createdAt: now.toISOString() }, apiKey };
}

/** The CONFLICT raised when a client id is taken. */
export function clientExists(id: string): DomainError {
  return new DomainError('CONFLICT', `Client "${id}" already exists`, { entity: 'Client', id });
}

/** A listing entry of `record` (drops the key hash). */
export function toListing(record: ClientRecord): ClientListing {
  return { ...toClient(record), createdAt: record.createdAt };
}

import { z } from 'zod';

/** The kinds of caller the mesh tells apart; budgets, anonymous access and persisted-only rules key on them. */
export const CLIENT_KINDS = ['storefront', 'console', 'partner', 'operator', 'service'] as const;

/** One of {@link CLIENT_KINDS}. */
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** A verified caller: who it is, what kind of caller, which scopes it holds, and for partners which partner. */
export interface Client {
  id: string;
  kind: ClientKind;
  scopes: string[];
  /** Set for partners: the partner (tenant) whose data the client may see. */
  partnerId?: string;
  /** True only for the configured anonymous identity; `@authenticated` refuses it. */
  anonymous?: boolean;
}

/** Ids of clients created here (API keys) stay short and plain; JWT subjects may be anything up to 256 characters. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Runtime shape of a {@link Client} (stored JSON, signed headers): a partner always names its partner. */
export const clientSchema = z
  .object({
    id: z.string().min(1).max(256),
    kind: z.enum(CLIENT_KINDS),
    scopes: z.array(z.string().min(1)),
    partnerId: z.string().min(1).optional(),
    anonymous: z.boolean().optional(),
  })
  .refine((c) => c.kind !== 'partner' || c.partnerId !== undefined, { message: 'a partner client needs a partnerId' });

/** True when `value` is one of the {@link CLIENT_KINDS}. */
export function isClientKind(value: unknown): value is ClientKind {
  return typeof value === 'string' && (CLIENT_KINDS as readonly string[]).includes(value);
}

/** A copy of `client` holding only the {@link Client} fields (drops store bookkeeping such as hashes and dates). */
export function toClient(client: Client): Client {
  return {
    id: client.id,
    kind: client.kind,
    scopes: [...client.scopes],
    ...(client.partnerId !== undefined ? { partnerId: client.partnerId } : {}),
    ...(client.anonymous ? { anonymous: true } : {}),
  };
}

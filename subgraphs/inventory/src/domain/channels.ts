import { invalidInput } from '@fulfillment-mesh/runtime';
import { available, type StockLevels } from './quantities.js';

/** The kinds of stocking location (mirrors the schema's `LocationKind`). */
export type LocationKind = 'DC' | 'STORE' | 'THREE_PL';

/** The sales channels (the schema's `Channel`, shared with the orders subgraph). */
export type Channel = 'WEB' | 'MARKETPLACE' | 'EDI' | 'INSIDE_SALES' | 'STORE';

/** Every channel, in schema order. */
export const CHANNELS = ['WEB', 'MARKETPLACE', 'EDI', 'INSIDE_SALES', 'STORE'] as const satisfies readonly Channel[];

/** How one channel may use stock: where from, how much to hold back, and how an order may be split. */
export interface ChannelRule {
  /** Location kinds the channel ships from. */
  kinds: readonly LocationKind[];
  /** Further locations the channel ships from whatever their kind (e.g. one store serving a marketplace). */
  locationIds: readonly string[];
  /** Units held back at every eligible location (never promised to this channel), in units. */
  buffer: number;
  /** Whether what cannot be sourced may be backordered instead of rejecting the order. */
  allowBackorder: boolean;
  /** Most locations one order may ship from (1 = never split). */
  maxSplits: number;
}

/** The rule of every channel. */
export type ChannelConfig = Readonly<Record<Channel, ChannelRule>>;

/**
 * The default channel rules. Web orders ship from DCs and the 3PL, keep 2 units per location back for the
 * other channels, may split once and backorder. Marketplaces punish late and split shipments, so they ship
 * whole from DCs only, behind a larger buffer, and never backorder. EDI partners take big orders in up to three
 * shipments and accept backorders. Inside sales may use every location. Store orders ship from stores or DCs.
 */
export const DEFAULT_CHANNELS: ChannelConfig = {
  WEB: { kinds: ['DC', 'THREE_PL'], locationIds: [], buffer: 2, allowBackorder: true, maxSplits: 2 },
  MARKETPLACE: { kinds: ['DC'], locationIds: [], buffer: 5, allowBackorder: false, maxSplits: 1 },
  EDI: { kinds: ['DC', 'THREE_PL'], locationIds: [], buffer: 0, allowBackorder: true, maxSplits: 3 },
  INSIDE_SALES: { kinds: ['DC', 'STORE', 'THREE_PL'], locationIds: [], buffer: 0, allowBackorder: true, maxSplits: 3 },
  STORE: { kinds: ['STORE', 'DC'], locationIds: [], buffer: 0, allowBackorder: false, maxSplits: 2 },
};

/** True for one of the schema's channels. */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

/** The rule of `channel`; INVALID_INPUT naming `channel` for an unknown one (events carry channels as text). */
export function channelRule(config: ChannelConfig, channel: string): ChannelRule {
  if (!isChannel(channel)) throw invalidInput('channel', `one of ${CHANNELS.join(', ')}`, channel);
  return config[channel];
}

/** Whether the channel may ship from `location`. */
export function isEligible(rule: ChannelRule, location: { id: string; kind: LocationKind }): boolean {
  return rule.kinds.includes(location.kind) || rule.locationIds.includes(location.id);
}

/** The channels that may ship from `location`, in schema order (what `inventoryChanged(channel:)` filters on). */
export function channelsAt(config: ChannelConfig, location: { id: string; kind: LocationKind }): Channel[] {
  return CHANNELS.filter((channel) => isEligible(config[channel], location));
}

/** What a position can promise to the channel: its available less the channel's buffer, never negative. */
export function channelAvailable(rule: ChannelRule, stock: StockLevels): number {
  return Math.max(0, available(stock) - rule.buffer);
}

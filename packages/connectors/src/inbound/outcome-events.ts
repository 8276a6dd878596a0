import { createEvent, defineEvent, type EventDefinition, type EventEnvelope } from '@fulfillment-mesh/events';
import { z } from 'zod';

/**
 * `<domain>.inbound.outcome` (stream `<domain>`, subject = the document that records it: `<connector>/<documentId>`
 * for a receipt, `<connector>/dead-letter/<id>` for a dead letter — event sequences are per document): what became of a document an inbound
 * connector received — applied, kept as a dead letter, failed again on re-drive, or its dead letter resolved.
 * Written in the outbox of the receipt or dead letter it changes, so operations sees every inbound adapter's
 * successes, failures and backlog (`adapterHealth`, `fm_adapter_sync_*`) from one source.
 */
export const inboundOutcomeSchema = z.object({
  connector: z.string(),
  outcome: z.enum(['applied', 'dead-lettered', 'failed-again', 'resolved']),
  documentId: z.string().nullable(),
  deadLetterId: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type InboundOutcomeData = z.output<typeof inboundOutcomeSchema>;

const definitions = new Map<string, EventDefinition<typeof inboundOutcomeSchema>>();

/** The event definition of one domain's inbound outcomes. */
export function inboundOutcomeEvent(domain: string): EventDefinition<typeof inboundOutcomeSchema> {
  let def = definitions.get(domain);
  if (!def) {
    def = defineEvent({
      type: `${domain}.inbound.outcome`,
      version: 1,
      description: `An inbound ${domain} document was applied or dead-lettered.`,
      example: {
        connector: 'shopify',
        outcome: 'applied',
        documentId: 'gid-1',
        deadLetterId: null,
        reason: null,
        at: '2026-01-01T00:00:00.000Z',
      },
      schema: inboundOutcomeSchema,
    });
    definitions.set(domain, def);
  }
  return def;
}

/** The envelope of one outcome. */
export function inboundOutcome(domain: string, data: InboundOutcomeData): EventEnvelope {
  // The subject is the document whose outbox carries the event: its sequence numbers count per document, so a
  // per-connector subject would make every document's first event look stale after the connector's first one.
  const subject = data.deadLetterId
    ? `${data.connector}/dead-letter/${data.deadLetterId}`
    : `${data.connector}/${data.documentId ?? 'unknown'}`;
  return createEvent(inboundOutcomeEvent(domain), {
    source: `/subgraphs/${domain}`,
    subject,
    data,
    time: new Date(data.at),
  });
}

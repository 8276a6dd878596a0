import { useQuery, useSubscription } from '@apollo/client/react';
import { Badge, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable } from '../components/DataTable';
import { ErrorAlert, hasCode } from '../components/errors';
import { Time } from '../components/Time';
import { graphql } from '../gql';
import type { InventoryPageQuery } from '../gql/graphql';

const INVENTORY = graphql(`
  query InventoryPage($sku: ID!) {
    product(sku: $sku) {
      sku
      name
      status
      web: availability(channel: WEB) {
        available
      }
      marketplace: availability(channel: MARKETPLACE) {
        available
      }
      edi: availability(channel: EDI) {
        available
      }
      insideSales: availability(channel: INSIDE_SALES) {
        available
      }
      store: availability(channel: STORE) {
        available
      }
      positions {
        sku
        onHand
        reserved
        safetyStock
        damaged
        qualityControl
        available
        version
        updatedAt
        incoming {
          quantity
          expectedAt
        }
        location {
          id
          name
          kind
        }
        ledger(first: 10) {
          id
          at
          reason
          source
          actor
          version
          delta {
            onHand
            reserved
            safetyStock
            damaged
            qualityControl
          }
          resulting {
            available
          }
        }
      }
    }
  }
`);

const STOCK_CHANGED = graphql(`
  subscription InventoryPageChanged($skus: [ID!]) {
    inventoryChanged(skus: $skus) {
      cursor
      sku
      locationId
      available
    }
  }
`);

type Product = NonNullable<InventoryPageQuery['product']>;
type Position = NonNullable<Product['positions']>[number];
type Entry = Position['ledger'][number] & { location: string };
const position = createColumnHelper<Position>();
const positionColumns = [
  position.accessor((p) => p.location.name, {
    id: 'location',
    header: 'Location',
    cell: (c) => (
      <>
        {c.getValue()}{' '}
        <Text span size="xs" c="dimmed">
          {c.row.original.location.kind}
        </Text>
      </>
    ),
  }),
  position.accessor('onHand', {
    header: 'On hand',
    cell: (c) => <span data-testid={`onhand-${c.row.original.location.id}`}>{c.getValue()}</span>,
  }),
  position.accessor('reserved', { header: 'Reserved' }),
  position.accessor('safetyStock', { header: 'Safety' }),
  position.accessor('damaged', { header: 'Damaged' }),
  position.accessor('qualityControl', { header: 'QC' }),
  position.accessor((p) => p.incoming?.quantity ?? 0, { id: 'incoming', header: 'Incoming' }),
  position.accessor('available', { header: 'Available' }),
  position.accessor('updatedAt', { header: 'Updated', cell: (c) => <Time value={c.getValue()} /> }),
];
const entry = createColumnHelper<Entry>();
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const ledgerColumns = [
  entry.accessor('at', { header: 'At', cell: (c) => <Time value={c.getValue()} /> }),
  entry.accessor('location', { header: 'Location' }),
  entry.accessor('reason', { header: 'Reason' }),
  entry.accessor(
    (e) =>
      Object.entries(e.delta)
        .filter(([k, v]) => k !== '__typename' && v !== 0)
        .map(([k, v]) => `${k} ${signed(Number(v))}`)
        .join(', ') || '—',
    { id: 'delta', header: 'Change' },
  ),
  entry.accessor((e) => e.resulting.available, { id: 'after', header: 'Available after' }),
  entry.accessor((e) => `${e.source} / ${e.actor}`, { id: 'by', header: 'By' }),
];

/** Inventory of one SKU: every location's quantities, ATP per channel and recent ledger entries, live while open. */
export function Inventory() {
  const [params, setParams] = useSearchParams();
  const sku = params.get('sku') ?? '';
  const [input, setInput] = useState(sku);
  useEffect(() => setInput(sku), [sku]);
  const result = useQuery(INVENTORY, { variables: { sku }, skip: !sku, errorPolicy: 'all' });
  useSubscription(STOCK_CHANGED, { variables: { skus: [sku] }, skip: !sku, onData: () => void result.refetch() });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setParams(input.trim() ? { sku: input.trim() } : {});
  };
  const product = result.data?.product;
  const ledger: Entry[] = (product?.positions ?? [])
    .flatMap((p) => p.ledger.map((e) => ({ ...e, location: p.location.name })))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 20);
  return (
    <Stack>
      <Title order={2}>Inventory</Title>
      <form onSubmit={submit} aria-label="Find a SKU">
        <Group align="flex-end">
          <TextInput label="SKU" value={input} onChange={(e) => setInput(e.currentTarget.value)} />
          <Button type="submit">Show</Button>
        </Group>
      </form>
      {!sku ? <Text c="dimmed">Enter a SKU to see its stock.</Text> : null}
      {result.loading && !result.data ? <Loader aria-label="Loading inventory" /> : null}
      {sku && !product && hasCode(result.error, 'NOT_FOUND') ? (
        <Text role="alert">No product has the SKU {sku}.</Text>
      ) : null}
      {result.error && !hasCode(result.error, 'NOT_FOUND') ? <ErrorAlert error={result.error} /> : null}
      {product ? (
        <>
          <Title order={3}>
            {product.name}{' '}
            <Text span c="dimmed">
              {product.sku}
            </Text>
          </Title>
          <Group gap="xs" aria-label="Available to promise per channel">
            {(['web', 'marketplace', 'edi', 'insideSales', 'store'] as const).map((c) => (
              <Badge key={c} variant="filled" size="lg" color="blue.9">
                {c}: {product[c]?.available ?? 'unknown'}
              </Badge>
            ))}
          </Group>
          <DataTable
            data={product.positions ?? []}
            columns={positionColumns}
            caption="Quantities per location"
            empty={product.positions ? 'This SKU is stocked nowhere.' : 'Inventory is unavailable right now.'}
          />
          <Title order={3}>Recent ledger entries</Title>
          <DataTable
            data={ledger}
            columns={ledgerColumns}
            caption="Newest ledger entries across locations"
            empty="No ledger entries yet."
          />
        </>
      ) : null}
    </Stack>
  );
}

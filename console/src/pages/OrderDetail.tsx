import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import {
  Anchor,
  Badge,
  Card,
  Group,
  List,
  Loader,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ConfirmButton } from '../components/Confirm';
import { DataTable } from '../components/DataTable';
import { ErrorAlert, hasCode } from '../components/errors';
import { ProvenanceTable } from '../components/ProvenanceTable';
import { useSession } from '../components/session-context';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { graphql } from '../gql';
import type { OrderDetailQuery } from '../gql/graphql';
import { ExceptionTable } from './Exceptions';
import { can } from '../session';

const ORDER = graphql(`
  query OrderDetail($id: ID!, $operator: Boolean!) {
    order(id: $id) {
      id
      channel
      externalId
      status
      statusReason
      createdAt
      updatedAt
      financialStatus
      erpOrderNumber
      customer {
        id
        name
        email
      }
      shipTo {
        name
        address {
          line1
          city
          region
          postalCode
          country
        }
      }
      total {
        amount
        currencyCode
      }
      lines {
        lineId
        quantity
        status
        allocatedQuantity
        backorderedQuantity
        shippedQuantity
        cancelledQuantity
        returnedQuantity
        unitPrice {
          amount
          currencyCode
        }
        product {
          sku
          name
          availability {
            available
            asOf
          }
          provenance @include(if: $operator) {
            field
            source
            sourceVersion
            observedAt
            adapterRun
          }
          exceptions @include(if: $operator) {
            id
            kind
            status
            summary
          }
        }
      }
      allocations {
        location {
          id
          name
        }
        lines {
          lineId
          sku
          quantity
        }
      }
      shipments {
        id
        status
        carrier
        service
        trackingNumber
        confirmedAt
        updatedAt
        location {
          id
          name
        }
        milestones {
          status
          at
          location
          description
        }
      }
      returns {
        id
        status
        reason
        createdAt
        refundTotal {
          amount
          currencyCode
        }
        lines {
          lineId
          quantity
          receivedQuantity
          product {
            sku
            name
          }
        }
      }
      timeline {
        at
        status
        note
        actor
      }
      provenance {
        field
        source
        sourceVersion
        observedAt
        adapterRun
      }
    }
  }
`);

const ORDER_EXCEPTIONS = graphql(`
  query OrderExceptions($id: ID!) {
    order(id: $id) {
      id
      exceptions {
        ...ExceptionRow
      }
    }
  }
`);
const ORDER_EXCEPTION_RAISED = graphql(`
  subscription OrderExceptionRaised {
    exceptionRaised {
      cursor
      id
      subject
    }
  }
`);

const ORDER_CHANGED = graphql(`
  subscription OrderDetailStatus($orderId: ID!) {
    orderStatusChanged(orderId: $orderId) {
      cursor
      to
    }
  }
`);
const SHIPMENT_CHANGED = graphql(`
  subscription OrderDetailShipments($orderId: ID!) {
    shipmentUpdated(orderId: $orderId) {
      cursor
      status
      shipmentId
    }
  }
`);
const STOCK_CHANGED = graphql(`
  subscription OrderDetailStock($skus: [ID!]) {
    inventoryChanged(skus: $skus) {
      cursor
      sku
      available
    }
  }
`);

const RELEASE = graphql(`
  mutation ReleaseOrder($id: ID!) {
    releaseOrder(id: $id) {
      id
      status
    }
  }
`);
const CANCEL = graphql(`
  mutation CancelOrder($id: ID!, $reason: String!) {
    cancelOrder(id: $id, reason: $reason) {
      id
      status
    }
  }
`);
const CREATE_RETURN = graphql(`
  mutation CreateReturn($orderId: ID!, $lines: [ReturnLineInput!]!, $reason: String!) {
    createReturn(orderId: $orderId, lines: $lines, reason: $reason) {
      id
      status
    }
  }
`);

type Order = NonNullable<OrderDetailQuery['order']>;
type Line = Order['lines'][number];
const line = createColumnHelper<Line>();
const lineColumns = [
  line.accessor((l) => l.product?.name ?? 'Product details unavailable', {
    id: 'product',
    header: 'Product',
    cell: (c) => (
      <>
        {c.getValue()}{' '}
        <Text span size="xs" c="dimmed">
          {c.row.original.product?.sku ?? ''}
        </Text>
      </>
    ),
  }),
  line.accessor('quantity', { header: 'Qty' }),
  line.accessor((l) => `${l.unitPrice.amount} ${l.unitPrice.currencyCode}`, { id: 'price', header: 'Unit price' }),
  line.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  line.accessor((l) => l.product?.availability?.available ?? null, {
    id: 'available',
    header: 'Available now',
    cell: (c) => (
      <span data-testid={`available-${c.row.original.product?.sku ?? c.row.original.lineId}`}>
        {c.getValue() ?? 'unknown'}
      </span>
    ),
  }),
  line.accessor((l) => `${l.shippedQuantity} shipped, ${l.returnedQuantity} returned`, {
    id: 'progress',
    header: 'Progress',
  }),
];
/** Operators (operations:read) also see where each product's data came from and its open exceptions. */
const operatorLineColumns = [
  ...lineColumns,
  line.display({
    id: 'provenance',
    header: 'Product data from',
    cell: (c) => <LineProvenance product={c.row.original.product} />,
  }),
  line.display({
    id: 'exceptions',
    header: 'Product exceptions',
    cell: (c) => <LineExceptions product={c.row.original.product} />,
  }),
];

/** The open exceptions about a line's product (operators only; others see a dash). */
function LineExceptions({ product }: { product: Line['product'] | null | undefined }) {
  const open = (product?.exceptions ?? []).filter((e) => e.status !== 'RESOLVED');
  if (open.length === 0)
    return (
      <Text span size="xs">
        {product?.exceptions ? 'none open' : '—'}
      </Text>
    );
  return (
    <Stack gap={0}>
      {open.map((e) => (
        <Text key={e.id} size="xs">
          {e.kind.replaceAll('_', ' ')} ({e.status.toLowerCase()}): {e.summary}
        </Text>
      ))}
    </Stack>
  );
}

/** "pricing from ERP, version 412, observed …" for each field group of a line's product. */
function LineProvenance({ product }: { product: Line['product'] | null | undefined }) {
  // Product provenance is for operators (operations:read); other keys do not ask for it.
  if (product && !product.provenance)
    return (
      <Text span size="xs">
        —
      </Text>
    );
  const rows = product?.provenance ?? [];
  if (rows.length === 0)
    return (
      <Text span size="xs">
        {product ? 'no source recorded' : 'unavailable'}
      </Text>
    );
  return (
    <Stack gap={0}>
      {rows.map((p) => (
        <Text key={p.field} size="xs">
          {p.field} from {p.source}, version {p.sourceVersion}, observed <Time value={p.observedAt} />
        </Text>
      ))}
    </Stack>
  );
}

/** Where a carrier's tracking number can be followed; carriers without a public page get no link. */
function trackingUrl(carrier: string, number: string): string | null {
  const n = encodeURIComponent(number);
  const c = carrier.toUpperCase();
  if (c.includes('UPS')) return `https://www.ups.com/track?tracknum=${n}`;
  if (c.includes('FEDEX')) return `https://www.fedex.com/fedextrack/?trknbr=${n}`;
  if (c.includes('USPS')) return `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`;
  if (c.includes('DHL')) return `https://www.dhl.com/en/express/tracking.html?AWB=${n}`;
  return null;
}

/**
 * One order across the mesh: lines with live availability, allocations, shipments and milestones, returns, the
 * timeline and provenance. Three subscriptions (order status, its shipments, its SKUs' stock) refetch the order
 * whenever something changes, so the page is live without reloading.
 */
export function OrderDetail() {
  const { id = '' } = useParams();
  const session = useSession();
  const result = useQuery(ORDER, { variables: { id, operator: can(session, 'operations:read') }, errorPolicy: 'all' });
  const order = result.data?.order;
  const refetch = () => void result.refetch();
  useSubscription(ORDER_CHANGED, { variables: { orderId: id }, onData: refetch });
  useSubscription(SHIPMENT_CHANGED, {
    variables: { orderId: id },
    onData: refetch,
    skip: !can(session, 'shipments:read'),
  });
  const skus = (order?.lines ?? []).flatMap((l) => (l.product ? [l.product.sku] : []));
  useSubscription(STOCK_CHANGED, {
    variables: { skus },
    onData: refetch,
    skip: skus.length === 0 || !can(session, 'inventory:read'),
  });

  if (result.loading && !result.data) return <Loader aria-label="Loading order" />;
  if (!order) {
    if (hasCode(result.error, 'NOT_FOUND') || (result.data && !result.error)) {
      return (
        <Stack>
          <Title order={2}>Order not found</Title>
          <Text role="alert">No order has the id {id}.</Text>
        </Stack>
      );
    }
    return <ErrorAlert error={result.error} />;
  }
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>
          Order {order.id} <StatusBadge status={order.status} />
        </Title>
        <OrderActions order={order} onDone={refetch} />
      </Group>
      {result.error ? <ErrorAlert error={result.error} title="Part of this order could not be loaded" /> : null}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Card withBorder>
          <Text fw={600}>Order</Text>
          <Text size="sm">
            {order.channel} · {order.externalId}
          </Text>
          <Text size="sm">
            Created <Time value={order.createdAt} />
          </Text>
          <Text size="sm">
            Total {order.total.amount} {order.total.currencyCode}
          </Text>
          {order.statusReason ? <Text size="sm">Reason: {order.statusReason}</Text> : null}
        </Card>
        <Card withBorder>
          <Text fw={600}>Customer</Text>
          <Text size="sm">
            {order.customer.name} ({order.customer.id})
          </Text>
          <Text size="sm">
            {order.shipTo.name}, {order.shipTo.address.line1}, {order.shipTo.address.city} {order.shipTo.address.region}{' '}
            {order.shipTo.address.postalCode}
          </Text>
        </Card>
        <Card withBorder>
          <Text fw={600}>Finance</Text>
          <Text size="sm">Financial status: {order.financialStatus ?? 'not reported'}</Text>
          <Text size="sm">ERP order: {order.erpOrderNumber ?? 'not posted yet'}</Text>
        </Card>
      </SimpleGrid>

      <Title order={3}>Lines</Title>
      <DataTable
        data={order.lines}
        columns={can(session, 'operations:read') ? operatorLineColumns : lineColumns}
        caption="Order lines with live availability"
        empty="No lines."
      />

      <Title order={3}>Allocations</Title>
      {order.allocations.length === 0 ? (
        <Text c="dimmed">Nothing allocated.</Text>
      ) : (
        <List>
          {order.allocations.map((a, i) => (
            <List.Item key={a.location?.id ?? i}>
              {a.location?.name ?? 'A location that could not be loaded'}:{' '}
              {a.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}
            </List.Item>
          ))}
        </List>
      )}

      <Title order={3}>Shipments</Title>
      {order.shipments == null ? <Text c="dimmed">Shipments could not be loaded.</Text> : null}
      {order.shipments?.length === 0 ? <Text c="dimmed">No shipments yet.</Text> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(order.shipments ?? []).map((s) => {
          const url = s.trackingNumber ? trackingUrl(s.carrier, s.trackingNumber) : null;
          return (
            <Card withBorder key={s.id} data-testid={`shipment-${s.id}`}>
              <Group justify="space-between">
                <Text fw={600}>{s.id}</Text>
                <StatusBadge status={s.status} />
              </Group>
              <Text size="sm">
                {s.carrier} {s.service} from {s.location?.name ?? 'an unknown location'}
              </Text>
              <Text size="sm">
                Tracking:{' '}
                {s.trackingNumber ? (
                  url ? (
                    <Anchor href={url} target="_blank" rel="noreferrer">
                      {s.trackingNumber}
                    </Anchor>
                  ) : (
                    s.trackingNumber
                  )
                ) : (
                  'none yet'
                )}
              </Text>
              <List size="sm" mt="xs" aria-label={`Milestones of ${s.id}`}>
                {s.milestones.map((m, i) => (
                  <List.Item key={i}>
                    <Time value={m.at} /> — {m.status.replaceAll('_', ' ')}: {m.description}
                    {m.location ? ` (${m.location})` : ''}
                  </List.Item>
                ))}
              </List>
            </Card>
          );
        })}
      </SimpleGrid>

      <Title order={3}>Returns</Title>
      {order.returns.length === 0 ? (
        <Text c="dimmed">No returns.</Text>
      ) : (
        <List>
          {order.returns.map((r) => (
            <List.Item key={r.id}>
              {r.id} <StatusBadge status={r.status} /> — {r.reason};{' '}
              {r.lines
                .map((l) => `${l.quantity} × ${l.product?.name ?? l.lineId} (${l.receivedQuantity} received)`)
                .join(', ')}
              ; refund {r.refundTotal.amount} {r.refundTotal.currencyCode}
            </List.Item>
          ))}
        </List>
      )}

      <Title order={3}>Timeline</Title>
      <List aria-label="Timeline" data-testid="timeline">
        {order.timeline.map((t, i) => (
          <List.Item key={i}>
            <Time value={t.at} /> <StatusBadge status={t.status} /> {t.note}{' '}
            <Text span size="xs" c="dimmed">
              by {t.actor}
            </Text>
          </List.Item>
        ))}
      </List>

      <Title order={3}>Provenance</Title>
      <ProvenanceTable rows={order.provenance} caption="Where each field group of this order came from" />
      {can(session, 'operations:read') ? <OrderExceptions orderId={order.id} /> : null}
    </Stack>
  );
}

/** The order's exceptions that are not resolved yet (operators only), refreshed when one is raised about it. */
function OrderExceptions({ orderId }: { orderId: string }) {
  const result = useQuery(ORDER_EXCEPTIONS, { variables: { id: orderId }, errorPolicy: 'all' });
  useSubscription(ORDER_EXCEPTION_RAISED, {
    onData: ({ data }) => {
      if (data.data?.exceptionRaised.subject === orderId) void result.refetch();
    },
  });
  const open = (result.data?.order?.exceptions ?? []).filter((e) => e.status !== 'RESOLVED');
  return (
    <>
      <Title order={3}>Open exceptions</Title>
      {result.error ? <ErrorAlert error={result.error} title="Exceptions could not be loaded" /> : null}
      {result.loading && !result.data ? <Loader aria-label="Loading exceptions" /> : null}
      {result.data ? (
        <ExceptionTable
          rows={open}
          caption="Open exceptions about this order"
          onChanged={() => void result.refetch()}
          compact
        />
      ) : null}
    </>
  );
}

/** Release, cancel and create a return, each shown only to keys whose scopes allow it. */
function OrderActions({ order, onDone }: { order: Order; onDone: () => void }) {
  const session = useSession();
  const [release] = useMutation(RELEASE);
  const [cancel] = useMutation(CANCEL);
  const [createReturn] = useMutation(CREATE_RETURN);
  const [reason, setReason] = useState('');
  const [returnReason, setReturnReason] = useState('');
  const returnable = order.lines.filter((l) => l.shippedQuantity - l.returnedQuantity > 0);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const done = () => onDone();
  return (
    <Group>
      {can(session, 'fulfillment:write') ? (
        <ConfirmButton
          label="Release"
          title={`Release order ${order.id} to the warehouses?`}
          action={() => release({ variables: { id: order.id } }).then(done)}
        >
          <Text size="sm">One shipment is created per allocated location.</Text>
        </ConfirmButton>
      ) : null}
      {can(session, 'orders:write') ? (
        <ConfirmButton
          label="Cancel"
          color="red"
          title={`Cancel order ${order.id}?`}
          confirmLabel="Cancel order"
          action={() =>
            cancel({ variables: { id: order.id, reason: reason || 'cancelled from the console' } }).then(done)
          }
        >
          <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        </ConfirmButton>
      ) : null}
      {can(session, 'orders:write') && returnable.length > 0 ? (
        <ConfirmButton
          label="Create return"
          title={`Open a return for order ${order.id}`}
          confirmLabel="Create return"
          action={() =>
            createReturn({
              variables: {
                orderId: order.id,
                reason: returnReason || 'customer return',
                lines: Object.entries(quantities)
                  .filter(([, q]) => q > 0)
                  .map(([lineId, quantity]) => ({ lineId, quantity })),
              },
            }).then(done)
          }
        >
          {returnable.map((l) => (
            <NumberInput
              key={l.lineId}
              label={`${l.product?.name ?? l.lineId} (up to ${l.shippedQuantity - l.returnedQuantity})`}
              min={0}
              max={l.shippedQuantity - l.returnedQuantity}
              value={quantities[l.lineId] ?? 0}
              onChange={(v) => setQuantities((q) => ({ ...q, [l.lineId]: Number(v) || 0 }))}
            />
          ))}
          <TextInput label="Reason" value={returnReason} onChange={(e) => setReturnReason(e.currentTarget.value)} />
        </ConfirmButton>
      ) : null}
      {!can(session, 'orders:write') && !can(session, 'fulfillment:write') ? (
        <Badge variant="outline">read only</Badge>
      ) : null}
    </Group>
  );
}

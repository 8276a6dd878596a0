import { skipToken, useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { DataTable } from '../components/DataTable';
import { ErrorAlert } from '../components/errors';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { graphql } from '../gql';
import type { Channel, OrderFilter, OrderStatus, OrderSearchQuery } from '../gql/graphql';

const SEARCH = graphql(`
  query OrderSearch($filter: OrderFilter, $first: Int, $after: String) {
    orders(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        channel
        externalId
        status
        createdAt
        customer {
          id
          name
        }
        total {
          amount
          currencyCode
        }
      }
    }
  }
`);

const BY_EXTERNAL_ID = graphql(`
  query OrderByExternalId($channel: Channel!, $externalId: String!) {
    orderByExternalId(channel: $channel, externalId: $externalId) {
      id
    }
  }
`);

/** Channels and statuses of the API schema, for the filters. */
export const CHANNELS: Channel[] = ['WEB', 'MARKETPLACE', 'EDI', 'INSIDE_SALES', 'STORE'];
const STATUSES: OrderStatus[] = [
  'PENDING_VALIDATION',
  'ACCEPTED',
  'BACKORDERED',
  'REJECTED',
  'RELEASED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
  'RETURN_REQUESTED',
  'RETURNED',
];
const FIELDS = ['id', 'channel', 'externalId', 'customer', 'status', 'from', 'to'] as const;
const PAGE_SIZE = 20;

type Row = OrderSearchQuery['orders']['nodes'][number];
const column = createColumnHelper<Row>();
const columns = [
  column.accessor('id', {
    header: 'Order',
    cell: (c) => (
      <Anchor component={Link} to={`/orders/${encodeURIComponent(c.getValue())}`}>
        {c.getValue()}
      </Anchor>
    ),
  }),
  column.accessor('status', { header: 'Status', cell: (c) => <StatusBadge status={c.getValue()} /> }),
  column.accessor('channel', { header: 'Channel' }),
  column.accessor('externalId', { header: 'External id' }),
  column.accessor((o) => o.customer.name, { id: 'customer', header: 'Customer' }),
  column.accessor((o) => `${o.total.amount} ${o.total.currencyCode}`, { id: 'total', header: 'Total' }),
  column.accessor('createdAt', { header: 'Created', cell: (c) => <Time value={c.getValue()} /> }),
];

/** Order search: every filter lives in the URL, so a search can be shared or bookmarked. */
export function OrderSearch() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [form, setForm] = useState(
    () => Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FIELDS)[number], string>,
  );
  useEffect(() => setForm(Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as typeof form), [params]);

  const channel = params.get('channel') as Channel | null;
  const externalId = params.get('externalId');
  const byExternal = useQuery(
    BY_EXTERNAL_ID,
    channel && externalId ? { variables: { channel, externalId } } : skipToken,
  );
  const externalOrder = byExternal.data?.orderByExternalId;
  useEffect(() => {
    if (externalOrder) void navigate(`/orders/${encodeURIComponent(externalOrder.id)}`);
  }, [externalOrder, navigate]);

  const filter: OrderFilter = {};
  if (channel) filter.channel = channel;
  if (params.get('status')) filter.status = params.get('status') as OrderStatus;
  if (params.get('customer')) filter.customerId = params.get('customer');
  if (params.get('from')) filter.createdAfter = `${params.get('from')}T00:00:00.000Z`;
  if (params.get('to')) filter.createdBefore = `${params.get('to')}T23:59:59.999Z`;
  const after = params.get('after');
  const list = useQuery(SEARCH, {
    variables: { filter, first: PAGE_SIZE, ...(after ? { after } : {}) },
    skip: Boolean(externalId),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.id.trim()) return void navigate(`/orders/${encodeURIComponent(form.id.trim())}`);
    const next = new URLSearchParams();
    for (const f of FIELDS) if (f !== 'id' && form[f].trim()) next.set(f, form[f].trim());
    setParams(next);
  };
  const set = (field: (typeof FIELDS)[number]) => (value: string | null) =>
    setForm((f) => ({ ...f, [field]: value ?? '' }));
  const page = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set('after', cursor);
    else next.delete('after');
    setParams(next);
  };

  return (
    <Stack>
      <Title order={2}>Orders</Title>
      <form onSubmit={submit} aria-label="Search orders">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <TextInput label="Order id" value={form.id} onChange={(e) => set('id')(e.currentTarget.value)} />
          <Select label="Channel" data={CHANNELS} value={form.channel || null} onChange={set('channel')} clearable />
          <TextInput
            label="External id"
            description="with a channel"
            value={form.externalId}
            onChange={(e) => set('externalId')(e.currentTarget.value)}
          />
          <TextInput
            label="Customer id"
            value={form.customer}
            onChange={(e) => set('customer')(e.currentTarget.value)}
          />
          <Select label="Status" data={STATUSES} value={form.status || null} onChange={set('status')} clearable />
          <TextInput
            type="date"
            label="Created from"
            value={form.from}
            onChange={(e) => set('from')(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label="Created to"
            value={form.to}
            onChange={(e) => set('to')(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit">Search</Button>
          <Button variant="default" onClick={() => setParams(new URLSearchParams())}>
            Clear
          </Button>
        </Group>
      </form>
      {externalId && !channel ? <Text role="alert">Choose the channel the external id belongs to.</Text> : null}
      {byExternal.error ? <ErrorAlert error={byExternal.error} /> : null}
      {externalId && channel && byExternal.data && !externalOrder ? (
        <Text role="alert">
          No {channel} order with external id {externalId}.
        </Text>
      ) : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.loading && !list.data ? <Loader aria-label="Loading orders" /> : null}
      {list.data ? (
        <>
          <Text size="sm" aria-live="polite">
            {list.data.orders.totalCount} orders match
          </Text>
          <DataTable
            data={list.data.orders.nodes}
            columns={columns}
            caption="Orders, newest first"
            empty="No orders match this search."
          />
          <Group>
            <Button variant="default" disabled={!after} onClick={() => page(null)}>
              First page
            </Button>
            <Button
              variant="default"
              disabled={!list.data.orders.pageInfo.hasNextPage}
              onClick={() => page(list.data?.orders.pageInfo.endCursor ?? null)}
            >
              Next page
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}

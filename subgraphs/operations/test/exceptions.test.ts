import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, operationsHarness } from './support.js';

const FIELDS =
  'id kind status severity subject subjectType summary assignee occurrences openedAt acknowledgedAt resolvedAt ageSeconds notes { author text }';

describe('exceptions as work items', () => {
  let h: Awaited<ReturnType<typeof operationsHarness>>;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock();
    h = await operationsHarness({ now: () => clock.now() });
  });
  afterEach(async () => {
    await h.close();
  });

  const raiseLate = (subject = 'shp-1') =>
    h.subgraph.exceptions.raise({
      kind: 'LATE_SHIPMENT',
      subject,
      subjectType: 'SHIPMENT',
      summary: `Shipment ${subject} is late`,
    });

  it('keeps one open exception per kind and subject, counting repeats as occurrences', async () => {
    const first = await raiseLate();
    const again = await raiseLate();
    expect(first.opened).toBe(true);
    expect(again.opened).toBe(false);
    expect(again.exception._id).toBe(first.exception._id);
    const op = await h.as('ops-1', ['operations:read']);
    const result = await op.run(`{ exceptions { totalCount nodes { ${FIELDS} } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.exceptions).toMatchObject({
      totalCount: 1,
      nodes: [{ kind: 'LATE_SHIPMENT', status: 'OPEN', severity: 'WARNING', occurrences: 2 }],
    });
  });

  it('walks OPEN → ACKNOWLEDGED → RESOLVED with assignee, notes, times and age', async () => {
    const { exception } = await raiseLate();
    const op = await h.as('ops-1', ['operations:read', 'operations:write']);
    clock.advance(60_000);
    const ack = await op.run(`mutation($id: ID!) { acknowledgeException(id: $id, note: "on it") { ${FIELDS} } }`, {
      id: exception._id,
    });
    expect(ack.errors).toBeUndefined();
    expect(ack.data?.acknowledgeException).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedAt: '2026-12-01T10:01:00.000Z',
      notes: [{ author: 'ops-1', text: 'on it' }],
    });
    const assigned = await op.run(
      `mutation($id: ID!) { assignException(id: $id, assignee: "dana") { assignee status } }`,
      { id: exception._id },
    );
    expect(assigned.data?.assignException).toEqual({ assignee: 'dana', status: 'ACKNOWLEDGED' });
    clock.advance(60_000);
    const resolved = await op.run(
      `mutation($id: ID!) { resolveException(id: $id, note: "carrier picked up") { ${FIELDS} } }`,
      { id: exception._id },
    );
    expect(resolved.data?.resolveException).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: '2026-12-01T10:02:00.000Z',
      ageSeconds: 120,
    });
  });

  it('answers NOT_FOUND for an unknown id and CONFLICT naming the state when resolving a resolved exception', async () => {
    const { exception } = await raiseLate();
    const op = await h.as('ops-1', ['operations:read', 'operations:write']);
    const unknown = await op.run('mutation { acknowledgeException(id: "exc-nope") { id } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const missing = await op.run('{ exception(id: "exc-nope") { id } }');
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await op.run('mutation($id: ID!) { resolveException(id: $id) { id } }', { id: exception._id });
    const twice = await op.run('mutation($id: ID!) { resolveException(id: $id) { id } }', { id: exception._id });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(twice.errors?.[0]?.message).toContain('it is RESOLVED');
  });

  it('refuses acknowledge, assign and resolve without operations:write and reads without operations:read', async () => {
    const { exception } = await raiseLate();
    const reader = await h.as('viewer', ['operations:read']);
    for (const mutation of [
      'acknowledgeException(id: $id)',
      'assignException(id: $id, assignee: "dana")',
      'resolveException(id: $id)',
    ]) {
      const denied = await reader.run(`mutation($id: ID!) { ${mutation} { id } }`, { id: exception._id });
      expect(denied.errors?.[0]?.extensions?.code, mutation).toBe('FORBIDDEN');
    }
    const stranger = await h.as('shop', ['orders:read']);
    const hidden = await stranger.run('{ exceptions { totalCount } }');
    expect(hidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const single = await stranger.run('query($id: ID!) { exception(id: $id) { id } }', { id: exception._id });
    expect(single.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.subgraph.exceptions.open('LATE_SHIPMENT', 'shp-1')).toMatchObject({
      status: 'OPEN',
      assignee: null,
    });
  });

  it('opens a fresh exception when a resolved cause comes back', async () => {
    const first = await raiseLate();
    await h.subgraph.exceptions.clear('LATE_SHIPMENT', 'shp-1', 'shipment moved');
    const back = await raiseLate();
    expect(back.opened).toBe(true);
    expect(back.exception._id).not.toBe(first.exception._id);
    const resolved = await h.subgraph.collections.exceptions.findOne({ _id: first.exception._id });
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedBy: 'auto: shipment moved' });
  });

  it('filters by kind, status, subject and age, and pages oldest first', async () => {
    await raiseLate('shp-1');
    clock.advance(1_000);
    await raiseLate('shp-2');
    clock.advance(1_000);
    await h.subgraph.exceptions.raise({
      kind: 'BACKORDER',
      subject: 'ord-9',
      subjectType: 'ORDER',
      summary: 'Order ord-9 is backordered',
    });
    const op = await h.as('ops-1', ['operations:read']);
    const late = await op.run(
      '{ exceptions(filter: { kind: [LATE_SHIPMENT] }, first: 1) { totalCount nodes { subject } pageInfo { hasNextPage endCursor } } }',
    );
    const page = late.data?.exceptions as {
      totalCount: number;
      nodes: { subject: string }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page).toMatchObject({ totalCount: 2, nodes: [{ subject: 'shp-1' }], pageInfo: { hasNextPage: true } });
    const next = await op.run(
      'query($after: String) { exceptions(filter: { kind: [LATE_SHIPMENT] }, after: $after) { nodes { subject } pageInfo { hasNextPage } } }',
      { after: page.pageInfo.endCursor },
    );
    expect(next.data?.exceptions).toEqual({ nodes: [{ subject: 'shp-2' }], pageInfo: { hasNextPage: false } });
    const old = await op.run(
      '{ exceptions(filter: { olderThan: "2026-12-01T10:00:01.500Z", status: [OPEN] }) { nodes { subject } } }',
    );
    expect(old.data?.exceptions).toEqual({ nodes: [{ subject: 'shp-1' }, { subject: 'shp-2' }] });
    const bad = await op.run('{ exceptions(filter: { olderThan: "yesterday" }) { totalCount } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
  });

  it('lists exceptions on the order, shipment and product they are about', async () => {
    await raiseLate('shp-7');
    await h.subgraph.exceptions.raise({
      kind: 'BACKORDER',
      subject: 'ord-7',
      subjectType: 'ORDER',
      summary: 'Order ord-7 is backordered',
    });
    const op = await h.as('ops-1', ['operations:read']);
    const result = await op.run(
      `query { _entities(representations: [{ __typename: "Order", id: "ord-7" }, { __typename: "Shipment", id: "shp-7" }, { __typename: "Product", sku: "FM-1" }]) {
        ... on Order { exceptions { kind } } ... on Shipment { exceptions { kind } } ... on Product { exceptions { kind } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { exceptions: [{ kind: 'BACKORDER' }] },
      { exceptions: [{ kind: 'LATE_SHIPMENT' }] },
      { exceptions: [] },
    ]);
  });
});

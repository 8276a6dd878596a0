/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ExceptionsQueue($filter: ExceptionFilter, $first: Int, $after: String) {\n    exceptions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...ExceptionRow }\n    }\n  }\n  fragment ExceptionRow on Exception {\n    id kind status severity subject subjectType summary detail assignee occurrences openedAt acknowledgedAt\n    resolvedAt ageSeconds lastSeenAt resolvedBy\n    notes { at author text }\n  }\n": typeof types.ExceptionsQueueDocument,
    "\n  subscription ExceptionRaised {\n    exceptionRaised { cursor id kind summary subject }\n  }\n": typeof types.ExceptionRaisedDocument,
    "\n  mutation AcknowledgeException($id: ID!, $note: String) { acknowledgeException(id: $id, note: $note) { ...ExceptionRow } }\n": typeof types.AcknowledgeExceptionDocument,
    "\n  mutation AssignException($id: ID!, $assignee: String!) { assignException(id: $id, assignee: $assignee) { ...ExceptionRow } }\n": typeof types.AssignExceptionDocument,
    "\n  mutation ResolveException($id: ID!, $note: String) { resolveException(id: $id, note: $note) { ...ExceptionRow } }\n": typeof types.ResolveExceptionDocument,
    "\n  query InventoryPage($sku: ID!) {\n    product(sku: $sku) {\n      sku name status\n      web: availability(channel: WEB) { available }\n      marketplace: availability(channel: MARKETPLACE) { available }\n      edi: availability(channel: EDI) { available }\n      insideSales: availability(channel: INSIDE_SALES) { available }\n      store: availability(channel: STORE) { available }\n      positions {\n        sku onHand reserved safetyStock damaged qualityControl available version updatedAt\n        incoming { quantity expectedAt }\n        location { id name kind }\n        ledger(first: 10) {\n          id at reason source actor version\n          delta { onHand reserved safetyStock damaged qualityControl }\n          resulting { available }\n        }\n      }\n    }\n  }\n": typeof types.InventoryPageDocument,
    "\n  subscription InventoryPageChanged($skus: [ID!]) {\n    inventoryChanged(skus: $skus) { cursor sku locationId available }\n  }\n": typeof types.InventoryPageChangedDocument,
    "\n  query IntegrationHealth {\n    integrationHealth {\n      stream length lastEventTime deadLetters\n      groups { group backlog pending oldestPendingAgeMs consumers }\n    }\n  }\n": typeof types.IntegrationHealthDocument,
    "\n  query AdapterHealth {\n    adapterHealth { adapter direction lastSuccessAt lastFailureAt failuresLastHour backlog }\n  }\n": typeof types.AdapterHealthDocument,
    "\n  query DeadLetters($stream: String!) {\n    deadLetters(stream: $stream, first: 50) {\n      totalCount\n      nodes { id stream group reason lastError deadLetteredAt eventType subject envelope attempts { at error } }\n    }\n  }\n": typeof types.DeadLettersDocument,
    "\n  mutation ReplayDeadLetters($stream: String!, $ids: [ID!]!) {\n    replayDeadLetters(stream: $stream, ids: $ids) { replayed missing }\n  }\n": typeof types.ReplayDeadLettersDocument,
    "\n  query Conflicts {\n    catalogConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    inventoryConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    ordersConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    shipmentsConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n  }\n  fragment ConflictRow on MasteringConflict {\n    id entityId fieldGroup source sourceVersion observedAt reason currentSource currentSourceVersion at\n  }\n": typeof types.ConflictsDocument,
    "\n  query OrderDetail($id: ID!, $operator: Boolean!) {\n    order(id: $id) {\n      id channel externalId status statusReason createdAt updatedAt financialStatus erpOrderNumber\n      customer { id name email }\n      shipTo { name address { line1 city region postalCode country } }\n      total { amount currencyCode }\n      lines {\n        lineId quantity status allocatedQuantity backorderedQuantity shippedQuantity cancelledQuantity returnedQuantity\n        unitPrice { amount currencyCode }\n        product { sku name availability { available asOf } provenance @include(if: $operator) { field source sourceVersion observedAt adapterRun }\n          exceptions @include(if: $operator) { id kind status summary }\n        }\n      }\n      allocations { location { id name } lines { lineId sku quantity } }\n      shipments {\n        id status carrier service trackingNumber confirmedAt updatedAt\n        location { id name }\n        milestones { status at location description }\n      }\n      returns { id status reason createdAt refundTotal { amount currencyCode } lines { lineId quantity receivedQuantity product { sku name } } }\n      timeline { at status note actor }\n      provenance { field source sourceVersion observedAt adapterRun }\n    }\n  }\n": typeof types.OrderDetailDocument,
    "\n  query OrderExceptions($id: ID!) {\n    order(id: $id) { id exceptions { ...ExceptionRow } }\n  }\n": typeof types.OrderExceptionsDocument,
    "\n  subscription OrderExceptionRaised {\n    exceptionRaised { cursor id subject }\n  }\n": typeof types.OrderExceptionRaisedDocument,
    "\n  subscription OrderDetailStatus($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) { cursor to }\n  }\n": typeof types.OrderDetailStatusDocument,
    "\n  subscription OrderDetailShipments($orderId: ID!) {\n    shipmentUpdated(orderId: $orderId) { cursor status shipmentId }\n  }\n": typeof types.OrderDetailShipmentsDocument,
    "\n  subscription OrderDetailStock($skus: [ID!]) {\n    inventoryChanged(skus: $skus) { cursor sku available }\n  }\n": typeof types.OrderDetailStockDocument,
    "mutation ReleaseOrder($id: ID!) { releaseOrder(id: $id) { id status } }": typeof types.ReleaseOrderDocument,
    "mutation CancelOrder($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { id status } }": typeof types.CancelOrderDocument,
    "\n  mutation CreateReturn($orderId: ID!, $lines: [ReturnLineInput!]!, $reason: String!) {\n    createReturn(orderId: $orderId, lines: $lines, reason: $reason) { id status }\n  }\n": typeof types.CreateReturnDocument,
    "\n  query OrderSearch($filter: OrderFilter, $first: Int, $after: String) {\n    orders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id channel externalId status createdAt customer { id name } total { amount currencyCode } }\n    }\n  }\n": typeof types.OrderSearchDocument,
    "\n  query OrderByExternalId($channel: Channel!, $externalId: String!) {\n    orderByExternalId(channel: $channel, externalId: $externalId) { id }\n  }\n": typeof types.OrderByExternalIdDocument,
};
const documents: Documents = {
    "\n  query ExceptionsQueue($filter: ExceptionFilter, $first: Int, $after: String) {\n    exceptions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...ExceptionRow }\n    }\n  }\n  fragment ExceptionRow on Exception {\n    id kind status severity subject subjectType summary detail assignee occurrences openedAt acknowledgedAt\n    resolvedAt ageSeconds lastSeenAt resolvedBy\n    notes { at author text }\n  }\n": types.ExceptionsQueueDocument,
    "\n  subscription ExceptionRaised {\n    exceptionRaised { cursor id kind summary subject }\n  }\n": types.ExceptionRaisedDocument,
    "\n  mutation AcknowledgeException($id: ID!, $note: String) { acknowledgeException(id: $id, note: $note) { ...ExceptionRow } }\n": types.AcknowledgeExceptionDocument,
    "\n  mutation AssignException($id: ID!, $assignee: String!) { assignException(id: $id, assignee: $assignee) { ...ExceptionRow } }\n": types.AssignExceptionDocument,
    "\n  mutation ResolveException($id: ID!, $note: String) { resolveException(id: $id, note: $note) { ...ExceptionRow } }\n": types.ResolveExceptionDocument,
    "\n  query InventoryPage($sku: ID!) {\n    product(sku: $sku) {\n      sku name status\n      web: availability(channel: WEB) { available }\n      marketplace: availability(channel: MARKETPLACE) { available }\n      edi: availability(channel: EDI) { available }\n      insideSales: availability(channel: INSIDE_SALES) { available }\n      store: availability(channel: STORE) { available }\n      positions {\n        sku onHand reserved safetyStock damaged qualityControl available version updatedAt\n        incoming { quantity expectedAt }\n        location { id name kind }\n        ledger(first: 10) {\n          id at reason source actor version\n          delta { onHand reserved safetyStock damaged qualityControl }\n          resulting { available }\n        }\n      }\n    }\n  }\n": types.InventoryPageDocument,
    "\n  subscription InventoryPageChanged($skus: [ID!]) {\n    inventoryChanged(skus: $skus) { cursor sku locationId available }\n  }\n": types.InventoryPageChangedDocument,
    "\n  query IntegrationHealth {\n    integrationHealth {\n      stream length lastEventTime deadLetters\n      groups { group backlog pending oldestPendingAgeMs consumers }\n    }\n  }\n": types.IntegrationHealthDocument,
    "\n  query AdapterHealth {\n    adapterHealth { adapter direction lastSuccessAt lastFailureAt failuresLastHour backlog }\n  }\n": types.AdapterHealthDocument,
    "\n  query DeadLetters($stream: String!) {\n    deadLetters(stream: $stream, first: 50) {\n      totalCount\n      nodes { id stream group reason lastError deadLetteredAt eventType subject envelope attempts { at error } }\n    }\n  }\n": types.DeadLettersDocument,
    "\n  mutation ReplayDeadLetters($stream: String!, $ids: [ID!]!) {\n    replayDeadLetters(stream: $stream, ids: $ids) { replayed missing }\n  }\n": types.ReplayDeadLettersDocument,
    "\n  query Conflicts {\n    catalogConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    inventoryConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    ordersConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    shipmentsConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n  }\n  fragment ConflictRow on MasteringConflict {\n    id entityId fieldGroup source sourceVersion observedAt reason currentSource currentSourceVersion at\n  }\n": types.ConflictsDocument,
    "\n  query OrderDetail($id: ID!, $operator: Boolean!) {\n    order(id: $id) {\n      id channel externalId status statusReason createdAt updatedAt financialStatus erpOrderNumber\n      customer { id name email }\n      shipTo { name address { line1 city region postalCode country } }\n      total { amount currencyCode }\n      lines {\n        lineId quantity status allocatedQuantity backorderedQuantity shippedQuantity cancelledQuantity returnedQuantity\n        unitPrice { amount currencyCode }\n        product { sku name availability { available asOf } provenance @include(if: $operator) { field source sourceVersion observedAt adapterRun }\n          exceptions @include(if: $operator) { id kind status summary }\n        }\n      }\n      allocations { location { id name } lines { lineId sku quantity } }\n      shipments {\n        id status carrier service trackingNumber confirmedAt updatedAt\n        location { id name }\n        milestones { status at location description }\n      }\n      returns { id status reason createdAt refundTotal { amount currencyCode } lines { lineId quantity receivedQuantity product { sku name } } }\n      timeline { at status note actor }\n      provenance { field source sourceVersion observedAt adapterRun }\n    }\n  }\n": types.OrderDetailDocument,
    "\n  query OrderExceptions($id: ID!) {\n    order(id: $id) { id exceptions { ...ExceptionRow } }\n  }\n": types.OrderExceptionsDocument,
    "\n  subscription OrderExceptionRaised {\n    exceptionRaised { cursor id subject }\n  }\n": types.OrderExceptionRaisedDocument,
    "\n  subscription OrderDetailStatus($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) { cursor to }\n  }\n": types.OrderDetailStatusDocument,
    "\n  subscription OrderDetailShipments($orderId: ID!) {\n    shipmentUpdated(orderId: $orderId) { cursor status shipmentId }\n  }\n": types.OrderDetailShipmentsDocument,
    "\n  subscription OrderDetailStock($skus: [ID!]) {\n    inventoryChanged(skus: $skus) { cursor sku available }\n  }\n": types.OrderDetailStockDocument,
    "mutation ReleaseOrder($id: ID!) { releaseOrder(id: $id) { id status } }": types.ReleaseOrderDocument,
    "mutation CancelOrder($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { id status } }": types.CancelOrderDocument,
    "\n  mutation CreateReturn($orderId: ID!, $lines: [ReturnLineInput!]!, $reason: String!) {\n    createReturn(orderId: $orderId, lines: $lines, reason: $reason) { id status }\n  }\n": types.CreateReturnDocument,
    "\n  query OrderSearch($filter: OrderFilter, $first: Int, $after: String) {\n    orders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id channel externalId status createdAt customer { id name } total { amount currencyCode } }\n    }\n  }\n": types.OrderSearchDocument,
    "\n  query OrderByExternalId($channel: Channel!, $externalId: String!) {\n    orderByExternalId(channel: $channel, externalId: $externalId) { id }\n  }\n": types.OrderByExternalIdDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExceptionsQueue($filter: ExceptionFilter, $first: Int, $after: String) {\n    exceptions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...ExceptionRow }\n    }\n  }\n  fragment ExceptionRow on Exception {\n    id kind status severity subject subjectType summary detail assignee occurrences openedAt acknowledgedAt\n    resolvedAt ageSeconds lastSeenAt resolvedBy\n    notes { at author text }\n  }\n"): (typeof documents)["\n  query ExceptionsQueue($filter: ExceptionFilter, $first: Int, $after: String) {\n    exceptions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { ...ExceptionRow }\n    }\n  }\n  fragment ExceptionRow on Exception {\n    id kind status severity subject subjectType summary detail assignee occurrences openedAt acknowledgedAt\n    resolvedAt ageSeconds lastSeenAt resolvedBy\n    notes { at author text }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExceptionRaised {\n    exceptionRaised { cursor id kind summary subject }\n  }\n"): (typeof documents)["\n  subscription ExceptionRaised {\n    exceptionRaised { cursor id kind summary subject }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeException($id: ID!, $note: String) { acknowledgeException(id: $id, note: $note) { ...ExceptionRow } }\n"): (typeof documents)["\n  mutation AcknowledgeException($id: ID!, $note: String) { acknowledgeException(id: $id, note: $note) { ...ExceptionRow } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignException($id: ID!, $assignee: String!) { assignException(id: $id, assignee: $assignee) { ...ExceptionRow } }\n"): (typeof documents)["\n  mutation AssignException($id: ID!, $assignee: String!) { assignException(id: $id, assignee: $assignee) { ...ExceptionRow } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveException($id: ID!, $note: String) { resolveException(id: $id, note: $note) { ...ExceptionRow } }\n"): (typeof documents)["\n  mutation ResolveException($id: ID!, $note: String) { resolveException(id: $id, note: $note) { ...ExceptionRow } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InventoryPage($sku: ID!) {\n    product(sku: $sku) {\n      sku name status\n      web: availability(channel: WEB) { available }\n      marketplace: availability(channel: MARKETPLACE) { available }\n      edi: availability(channel: EDI) { available }\n      insideSales: availability(channel: INSIDE_SALES) { available }\n      store: availability(channel: STORE) { available }\n      positions {\n        sku onHand reserved safetyStock damaged qualityControl available version updatedAt\n        incoming { quantity expectedAt }\n        location { id name kind }\n        ledger(first: 10) {\n          id at reason source actor version\n          delta { onHand reserved safetyStock damaged qualityControl }\n          resulting { available }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InventoryPage($sku: ID!) {\n    product(sku: $sku) {\n      sku name status\n      web: availability(channel: WEB) { available }\n      marketplace: availability(channel: MARKETPLACE) { available }\n      edi: availability(channel: EDI) { available }\n      insideSales: availability(channel: INSIDE_SALES) { available }\n      store: availability(channel: STORE) { available }\n      positions {\n        sku onHand reserved safetyStock damaged qualityControl available version updatedAt\n        incoming { quantity expectedAt }\n        location { id name kind }\n        ledger(first: 10) {\n          id at reason source actor version\n          delta { onHand reserved safetyStock damaged qualityControl }\n          resulting { available }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription InventoryPageChanged($skus: [ID!]) {\n    inventoryChanged(skus: $skus) { cursor sku locationId available }\n  }\n"): (typeof documents)["\n  subscription InventoryPageChanged($skus: [ID!]) {\n    inventoryChanged(skus: $skus) { cursor sku locationId available }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntegrationHealth {\n    integrationHealth {\n      stream length lastEventTime deadLetters\n      groups { group backlog pending oldestPendingAgeMs consumers }\n    }\n  }\n"): (typeof documents)["\n  query IntegrationHealth {\n    integrationHealth {\n      stream length lastEventTime deadLetters\n      groups { group backlog pending oldestPendingAgeMs consumers }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdapterHealth {\n    adapterHealth { adapter direction lastSuccessAt lastFailureAt failuresLastHour backlog }\n  }\n"): (typeof documents)["\n  query AdapterHealth {\n    adapterHealth { adapter direction lastSuccessAt lastFailureAt failuresLastHour backlog }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeadLetters($stream: String!) {\n    deadLetters(stream: $stream, first: 50) {\n      totalCount\n      nodes { id stream group reason lastError deadLetteredAt eventType subject envelope attempts { at error } }\n    }\n  }\n"): (typeof documents)["\n  query DeadLetters($stream: String!) {\n    deadLetters(stream: $stream, first: 50) {\n      totalCount\n      nodes { id stream group reason lastError deadLetteredAt eventType subject envelope attempts { at error } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayDeadLetters($stream: String!, $ids: [ID!]!) {\n    replayDeadLetters(stream: $stream, ids: $ids) { replayed missing }\n  }\n"): (typeof documents)["\n  mutation ReplayDeadLetters($stream: String!, $ids: [ID!]!) {\n    replayDeadLetters(stream: $stream, ids: $ids) { replayed missing }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Conflicts {\n    catalogConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    inventoryConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    ordersConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    shipmentsConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n  }\n  fragment ConflictRow on MasteringConflict {\n    id entityId fieldGroup source sourceVersion observedAt reason currentSource currentSourceVersion at\n  }\n"): (typeof documents)["\n  query Conflicts {\n    catalogConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    inventoryConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    ordersConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n    shipmentsConflicts(first: 20) { totalCount nodes { ...ConflictRow } }\n  }\n  fragment ConflictRow on MasteringConflict {\n    id entityId fieldGroup source sourceVersion observedAt reason currentSource currentSourceVersion at\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderDetail($id: ID!, $operator: Boolean!) {\n    order(id: $id) {\n      id channel externalId status statusReason createdAt updatedAt financialStatus erpOrderNumber\n      customer { id name email }\n      shipTo { name address { line1 city region postalCode country } }\n      total { amount currencyCode }\n      lines {\n        lineId quantity status allocatedQuantity backorderedQuantity shippedQuantity cancelledQuantity returnedQuantity\n        unitPrice { amount currencyCode }\n        product { sku name availability { available asOf } provenance @include(if: $operator) { field source sourceVersion observedAt adapterRun }\n          exceptions @include(if: $operator) { id kind status summary }\n        }\n      }\n      allocations { location { id name } lines { lineId sku quantity } }\n      shipments {\n        id status carrier service trackingNumber confirmedAt updatedAt\n        location { id name }\n        milestones { status at location description }\n      }\n      returns { id status reason createdAt refundTotal { amount currencyCode } lines { lineId quantity receivedQuantity product { sku name } } }\n      timeline { at status note actor }\n      provenance { field source sourceVersion observedAt adapterRun }\n    }\n  }\n"): (typeof documents)["\n  query OrderDetail($id: ID!, $operator: Boolean!) {\n    order(id: $id) {\n      id channel externalId status statusReason createdAt updatedAt financialStatus erpOrderNumber\n      customer { id name email }\n      shipTo { name address { line1 city region postalCode country } }\n      total { amount currencyCode }\n      lines {\n        lineId quantity status allocatedQuantity backorderedQuantity shippedQuantity cancelledQuantity returnedQuantity\n        unitPrice { amount currencyCode }\n        product { sku name availability { available asOf } provenance @include(if: $operator) { field source sourceVersion observedAt adapterRun }\n          exceptions @include(if: $operator) { id kind status summary }\n        }\n      }\n      allocations { location { id name } lines { lineId sku quantity } }\n      shipments {\n        id status carrier service trackingNumber confirmedAt updatedAt\n        location { id name }\n        milestones { status at location description }\n      }\n      returns { id status reason createdAt refundTotal { amount currencyCode } lines { lineId quantity receivedQuantity product { sku name } } }\n      timeline { at status note actor }\n      provenance { field source sourceVersion observedAt adapterRun }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderExceptions($id: ID!) {\n    order(id: $id) { id exceptions { ...ExceptionRow } }\n  }\n"): (typeof documents)["\n  query OrderExceptions($id: ID!) {\n    order(id: $id) { id exceptions { ...ExceptionRow } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderExceptionRaised {\n    exceptionRaised { cursor id subject }\n  }\n"): (typeof documents)["\n  subscription OrderExceptionRaised {\n    exceptionRaised { cursor id subject }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderDetailStatus($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) { cursor to }\n  }\n"): (typeof documents)["\n  subscription OrderDetailStatus($orderId: ID!) {\n    orderStatusChanged(orderId: $orderId) { cursor to }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderDetailShipments($orderId: ID!) {\n    shipmentUpdated(orderId: $orderId) { cursor status shipmentId }\n  }\n"): (typeof documents)["\n  subscription OrderDetailShipments($orderId: ID!) {\n    shipmentUpdated(orderId: $orderId) { cursor status shipmentId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderDetailStock($skus: [ID!]) {\n    inventoryChanged(skus: $skus) { cursor sku available }\n  }\n"): (typeof documents)["\n  subscription OrderDetailStock($skus: [ID!]) {\n    inventoryChanged(skus: $skus) { cursor sku available }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReleaseOrder($id: ID!) { releaseOrder(id: $id) { id status } }"): (typeof documents)["mutation ReleaseOrder($id: ID!) { releaseOrder(id: $id) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CancelOrder($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { id status } }"): (typeof documents)["mutation CancelOrder($id: ID!, $reason: String!) { cancelOrder(id: $id, reason: $reason) { id status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateReturn($orderId: ID!, $lines: [ReturnLineInput!]!, $reason: String!) {\n    createReturn(orderId: $orderId, lines: $lines, reason: $reason) { id status }\n  }\n"): (typeof documents)["\n  mutation CreateReturn($orderId: ID!, $lines: [ReturnLineInput!]!, $reason: String!) {\n    createReturn(orderId: $orderId, lines: $lines, reason: $reason) { id status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderSearch($filter: OrderFilter, $first: Int, $after: String) {\n    orders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id channel externalId status createdAt customer { id name } total { amount currencyCode } }\n    }\n  }\n"): (typeof documents)["\n  query OrderSearch($filter: OrderFilter, $first: Int, $after: String) {\n    orders(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id channel externalId status createdAt customer { id name } total { amount currencyCode } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderByExternalId($channel: Channel!, $externalId: String!) {\n    orderByExternalId(channel: $channel, externalId: $externalId) { id }\n  }\n"): (typeof documents)["\n  query OrderByExternalId($channel: Channel!, $externalId: String!) {\n    orderByExternalId(channel: $channel, externalId: $externalId) { id }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
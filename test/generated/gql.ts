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
    "query OrderJourney($id: ID!) {\n  order(id: $id) {\n    id\n    channel\n    externalId\n    status\n    total {\n      amount\n      currencyCode\n    }\n    lines {\n      lineId\n      quantity\n      unitPrice {\n        amount\n      }\n      product {\n        sku\n        name\n        availability {\n          available\n        }\n      }\n    }\n    shipments {\n      id\n      status\n      carrier\n      trackingNumber\n      location {\n        id\n        name\n        kind\n      }\n      milestones {\n        status\n        at\n      }\n    }\n    timeline {\n      status\n      at\n      actor\n    }\n  }\n}\n\nquery OrdersWithEverything($first: Int!, $filter: OrderFilter) {\n  orders(first: $first, filter: $filter) {\n    totalCount\n    nodes {\n      id\n      status\n      lines {\n        quantity\n        product {\n          sku\n          name\n          price {\n            amount\n          }\n          availability {\n            available\n          }\n        }\n      }\n      shipments {\n        id\n        location {\n          name\n        }\n      }\n    }\n  }\n}": typeof types.OrderJourneyDocument,
    "query ProductWithAvailability($sku: ID!) {\n  product(sku: $sku) {\n    sku\n    name\n    status\n    unitOfMeasure\n    price {\n      amount\n      currencyCode\n    }\n    availability {\n      available\n      byLocation {\n        location {\n          id\n          name\n        }\n        available\n      }\n    }\n  }\n}\n\nquery ProductsPage($filter: ProductFilter, $first: Int, $after: String) {\n  products(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      sku\n      name\n      category\n    }\n  }\n}": typeof types.ProductWithAvailabilityDocument,
};
const documents: Documents = {
    "query OrderJourney($id: ID!) {\n  order(id: $id) {\n    id\n    channel\n    externalId\n    status\n    total {\n      amount\n      currencyCode\n    }\n    lines {\n      lineId\n      quantity\n      unitPrice {\n        amount\n      }\n      product {\n        sku\n        name\n        availability {\n          available\n        }\n      }\n    }\n    shipments {\n      id\n      status\n      carrier\n      trackingNumber\n      location {\n        id\n        name\n        kind\n      }\n      milestones {\n        status\n        at\n      }\n    }\n    timeline {\n      status\n      at\n      actor\n    }\n  }\n}\n\nquery OrdersWithEverything($first: Int!, $filter: OrderFilter) {\n  orders(first: $first, filter: $filter) {\n    totalCount\n    nodes {\n      id\n      status\n      lines {\n        quantity\n        product {\n          sku\n          name\n          price {\n            amount\n          }\n          availability {\n            available\n          }\n        }\n      }\n      shipments {\n        id\n        location {\n          name\n        }\n      }\n    }\n  }\n}": types.OrderJourneyDocument,
    "query ProductWithAvailability($sku: ID!) {\n  product(sku: $sku) {\n    sku\n    name\n    status\n    unitOfMeasure\n    price {\n      amount\n      currencyCode\n    }\n    availability {\n      available\n      byLocation {\n        location {\n          id\n          name\n        }\n        available\n      }\n    }\n  }\n}\n\nquery ProductsPage($filter: ProductFilter, $first: Int, $after: String) {\n  products(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      sku\n      name\n      category\n    }\n  }\n}": types.ProductWithAvailabilityDocument,
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
export function graphql(source: "query OrderJourney($id: ID!) {\n  order(id: $id) {\n    id\n    channel\n    externalId\n    status\n    total {\n      amount\n      currencyCode\n    }\n    lines {\n      lineId\n      quantity\n      unitPrice {\n        amount\n      }\n      product {\n        sku\n        name\n        availability {\n          available\n        }\n      }\n    }\n    shipments {\n      id\n      status\n      carrier\n      trackingNumber\n      location {\n        id\n        name\n        kind\n      }\n      milestones {\n        status\n        at\n      }\n    }\n    timeline {\n      status\n      at\n      actor\n    }\n  }\n}\n\nquery OrdersWithEverything($first: Int!, $filter: OrderFilter) {\n  orders(first: $first, filter: $filter) {\n    totalCount\n    nodes {\n      id\n      status\n      lines {\n        quantity\n        product {\n          sku\n          name\n          price {\n            amount\n          }\n          availability {\n            available\n          }\n        }\n      }\n      shipments {\n        id\n        location {\n          name\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query OrderJourney($id: ID!) {\n  order(id: $id) {\n    id\n    channel\n    externalId\n    status\n    total {\n      amount\n      currencyCode\n    }\n    lines {\n      lineId\n      quantity\n      unitPrice {\n        amount\n      }\n      product {\n        sku\n        name\n        availability {\n          available\n        }\n      }\n    }\n    shipments {\n      id\n      status\n      carrier\n      trackingNumber\n      location {\n        id\n        name\n        kind\n      }\n      milestones {\n        status\n        at\n      }\n    }\n    timeline {\n      status\n      at\n      actor\n    }\n  }\n}\n\nquery OrdersWithEverything($first: Int!, $filter: OrderFilter) {\n  orders(first: $first, filter: $filter) {\n    totalCount\n    nodes {\n      id\n      status\n      lines {\n        quantity\n        product {\n          sku\n          name\n          price {\n            amount\n          }\n          availability {\n            available\n          }\n        }\n      }\n      shipments {\n        id\n        location {\n          name\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProductWithAvailability($sku: ID!) {\n  product(sku: $sku) {\n    sku\n    name\n    status\n    unitOfMeasure\n    price {\n      amount\n      currencyCode\n    }\n    availability {\n      available\n      byLocation {\n        location {\n          id\n          name\n        }\n        available\n      }\n    }\n  }\n}\n\nquery ProductsPage($filter: ProductFilter, $first: Int, $after: String) {\n  products(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      sku\n      name\n      category\n    }\n  }\n}"): (typeof documents)["query ProductWithAvailability($sku: ID!) {\n  product(sku: $sku) {\n    sku\n    name\n    status\n    unitOfMeasure\n    price {\n      amount\n      currencyCode\n    }\n    availability {\n      available\n      byLocation {\n        location {\n          id\n          name\n        }\n        available\n      }\n    }\n  }\n}\n\nquery ProductsPage($filter: ProductFilter, $first: Int, $after: String) {\n  products(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      sku\n      name\n      category\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
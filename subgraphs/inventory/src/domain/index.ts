/** The inventory domain: pure functions and types, tested without servers or stores. */
export * from './quantities.js';
export * from './locations.js';
export * from './availability.js';
export * from './channels.js';
export * from './sourcing.js';
export * from './reservation-state.js';
export * from './reservation-input.js';
export * from './position-changes.js';
export * from './commits.js';
export * from './observed-stock.js';
export * from './reconciliation.js';

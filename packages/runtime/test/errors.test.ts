import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  clientErrorOf,
  createErrorFormatter,
  createLogger,
  DomainError,
  httpStatusOf,
  notFound,
} from '../src/index.js';

const silent = createLogger({ service: 'errors-test', level: 'silent' });

describe('the one error-to-extensions.code mapping', () => {
  it('keeps a domain error’s code, message and details, also when GraphQL wrapped it', () => {
    const wrapped = new GraphQLError('wrapped', { originalError: notFound('Order', 'ord-9') });
    expect(clientErrorOf(wrapped)).toEqual({
      code: 'NOT_FOUND',
      message: 'Order "ord-9" was not found',
      extensions: { code: 'NOT_FOUND', entity: 'Order', id: 'ord-9' },
    });
  });

  it('passes client errors of the access layer and Apollo with their message, without a stack trace', () => {
    const limited = new GraphQLError('Slow down', {
      extensions: { code: 'RATE_LIMITED', stacktrace: ['at x'], retryAfter: 3 },
    });
    expect(clientErrorOf(limited)).toEqual({
      code: 'RATE_LIMITED',
      message: 'Slow down',
      extensions: { code: 'RATE_LIMITED', retryAfter: 3 },
    });
  });

  it('masks everything else', () => {
    expect(clientErrorOf(new Error('connection reset by peer'))).toBeNull();
    expect(clientErrorOf(new GraphQLError('boom', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }))).toBeNull();
    const format = createErrorFormatter(silent);
    expect(format({ message: 'secret table name', path: ['order'] }, new Error('secret table name'))).toEqual({
      message: 'Internal server error',
      path: ['order'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('formats a domain error for clients with its path and details', () => {
    const format = createErrorFormatter(silent);
    const error = new DomainError('CONFLICT', 'Order "ord-1" cannot move from SHIPPED to CANCELLED', {
      entity: 'Order',
    });
    expect(
      format({ message: 'x', path: ['cancelOrder'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error),
    ).toEqual({
      message: 'Order "ord-1" cannot move from SHIPPED to CANCELLED',
      path: ['cancelOrder'],
      extensions: { code: 'CONFLICT', entity: 'Order' },
    });
  });

  it('gives each code its HTTP status', () => {
    expect(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'UNAVAILABLE', 'INVALID_INPUT'].map(httpStatusOf)).toEqual([
      401, 403, 429, 503, 400,
    ]);
    expect(['NOT_FOUND', 'CONFLICT'].map(httpStatusOf)).toEqual([404, 409]);
  });
});

import { type ArgumentsHost, ServiceUnavailableException } from '@nestjs/common';
import type { Logger } from '../logging/logger';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ProblemException } from './problem';

function answer(exception: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const response = {
    status: (code: number) => ((sent.status = code), response),
    setHeader: (name: string, value: string) => ((sent.headers[name] = value), response),
    type: () => response,
    json: (body: Record<string, unknown>) => ((sent.body = body), response),
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/v1/orders' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  const logged: string[] = [];
  const logger = {
    warn: (_: unknown, message: string) => logged.push(`warn ${message}`),
    error: (_: unknown, message: string) => logged.push(`error ${message}`),
  } as unknown as Logger;
  new ProblemDetailsFilter(logger).catch(exception, host);
  return { ...sent, logged };
}

describe('ProblemDetailsFilter', () => {
  it('answers 503 with Retry-After when no database connection could be had, and logs it as a warning', () => {
    const sent = answer(new Error('timeout exceeded when trying to connect'));
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('1');
    expect(sent.body).toMatchObject({
      type: 'https://oms.dev/problems/unavailable',
      status: 503,
      instance: '/v1/orders',
    });
    expect(sent.logged).toEqual(['warn database unavailable; answered 503']);
  });

  it('answers 500 without details for an unexpected error, and logs it as an error', () => {
    const sent = answer(new TypeError('cannot read properties of undefined'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('cannot read');
    expect(sent.logged).toEqual(['error request failed']);
  });

  it('logs a server error the code chose (a readiness check not ready) as a warning', () => {
    const sent = answer(new ServiceUnavailableException({ status: 'error' }));
    expect(sent.status).toBe(503);
    expect(sent.logged).toEqual(['warn request answered with a server error']);
  });

  it('passes a problem through as it is', () => {
    const sent = answer(ProblemException.conflict('already shipped', 'SHIPPED'));
    expect(sent).toMatchObject({ status: 409, body: { currentState: 'SHIPPED', status: 409 }, logged: [] });
  });
});

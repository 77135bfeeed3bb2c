import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError } from '../../application/senders';
import { HttpSmsSender } from './http-sms.sender';

interface Request {
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A local SMS provider that answers each request with the next status queued (200 when none), or never. */
async function startProvider() {
  const requests: Request[] = [];
  const statuses: Array<number | 'hang'> = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: JSON.parse(body) });
      const status = statuses.shift() ?? 200;
      if (status === 'hang') return;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 200 ? { id: 'sms-1' } : { error: `status ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    statuses,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the send was expected to fail');
    },
    (error: unknown) => error as DeliveryError,
  );

describe('HttpSmsSender against a local HTTP provider', () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  beforeAll(async () => {
    provider = await startProvider();
  });
  afterAll(() => provider.close());
  beforeEach(() => {
    provider.requests.length = 0;
    provider.statuses.length = 0;
  });

  const message = (id = randomUUID()) => ({
    id,
    to: '+8613811112222',
    subject: 'unused',
    text: '订单3F2A9C1E已确认。',
  });

  it('posts { to, text, reference } with the notification id as Idempotency-Key and the bearer token', async () => {
    const sent = message();
    await new HttpSmsSender({ url: provider.url, token: 'tok-1', timeoutMs: 2_000 }).send(sent);
    expect(provider.requests).toEqual([
      {
        body: { to: '+8613811112222', text: '订单3F2A9C1E已确认。', reference: sent.id },
        headers: expect.objectContaining({
          'content-type': 'application/json',
          'idempotency-key': sent.id,
          authorization: 'Bearer tok-1',
        }),
      },
    ]);
  });

  it('sends no Authorization header without SMS_PROVIDER_TOKEN', async () => {
    await new HttpSmsSender({ url: provider.url, timeoutMs: 2_000 }).send(message());
    expect(provider.requests[0]!.headers.authorization).toBeUndefined();
  });

  it.each([
    [400, true],
    [401, true],
    [404, true],
    [422, true],
    [408, false],
    [429, false],
    [500, false],
    [502, false],
    [503, false],
  ])('treats an answer %i as permanent: %s', async (status, permanent) => {
    provider.statuses.push(status);
    const error = await failureOf(new HttpSmsSender({ url: provider.url, timeoutMs: 2_000 }).send(message()));
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.permanent).toBe(permanent);
    expect(error.message).toContain(String(status));
    expect(error.message).toContain(`status ${status}`);
  });

  it('gives up on a provider that does not answer in time, to retry later', async () => {
    provider.statuses.push('hang');
    const started = Date.now();
    const error = await failureOf(new HttpSmsSender({ url: provider.url, timeoutMs: 200 }).send(message()));
    expect(error.permanent).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('retries later when the provider cannot be reached', async () => {
    const unreachable = createServer();
    await new Promise<void>((resolve) => unreachable.listen(0, '127.0.0.1', resolve));
    const { port } = unreachable.address() as AddressInfo;
    await new Promise<void>((resolve) => unreachable.close(() => resolve()));
    const error = await failureOf(
      new HttpSmsSender({ url: `http://127.0.0.1:${port}/sms`, timeoutMs: 2_000 }).send(message()),
    );
    expect(error.permanent).toBe(false);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

import type { ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { ProblemException } from './problem';
import { type RequestWithRawBody, requireJsonBody, verifyJsonBody } from './json-body';

describe('JSON bodies', () => {
  const verify = (bytes: Buffer, encoding = 'utf-8') => {
    const request = {} as RequestWithRawBody;
    verifyJsonBody(request, {} as ServerResponse, bytes, encoding);
    return request.rawBody;
  };

  it('keeps the raw bytes of a UTF-8 body (webhook signatures are computed over them)', () => {
    const bytes = Buffer.from('{"name":"上海 😀"}');
    expect(verify(bytes)).toBe(bytes);
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong "/"', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
  ])('refuses %s as an unreadable body (400) instead of storing U+FFFD', (_, bytes) => {
    const body = Buffer.concat([Buffer.from('{"name":"a'), Buffer.from(bytes), Buffer.from('"}')]);
    expect(() => verify(body)).toThrow(expect.objectContaining({ status: 400, type: 'entity.verify.failed' }));
  });

  it('leaves a body in another declared charset to its decoder', () => {
    expect(() => verify(Buffer.from('{"a":1}', 'utf16le'), 'utf-16le')).not.toThrow();
  });

  const gate = (headers: Record<string, string>) => {
    const next = jest.fn();
    const request = { headers, is: (type: string) => headers['content-type']?.startsWith(type) ?? false };
    requireJsonBody(request as unknown as Request, {} as Response, next);
    return next.mock.calls[0][0] as unknown;
  };

  it('lets JSON bodies and requests without a body through', () => {
    expect(gate({ 'content-type': 'application/json', 'content-length': '2' })).toBeUndefined();
    expect(gate({ 'content-length': '0' })).toBeUndefined();
    expect(gate({})).toBeUndefined();
  });

  it.each(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x'])(
    'refuses a %s body with 415',
    (type) => {
      const refused = gate({ 'content-type': type, 'content-length': '9' });
      expect(refused).toBeInstanceOf(ProblemException);
      expect((refused as ProblemException).problem.status).toBe(415);
    },
  );

  it('refuses a chunked body without a content type', () => {
    expect((gate({ 'transfer-encoding': 'chunked' }) as ProblemException).problem.status).toBe(415);
  });
});

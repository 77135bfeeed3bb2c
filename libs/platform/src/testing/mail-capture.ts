import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  messageId: string;
  subject: string;
  text: string;
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?...?= and =?UTF-8?Q?...?=) in a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, encoding: string, data: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function decodeQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  const text = value.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Reads a single-part text message as nodemailer writes it. */
export function parseMail(raw: string, envelope: { from: string; to: string[] }): CapturedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headerBlock = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return {
    ...envelope,
    messageId: headers.get('message-id') ?? '',
    subject: decodeHeader(headers.get('subject') ?? ''),
    text: text.replace(/\r\n/g, '\n').trim(),
  };
}

/**
 * A real SMTP server on a free port that keeps every message; recipients starting `reject` get 550. `connections`
 * counts every connection made to it; while `down` is set it answers each one 421 (service not available) and
 * hangs up, like a server in trouble.
 */
export async function startSmtpCapture(): Promise<{
  port: number;
  mails: CapturedMail[];
  readonly connections: number;
  down: boolean;
  close: () => Promise<void>;
}> {
  const mails: CapturedMail[] = [];
  let connections = 0;
  let down = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      connections += 1;
      if (down) return callback(Object.assign(new Error('service not available'), { responseCode: 421 }));
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('reject')) {
        return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push(
          parseMail(Buffer.concat(chunks).toString('utf8'), {
            from,
            to: session.envelope.rcptTo.map((r) => r.address),
          }),
        );
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  return {
    port,
    mails,
    get connections() {
      return connections;
    },
    get down() {
      return down;
    },
    set down(value: boolean) {
      down = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedSms {
  to: string;
  text: string;
  reference: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  answeredWith: number;
}

/**
 * A local SMS provider: keeps every request; answers each phone number with the statuses queued for it
 * (`answers.set(phone, [503, 503])`), then 200.
 */
export async function startSmsReceiver(): Promise<{
  url: string;
  received: ReceivedSms[];
  answers: Map<string, number[]>;
  close: () => Promise<void>;
}> {
  const receiver = await startHttpReceiver<{ to: string; text: string; reference: string }>({
    path: '/sms',
    keyOf: (sms) => sms.to,
    answer: (_sms, n) => ({ id: `sms-${n}` }),
  });
  return {
    url: receiver.url,
    get received() {
      return receiver.received.map(({ body, headers, answeredWith }) => ({
        ...body,
        idempotencyKey: headers['idempotency-key'],
        authorization: headers.authorization,
        answeredWith,
      }));
    },
    answers: receiver.answers,
    close: receiver.close,
  };
}

export interface ReceivedRequest<TBody> {
  body: TBody;
  raw: string;
  headers: Record<string, string | undefined>;
  answeredWith: number;
}

/**
 * A local HTTP provider (SMS, payments) for tests: keeps every JSON request; answers each key (`keyOf` of the
 * body) with the statuses queued for it (`answers.set(key, [503, 503])`), then 200 with `answer(body, n)`.
 */
export async function startHttpReceiver<TBody>(options: {
  path: string;
  keyOf: (body: TBody) => string;
  answer: (body: TBody, n: number) => object;
}): Promise<{
  url: string;
  received: Array<ReceivedRequest<TBody>>;
  answers: Map<string, number[]>;
  close: () => Promise<void>;
}> {
  const received: Array<ReceivedRequest<TBody>> = [];
  const answers = new Map<string, number[]>();
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = JSON.parse(raw) as TBody;
      const status = answers.get(options.keyOf(body))?.shift() ?? 200;
      received.push({
        body,
        raw,
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
        ),
        answeredWith: status,
      });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 200 ? options.answer(body, received.length) : { error: 'try later' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${options.path}`,
    received,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

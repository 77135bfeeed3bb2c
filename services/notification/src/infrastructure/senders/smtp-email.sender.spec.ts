import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { type CapturedMail, parseMail } from '@oms/platform/testing';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { DeliveryError } from '../../application/senders';
import { isPermanentSmtpFailure, SmtpEmailSender } from './smtp-email.sender';

/** A real SMTP server on a free port: `busy…` recipients get 451, `gone…` 550; every accepted message is kept. */
async function startSmtpServer(options: Partial<SMTPServerOptions> = {}) {
  const mails: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = address.address.startsWith('busy') ? 451 : address.address.startsWith('gone') ? 550 : 0;
      if (code) return callback(Object.assign(new Error(`mailbox says ${code}`), { responseCode: code }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), envelope));
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const settings = (port: number, extra: Partial<ConstructorParameters<typeof SmtpEmailSender>[0]> = {}) => ({
  host: '127.0.0.1',
  port,
  secure: false,
  from: 'Tea House <orders@tea.example>',
  timeoutMs: 2_000,
  ...extra,
});

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the send was expected to fail');
    },
    (error: unknown) => error as DeliveryError,
  );

describe('SmtpEmailSender against a real SMTP server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());

  it('sends the message with its subject, body and a Message-ID made from the notification id', async () => {
    const id = randomUUID();
    await new SmtpEmailSender(settings(smtp.port)).send({
      id,
      to: 'li@example.cn',
      subject: '我们已收到您的订单 3F2A9C1E',
      text: '感谢您的订购。\n\n合计：¥204.00',
    });
    const mail = smtp.mails.find((m) => m.messageId === `<${id}@notification.oms>`);
    expect(mail).toEqual({
      from: 'orders@tea.example',
      to: ['li@example.cn'],
      messageId: `<${id}@notification.oms>`,
      subject: '我们已收到您的订单 3F2A9C1E',
      text: '感谢您的订购。\n\n合计：¥204.00',
    });
  });

  it('reports a 4xx reply as worth retrying and a 5xx reply as permanent', async () => {
    const sender = new SmtpEmailSender(settings(smtp.port));
    const busy = await failureOf(sender.send({ id: randomUUID(), to: 'busy@example.com', subject: 's', text: 't' }));
    expect(busy).toBeInstanceOf(DeliveryError);
    expect(busy.permanent).toBe(false);
    expect(busy.message).toContain('451');
    const gone = await failureOf(sender.send({ id: randomUUID(), to: 'gone@example.com', subject: 's', text: 't' }));
    expect(gone.permanent).toBe(true);
    expect(gone.message).toContain('550');
  });

  it('reports a server that is not there, or does not answer in time, as worth retrying', async () => {
    const refused = await failureOf(
      new SmtpEmailSender(settings(await closedPort())).send({
        id: randomUUID(),
        to: 'a@b.co',
        subject: 's',
        text: 't',
      }),
    );
    expect(refused.permanent).toBe(false);
    expect(refused.message).toMatch(/ECONNREFUSED|connect/i);

    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      const timedOut = await failureOf(
        new SmtpEmailSender(settings(port, { timeoutMs: 300 })).send({
          id: randomUUID(),
          to: 'a@b.co',
          subject: 's',
          text: 't',
        }),
      );
      expect(timedOut.permanent).toBe(false);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('SmtpEmailSender with SMTP_USER and SMTP_PASSWORD', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer({
      authOptional: false,
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 's3cret') return callback(null, { user: 'mailer' });
        callback(Object.assign(new Error('bad credentials'), { responseCode: 535 }));
      },
    });
  });
  afterAll(() => smtp.close());

  it('logs in before sending', async () => {
    const id = randomUUID();
    const sender = new SmtpEmailSender(settings(smtp.port, { user: 'mailer', password: 's3cret' }));
    await sender.send({ id, to: 'li@example.cn', subject: 'hello', text: 'body' });
    expect(smtp.mails.some((m) => m.messageId === `<${id}@notification.oms>`)).toBe(true);
  });

  it('keeps messages waiting (not failed for good) while the credentials are wrong', async () => {
    const sender = new SmtpEmailSender(settings(smtp.port, { user: 'mailer', password: 'wrong' }));
    const refused = await failureOf(sender.send({ id: randomUUID(), to: 'li@example.cn', subject: 's', text: 't' }));
    expect(refused.permanent).toBe(false);
    expect(refused.message).toContain('535');
  });
});

describe('isPermanentSmtpFailure', () => {
  it('classifies reply codes and nodemailer error codes', () => {
    expect(isPermanentSmtpFailure({ responseCode: 550, code: 'EENVELOPE' })).toBe(true);
    expect(isPermanentSmtpFailure({ responseCode: 554, code: 'EMESSAGE' })).toBe(true);
    expect(isPermanentSmtpFailure({ responseCode: 421, code: 'EPROTOCOL' })).toBe(false);
    expect(isPermanentSmtpFailure({ responseCode: 452, code: 'EENVELOPE' })).toBe(false);
    expect(isPermanentSmtpFailure({ responseCode: 535, code: 'EAUTH' })).toBe(false);
    expect(isPermanentSmtpFailure({ code: 'EENVELOPE' })).toBe(true);
    expect(isPermanentSmtpFailure({ code: 'ECONNECTION' })).toBe(false);
    expect(isPermanentSmtpFailure({ code: 'ETIMEDOUT' })).toBe(false);
    expect(isPermanentSmtpFailure(new Error('socket hang up'))).toBe(false);
  });
});

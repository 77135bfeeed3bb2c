import { createTransport, type Transporter } from 'nodemailer';
import { DeliveryError, type MessageSender, type OutgoingMessage } from '../../application/senders';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  timeoutMs: number;
}

/**
 * E-mail over SMTP (nodemailer). The Message-ID is derived from the notification id, so a message re-sent after
 * a crash between sending and recording it carries the same id and can be recognised downstream.
 */
export class SmtpEmailSender implements MessageSender {
  private readonly transport: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    this.transport = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
      // A plain local relay (tests, a sidecar) offers no STARTTLS; a real server that offers it is used with TLS.
      ignoreTLS: !settings.secure && !settings.user,
    });
  }

  async send(message: OutgoingMessage): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: `<${message.id}@notification.oms>`,
        headers: { 'X-OMS-Notification-Id': message.id },
      });
    } catch (error) {
      throw new DeliveryError(`smtp: ${(error as Error).message}`, isPermanentSmtpFailure(error));
    }
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * A 5xx reply refuses this message for good (no such mailbox, rejected content), and so does a message nodemailer
 * cannot even address. 4xx replies (busy, greylisted), timeouts and connection errors are worth retrying, and so
 * is a refused login (535): that is our configuration, not the message, and messages wait until it is fixed.
 */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const { responseCode, code } = error as { responseCode?: number; code?: string };
  if (code === 'EAUTH') return false;
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600;
  return code === 'EENVELOPE';
}

import { type CircuitBreaker, OutboundCallError } from '@oms/platform';
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
 * a crash between sending and recording it carries the same id and can be recognised downstream. SMTP 5xx
 * replies are permanent; 4xx replies and connection problems are worth retrying and count against the SMTP
 * server's circuit, which while open fails sends at once without connecting.
 */
export class SmtpEmailSender implements MessageSender {
  private readonly transport: Transporter;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly circuit: CircuitBreaker,
  ) {
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
      await this.circuit.run(() =>
        this.transport
          .sendMail({
            from: this.settings.from,
            to: message.to,
            subject: message.subject,
            text: message.text,
            messageId: `<${message.id}@notification.oms>`,
            headers: { 'X-OMS-Notification-Id': message.id },
          })
          .catch((error: unknown) => {
            // In the platform's terms, so that the circuit tells a refusal (5xx) from a server in trouble.
            const code = (error as { responseCode?: number }).responseCode;
            const permanent = typeof code === 'number' && code >= 500 && code < 600;
            throw new OutboundCallError(`smtp: ${(error as Error).message}`, permanent, code);
          }),
      );
    } catch (error) {
      if (error instanceof OutboundCallError) throw DeliveryError.from(error);
      throw new DeliveryError(`smtp: ${(error as Error).message}`, false);
    }
  }

  close(): void {
    this.transport.close();
  }
}

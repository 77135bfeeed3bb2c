import { CircuitOpenError, type OutboundCallError } from '@oms/platform';

/** A message ready for its channel; `id` is the notification's, so a provider can recognise a re-send. */
export interface OutgoingMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** One channel's way out (SMTP, an SMS provider). Throws DeliveryError when the message did not go. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

export const EMAIL_SENDER = Symbol('notification:email-sender');
export const SMS_SENDER = Symbol('notification:sms-sender');

/**
 * A send that failed: `permanent` when trying again cannot help (the provider refused the message);
 * `notCalledUntil` when the provider was not even called because its circuit is open: not an attempt.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly notCalledUntil?: Date,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }

  static from(error: OutboundCallError): DeliveryError {
    return new DeliveryError(
      error.message,
      error.permanent,
      error instanceof CircuitOpenError ? error.retryAfter : undefined,
    );
  }
}

import type { Locale } from '@oms/contracts';

export const CHANNELS = ['email', 'sms', 'webhook'] as const;
export type NotificationChannel = (typeof CHANNELS)[number];

/** A logged message waits PENDING until a sender delivers it (SENT), gives up (FAILED) or has nothing to do (SKIPPED). */
export const NOTIFICATION_STATUSES = ['PENDING', 'SENT', 'FAILED', 'SKIPPED'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export interface Preferences {
  email: boolean;
  sms: boolean;
  locale: Locale;
}

export interface Contact {
  email?: string | null;
  phone?: string | null;
  locale?: Locale | null;
}

export interface PlannedMessage {
  channel: NotificationChannel;
  recipient: string;
  locale: Locale;
}

/** Without a stated preference a customer gets email (where we have an address) and no SMS. */
export const DEFAULT_PREFERENCES: Omit<Preferences, 'locale'> = { email: true, sms: false };
export const FALLBACK_LOCALE: Locale = 'en';

/**
 * Which messages a customer gets: each channel they allow and we have an address for, in their chosen locale,
 * else the order's, else English.
 */
export function planCustomerMessages(contact: Contact, preferences: Preferences | null): PlannedMessage[] {
  const locale = preferences?.locale ?? contact.locale ?? FALLBACK_LOCALE;
  const allows = preferences ?? DEFAULT_PREFERENCES;
  const plan: PlannedMessage[] = [];
  if (allows.email && contact.email) plan.push({ channel: 'email', recipient: contact.email, locale });
  if (allows.sms && contact.phone) plan.push({ channel: 'sms', recipient: contact.phone, locale });
  return plan;
}

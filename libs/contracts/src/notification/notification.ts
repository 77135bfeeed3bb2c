/** How a notification reaches its recipient. */
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'webhook'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** Template names: kebab-case (`order-confirmed`, `shipment-dispatched`, `low-stock-alert`). */
export const TEMPLATE_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

/** Who a notification is for: the order's customer or staff who must act. */
export const AUDIENCES = ['customer', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Whether a cancellation takes the whole order or only some of its lines. */
export const CANCELLATION_SCOPES = ['order', 'lines'] as const;
export type CancellationScope = (typeof CANCELLATION_SCOPES)[number];

/** What caused a cancellation: the customer message and the data teams depend on it. */
export const CANCELLATION_CAUSES = [
  'customer-request',
  'staff',
  'payment-timeout',
  'backorder-timeout',
  'out-of-stock',
  'fraud',
  'other',
] as const;
export type CancellationCause = (typeof CANCELLATION_CAUSES)[number];

import { PermanentEventError } from '@oms/platform';
import { OrderRuleError } from '../../domain/order';
import { IllegalTransitionError } from '../../domain/order-status';

/** An event the order's rules refuse will be refused every time: dead-letter it at once for ops to see. */
export async function permanentOnRuleError(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof OrderRuleError || error instanceof IllegalTransitionError)
      throw new PermanentEventError(error.message);
    throw error;
  }
}

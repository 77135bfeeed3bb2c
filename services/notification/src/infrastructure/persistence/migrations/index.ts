import { CreateNotifications1700000005000 } from './1700000005000-create-notifications';
import { StateChecks1700000005100 } from './1700000005100-state-checks';
import { OrderProjectionAndDelivery1700000005200 } from './1700000005200-order-projection-and-delivery';

export const MIGRATIONS = [
  CreateNotifications1700000005000,
  StateChecks1700000005100,
  OrderProjectionAndDelivery1700000005200,
];

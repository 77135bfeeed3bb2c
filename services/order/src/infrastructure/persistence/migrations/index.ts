import { CreateOrders1700000001000 } from './1700000001000-create-orders';

export const ORDER_MIGRATIONS = [CreateOrders1700000001000];

import { CreateShipments1700000003000 } from './1700000003000-create-shipments';
import { Dispatch1700000003100 } from './1700000003100-dispatch';
import { CarrierEvents1700000003200 } from './1700000003200-carrier-events';
import { Purpose1700000003300 } from './1700000003300-purpose';
import { CancelledOrders1700000003400 } from './1700000003400-cancelled-orders';

export const MIGRATIONS = [
  CreateShipments1700000003000,
  Dispatch1700000003100,
  CarrierEvents1700000003200,
  Purpose1700000003300,
  CancelledOrders1700000003400,
];

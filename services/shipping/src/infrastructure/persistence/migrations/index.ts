import { CreateShipments1700000003000 } from './1700000003000-create-shipments';

export const MIGRATIONS = [CreateShipments1700000003000];

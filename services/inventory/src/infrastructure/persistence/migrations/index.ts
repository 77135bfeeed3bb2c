import { CreateStock1700000001500 } from './1700000001500-create-stock';
import { CreateReservations1700000001600 } from './1700000001600-create-reservations';

export const INVENTORY_MIGRATIONS = [CreateStock1700000001500, CreateReservations1700000001600];

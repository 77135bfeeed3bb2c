import { CreateStock1700000001500 } from './1700000001500-create-stock';

export const INVENTORY_MIGRATIONS = [CreateStock1700000001500];

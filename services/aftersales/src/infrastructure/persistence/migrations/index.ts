import { CreateAftersales1700000004000 } from './1700000004000-create-aftersales';

export const MIGRATIONS = [CreateAftersales1700000004000];

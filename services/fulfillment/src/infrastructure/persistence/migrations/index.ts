import { CreatePickLists1700000002000 } from './1700000002000-create-pick-lists';

export const MIGRATIONS = [CreatePickLists1700000002000];

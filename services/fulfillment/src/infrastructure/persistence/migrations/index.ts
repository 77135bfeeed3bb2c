import { CreatePickLists1700000002000 } from './1700000002000-create-pick-lists';
import { PickAndPack1700000002100 } from './1700000002100-pick-and-pack';

export const MIGRATIONS = [CreatePickLists1700000002000, PickAndPack1700000002100];

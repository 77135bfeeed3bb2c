import { CreatePickLists1700000002000 } from './1700000002000-create-pick-lists';
import { PickAndPack1700000002100 } from './1700000002100-pick-and-pack';
import { Purpose1700000002200 } from './1700000002200-purpose';
import { MergedPickLists1700000002300 } from './1700000002300-merged-pick-lists';

export const MIGRATIONS = [
  CreatePickLists1700000002000,
  PickAndPack1700000002100,
  Purpose1700000002200,
  MergedPickLists1700000002300,
];

import { CreateAftersales1700000004000 } from './1700000004000-create-aftersales';
import { StateChecks1700000004100 } from './1700000004100-state-checks';
import { Refunds1700000004200 } from './1700000004200-refunds';
import { CaseSources1700000004300 } from './1700000004300-case-sources';
import { Returns1700000004400 } from './1700000004400-returns';

export const MIGRATIONS = [
  CreateAftersales1700000004000,
  StateChecks1700000004100,
  Refunds1700000004200,
  CaseSources1700000004300,
  Returns1700000004400,
];

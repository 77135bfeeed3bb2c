import { CreateAftersales1700000004000 } from './1700000004000-create-aftersales';
import { StateChecks1700000004100 } from './1700000004100-state-checks';

export const MIGRATIONS = [CreateAftersales1700000004000, StateChecks1700000004100];

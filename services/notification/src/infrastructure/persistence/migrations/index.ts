import { CreateNotifications1700000005000 } from './1700000005000-create-notifications';
import { StateChecks1700000005100 } from './1700000005100-state-checks';

export const MIGRATIONS = [CreateNotifications1700000005000, StateChecks1700000005100];

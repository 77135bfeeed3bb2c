import { CreateNotifications1700000005000 } from './1700000005000-create-notifications';

export const MIGRATIONS = [CreateNotifications1700000005000];
